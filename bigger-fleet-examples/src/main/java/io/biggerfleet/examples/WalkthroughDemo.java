package io.biggerfleet.examples;

import io.biggerfleet.cli.BiggerFleetCli;
import io.biggerfleet.cli.CliEnvironment;
import io.biggerfleet.pantahub.PantahubClient;
import io.biggerfleet.pantahub.sim.DeviceSpec;
import io.biggerfleet.pantahub.sim.PantahubSimulator;
import io.biggerfleet.pantahub.sim.Rule;
import io.biggerfleet.pantahub.sim.Scenario;
import io.biggerfleet.pantahub.sim.SimBrowser;
import io.biggerfleet.pantahub.sim.SimClock;
import io.biggerfleet.pantahub.sim.SimDevice;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The walkthrough, end to end, on an embedded Pantahub simulator and an H2 store in a fresh state
 * folder, on an accelerated clock: it runs the real {@code bigger-fleet} commands in-process and prints
 * each as a user would type it, followed by its output — log in, entrust devices, list them, show
 * attributes, group and tag, create ROLLOUT5 with a canary step, activate and watch it; a canary fails
 * (a corrupted download), is retried and passes; in FINAL a device fails (its old pantavisor cannot boot
 * the new kernel) and is rerouted through a pantavisor update; the rollout ends DONE. What
 * {@code bigger-fleet demo} runs.
 *
 * <p>Simulated time only moves while a command waits ({@code --watch} refreshes); a five-day rollout
 * takes seconds. Not thread-safe; one run per instance.
 */
public final class WalkthroughDemo {
  /** A canary that fails until its (simulated) CDN is fixed. */
  static final String CORRUPT_CANARY = "devbox3-wifi";
  /** A device whose factory pantavisor cannot boot the new kernel. */
  static final String OLD_PANTAVISOR = "devbox4-wifi";

  private static final int MAX_LINES = 30;

  private final int extraDevices;
  private final long seed;
  private final boolean keep;
  private final PrintWriter out;

  /**
   * @param extraDevices generated devices added to the walkthrough's eleven
   * @param seed seeds the generated devices and their timing
   * @param keep keep the state folder and print how to look at it with the CLI
   */
  public WalkthroughDemo(int extraDevices, long seed, boolean keep, PrintWriter out) {
    if (extraDevices < 0 || extraDevices > 200_000) {
      throw new io.biggerfleet.InvalidInputException(
          "--devices must be between 0 and 200000, was " + extraDevices);
    }
    this.extraDevices = extraDevices;
    this.seed = seed;
    this.keep = keep;
    this.out = out;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    int code =
        new WalkthroughDemo(args.length > 0 ? Integer.parseInt(args[0]) : 0, 1, false, out).run();
    System.exit(code);
  }

