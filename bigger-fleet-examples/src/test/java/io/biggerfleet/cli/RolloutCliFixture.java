package io.biggerfleet.cli;

import io.biggerfleet.FleetClient;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.pantahub.FileTokenStore;
import io.biggerfleet.pantahub.PantahubClient;
import io.biggerfleet.pantahub.sim.DeviceSpec;
import io.biggerfleet.pantahub.sim.PantahubSimulator;
import io.biggerfleet.pantahub.sim.Rule;
import io.biggerfleet.pantahub.sim.Scenario;
import io.biggerfleet.pantahub.sim.SimClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The walkthrough fleet on a {@link PantahubSimulator} and a CLI state folder logged in to it, for the
 * rollout command tests. Devices are imported, {@code gardenpool-wifi} and {@code devbox3-wifi} tagged
 * {@code canary}, and {@code /specialsets/canary} grouped through {@link FleetClient} (the device
 * commands are another helper's).
 *
 * <p>Failures, by simulator rules, for changes whose commit message contains "update kernel":
 * {@code devbox3-wifi} fails with "app checksum mismatch - download corrupted." while its user-meta
 * {@code cdn} is {@code corrupt} (the test "fixes the CDN" by changing it, then a retry succeeds);
 * {@code devbox4-wifi} fails with "starting new kernel failed - segmentation fault" while its state
 * still holds the factory pantavisor (a detour that sets {@code bsp/pantavisor} fixes it).
 */
final class RolloutCliFixture implements AutoCloseable {
  static final String FACTORY_PANTAVISOR = "pantavisor 019 (factory)";

  final SimClock clock = SimClock.at("2026-03-02T09:00:00Z");
  final Path home;
  final PantahubSimulator sim;
  final String kernelSha;
  final String pantavisorSha;
  final Map<String, DeviceId> ids = new HashMap<>();
  StringWriter out = new StringWriter();
  StringWriter err = new StringWriter();
  private int sleeps;
  private int maxSleeps = 400;
  /** Called with the refresh number before each refresh of a {@code --watch} (another operator acting). */
  java.util.function.IntConsumer onSleep = n -> {};

  RolloutCliFixture(Path home) {
    this(home, walkthroughWithFailures(), true);
  }

  /** {@code scenario}'s devices imported; with {@code canaries}, tagged and grouped as the walkthrough. */
  RolloutCliFixture(Path home, Scenario scenario, boolean canaries) {
    this.home = home;
    this.sim = PantahubSimulator.builder().scenario(scenario).clock(clock).start();
    this.kernelSha =
        sim.putObject("user1", "kernel-5.15", "kernel 5.15".getBytes(StandardCharsets.UTF_8));
    this.pantavisorSha = sim.putObject(
        "user1", "bsp/pantavisor-020", "pantavisor 020".getBytes(StandardCharsets.UTF_8));
    relogin();
    try (CliSession s = session()) {
      s.saveConfig("hub", sim.baseUri().toString());
      s.saveConfig("user", "user1");
    }
    try (CliSession s = session()) {
      FleetClient fleet = s.fleet();
      fleet.importDevices();
      if (canaries) {
        for (Device d : fleet.devices()) {
          ids.put(d.nick(), d.id());
        }
        fleet.tag(ids.get("gardenpool-wifi"), "canary");
        fleet.tag(ids.get("devbox3-wifi"), "canary");
        fleet.addGroup("/", "/specialsets/canary", "Fleet-Tags contains canary");
      }
    }
  }

  private static Scenario walkthroughWithFailures() {
    Scenario walkthrough = Scenario.walkthrough();
    Scenario.Builder b = Scenario.builder().user("user1", "user1").seed(walkthrough.seed());
    for (DeviceSpec d : walkthrough.devices()) {
      DeviceSpec.Builder db = DeviceSpec.builder(d.nick())
          .owner(d.owner())
          .deviceMeta(d.deviceMeta())
          .userMeta(d.userMeta());
      if (d.nick().equals("devbox3-wifi")) {
        db.userMeta("cdn", "corrupt");
      }
      b.device(db.build());
    }
    String factoryPv = sha256(FACTORY_PANTAVISOR);
    b.rule(Rule.builder()
        .when("nick", "devbox3-wifi")
        .when("cdn", "corrupt")
        .whenCommitMessageContains("update kernel")
        .fail("app checksum mismatch - download corrupted.")
        .build());
    b.rule(Rule.builder()
        .when("nick", "devbox4-wifi")
        .whenCommitMessageContains("update kernel")
        .whenStateContains(factoryPv)
        .fail("starting new kernel failed - segmentation fault")
        .build());
    return b.build();
  }

  private static String sha256(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256")
              .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  CliEnvironment env() {
    return CliEnvironment.builder()
        .env(Map.of(CliHome.ENV, home.toString()))
        .clock(clock)
        .sleeper(d -> {
          if (++sleeps > maxSleeps) {
            throw new AssertionError("--watch did not end within " + maxSleeps + " refreshes");
          }
          onSleep.accept(sleeps);
          sim.advance(d);
        })
        .build();
  }

  CliSession session() {
    return new CliSession(
        env(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
  }

  /** Runs one command line in-process with fresh output buffers; returns the exit code. */
  int cli(String... args) {
    relogin();
    out = new StringWriter();
    err = new StringWriter();
    return BiggerFleetCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env());
  }

  String out() {
    return out.toString();
  }

  String err() {
    return err.toString();
  }

  /** The stored rollout, read without the CLI. */
  Rollout rollout(String name) {
    try (CliSession s = session()) {
      return s.fleet().rollouts().get(name);
    }
  }

  /**
   * Moves simulated time in {@code step}s (the devices act), letting the engine tick after each, until
   * {@code done} holds for the rollout or {@code max} has passed; returns the rollout.
   */
  Rollout runUntil(String name, Predicate<Rollout> done, Duration step, Duration max) {
    Duration passed = Duration.ZERO;
    while (true) {
      relogin();
      Rollout r = rollout(name);
      if (done.test(r) || passed.compareTo(max) >= 0) {
        return r;
      }
      sim.advance(step);
      passed = passed.plus(step);
    }
  }

  /** A fresh token in the token file (the simulator's tokens live 60 simulated minutes). */
  void relogin() {
    Path tokens = home.resolve(CliSession.TOKEN_FILE);
    try {
      Files.deleteIfExists(tokens);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PantahubClient.builder()
        .baseUri(sim.baseUri())
        .login("user1", "user1".toCharArray())
        .tokenStore(FileTokenStore.at(tokens))
        .clock(clock)
        .build()
        .auth()
        .status();
  }

  /** Sets a user-meta value of a device on the hub (as the owner). */
  void setUserMeta(String nick, String key, String value) {
    relogin();
    try (CliSession s = session()) {
      s.pantahub().devices().patchUserMeta(ids.get(nick), Map.of(key, value));
    }
  }

  @Override
  public void close() {
    sim.close();
  }
}