  /** Runs the walkthrough; returns 0 when the rollout ended DONE, 1 otherwise. */
  public int run() {
    DemoDashboard dashboard = null;
    long started = System.nanoTime();
    Path home = tempHome();
    SimClock clock = SimClock.at("2026-03-02T09:00:00Z");
    out.println("# Starting a Pantahub simulator with the walkthrough's 11 devices"
        + (extraDevices > 0 ? String.format(" and %,d generated ones", extraDevices) : "")
        + " ...");
    try (PantahubSimulator sim = PantahubSimulator.builder()
        .scenario(scenario())
        .clock(clock)
        .tokenLifetime(Duration.ofDays(30))
        .start()) {
      String kernel = sim.putObject(
          "user1", "kernel-5.15", "kernel 5.15 (ROLLOUT5)".getBytes(StandardCharsets.UTF_8));
      String pantavisor = sim.putObject(
          "user1", "bsp/pantavisor-020", "pantavisor 020".getBytes(StandardCharsets.UTF_8));
      Session s = new Session(home, sim, clock);
      out.println("# Hub " + sim.baseUri() + ", user user1; state in " + home
          + "; simulated time starts " + clock.instant());
      dashboard = DemoDashboard.start(home, sim, clock);
      out.println("# Dashboard: " + dashboard.uri() + " (read-only; live while the demo runs"
          + (keep ? ", then until Ctrl-C" : "; --keep keeps it up") + ")");
      out.println();

      s.run("login", "prn::pantahub.com:auth/user1");
      s.run("add-devices");
      s.run("devices");
      s.run("attributes", "bathroom-wifi");
      s.run("addgroup", "/", "/co/cisco/121XPs", "Manufacturer==\"Cisco\"", "Model==\"121XPs\"");
      s.run("ls", "/co/cisco/121XPs");
      String pool = id(sim, "gardenpool-wifi");
      s.run("tags", "add", "/co/cisco/121XPs/" + pool, "canary");
      s.run("tags", "add", "/" + id(sim, CORRUPT_CANARY), "canary");
      s.run("addgroup", "/", "/specialsets/canary", "fleet:Fleet-Tags contains \"canary\"");
      s.run(
          "rollouts",
          "add",
          "ROLLOUT5",
          "change=set kernel=prn::pantahub.com:objects:/" + kernel,
          "message=update kernel across device fleet",
          "devices=/",
          "time=5d",
          "timeout=12h",
          "success=85%,99%");
      s.run(
          "rollouts",
          "ROLLOUT5",
          "stepadd",
          "devices=/specialsets/canary",
          "time=4h",
          "timeout=1h",
          "success=100%,100%",
          "soak=1h");
      s.run("rollouts", "ROLLOUT5");
      s.run("rollouts", "ROLLOUT5", "activate");
      s.run("rollouts", "ROLLOUT5", "--watch", "--interval", "1h");
      s.run("failures", "ROLLOUT5");
      out.println("# The CDN that served " + CORRUPT_CANARY
          + " a corrupted download is fixed; retry the canary.");
      s.fixCdn(CORRUPT_CANARY);
      s.run("retry", id(sim, CORRUPT_CANARY) + "@1");
      s.run("rollouts", "ROLLOUT5", "--watch", "--interval", "12h");
      s.run("failures", "ROLLOUT5");
      out.println("# " + OLD_PANTAVISOR
          + " cannot boot the new kernel with its factory pantavisor: reroute the failed"
          + " devices through a pantavisor update first.");
      s.run(
          "reroute",
          "ROLLOUT5",
          "ALLFAIL",
          "change=set bsp/pantavisor=prn::pantahub.com:objects:/" + pantavisor);
      int watched = s.run("rollouts", "ROLLOUT5", "--watch", "--interval", "12h");
      s.run("rollouts");
      out.printf(
          "# Done in %.1f s of real time; %s of simulated time.%n",
          (System.nanoTime() - started) / 1e9,
          io.biggerfleet.model.Durations.human(
              Duration.between(java.time.Instant.parse("2026-03-02T09:00:00Z"), clock.instant())));
      if (keep) {
        out.println("# The state folder is kept: BIGGER_FLEET_HOME=" + home + "; the simulator ("
            + sim.baseUri() + ") and the dashboard (" + dashboard.uri()
            + ") stay up until Ctrl-C.");
        out.flush();
        try {
          new java.util.concurrent.CountDownLatch(1).await(); // Ctrl-C ends the JVM
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return watched == 0 ? 0 : 1;
    } finally {
      if (dashboard != null) {
        dashboard.close();
      }
      if (!keep) {
        delete(home);
      }
      out.flush();
    }
  }

  /** Runs commands in-process against the simulator, printing them as typed. */
  private final class Session {
    private final Path home;
    private final PantahubSimulator sim;
    private final SimClock clock;

    Session(Path home, PantahubSimulator sim, SimClock clock) {
      this.home = home;
      this.sim = sim;
      this.clock = clock;
    }

    int run(String... args) {
      out.println("$ bigger-fleet " + display(args));
      StringWriter o = new StringWriter();
      CliEnvironment env = CliEnvironment.builder()
          .env(Map.of(
              "BIGGER_FLEET_HOME",
              home.toString(),
              "BIGGER_FLEET_HUB",
              sim.baseUri().toString()))
          .clock(clock)
          .browser(SimBrowser.as("user1", "user1"))
          .in(new StringReader(""))
          .sleeper(sim::advance)
          .build();
      PrintWriter w = new PrintWriter(o, true);
      long t0 = System.nanoTime();
      int code = BiggerFleetCli.run(args, w, w, env);
      if (Boolean.getBoolean("demo.timing")) {
        System.err.printf("[%.1f s] %s%n", (System.nanoTime() - t0) / 1e9, String.join(" ", args));
      }
      List<String> lines = o.toString().lines().toList();
      if (lines.size() <= MAX_LINES) {
        lines.forEach(out::println);
      } else { // the start and the end matter (a watch ends with the outcome)
        lines.subList(0, MAX_LINES / 2).forEach(out::println);
        out.printf("... (%,d lines)%n", lines.size() - MAX_LINES);
        lines.subList(lines.size() - MAX_LINES / 2, lines.size()).forEach(out::println);
      }
      out.println();
      out.flush();
      return code;
    }

    void fixCdn(String nick) {
      PantahubClient hub = PantahubClient.builder()
          .baseUri(sim.baseUri())
          .clock(clock)
          .login("user1", "user1".toCharArray())
          .build();
      hub.devices()
          .patchUserMeta(io.biggerfleet.device.DeviceId.parse(id(sim, nick)), Map.of("cdn", "ok"));
    }
  }

  private static String id(PantahubSimulator sim, String nick) {
    SimDevice d = sim.device(nick).orElseThrow();
    return d.id() + "@" + sim.baseUri().getHost() + ":" + sim.baseUri().getPort();
  }

  private static String display(String[] args) {
    List<String> shown = new ArrayList<>();
    for (String a : args) {
      shown.add(a.matches("[A-Za-z0-9_./@:=%,*+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
    }
    return String.join(" ", shown);
  }

  private Scenario scenario() {
    Scenario walkthrough = Scenario.walkthrough();
    Scenario.Builder b = Scenario.builder().user("user1", "user1").seed(seed);
    for (DeviceSpec d : walkthrough.devices()) {
      DeviceSpec.Builder db = DeviceSpec.builder(d.nick())
          .owner(d.owner())
          .deviceMeta(d.deviceMeta())
          .userMeta(d.userMeta());
      if (d.nick().equals(CORRUPT_CANARY)) {
        db.userMeta("cdn", "corrupt");
      }
      b.device(db.build());
    }
    Scenario.generated(extraDevices, seed).devices().forEach(b::device);
    b.rule(Rule.builder()
        .when("nick", CORRUPT_CANARY)
        .when("cdn", "corrupt")
        .whenCommitMessageContains("update kernel")
        .fail("app checksum mismatch - download corrupted.")
        .build());
    b.rule(Rule.builder()
        .when("nick", OLD_PANTAVISOR)
        .whenCommitMessageContains("update kernel")
        .whenStateContains(sha256("pantavisor 019 (factory)"))
        .fail("starting new kernel failed - segmentation fault")
        .build());
    return b.build();
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path tempHome() {
    try {
      return Files.createTempDirectory("bigger-fleet-demo-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temp folder
    }
  }
}
