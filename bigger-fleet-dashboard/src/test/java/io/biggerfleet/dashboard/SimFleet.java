package io.biggerfleet.dashboard;

import io.biggerfleet.FleetClient;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.pantahub.PantahubClient;
import io.biggerfleet.pantahub.sim.DeviceSpec;
import io.biggerfleet.pantahub.sim.PantahubSimulator;
import io.biggerfleet.pantahub.sim.Rule;
import io.biggerfleet.pantahub.sim.Scenario;
import io.biggerfleet.pantahub.sim.SimClock;
import io.biggerfleet.store.InMemoryFleetStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The walkthrough's fleet on a simulated Pantahub with a {@link SimClock}: groups, canary tags, and
 * rollout {@code ROLLOUT5} (a canary step, then FINAL) run until FINAL is under way with one failure
 * (attic-wifi's kernel does not boot) while living-wifi is offline, so the rollout stays ACTIVE. One device carries a hostile value (markup in a user-meta
 * attribute) for the escaping checks.
 */
final class SimFleet implements AutoCloseable {
  static final String HOSTILE =
      "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">";
  static final String FAILING = "attic-wifi";
  static final String OFFLINE = "living-wifi";
  static final String FAILURE_MESSAGE = "starting new kernel failed - segmentation fault";

  final SimClock clock = SimClock.at("2026-03-02T09:00:00Z");
  final PantahubSimulator sim;
  final FleetClient fleet;

  SimFleet() {
    Scenario walkthrough = Scenario.walkthrough();
    Scenario.Builder b = Scenario.builder().user("user1", "user1").seed(7);
    for (DeviceSpec d : walkthrough.devices()) {
      DeviceSpec.Builder db = DeviceSpec.builder(d.nick())
          .owner(d.owner())
          .deviceMeta(d.deviceMeta())
          .userMeta(d.userMeta());
      if (d.nick().equals("gardenpool-wifi")) {
        db.userMeta("note", HOSTILE);
      }
      b.device(db.build());
    }
    b.rule(Rule.builder()
        .when("nick", FAILING)
        .whenCommitMessageContains("kernel")
        .fail(FAILURE_MESSAGE)
        .build());
    // One device stays away for weeks, so FINAL waits for its timeout and ROLLOUT5 stays ACTIVE.
    b.rule(Rule.builder()
        .when("nick", OFFLINE)
        .whenCommitMessageContains("kernel")
        .goOffline(Duration.ofDays(30))
        .build());
    sim = PantahubSimulator.builder()
        .scenario(b.build())
        .clock(clock)
        .tokenLifetime(Duration.ofDays(30))
        .start();
    PantahubClient hub = PantahubClient.builder()
        .baseUri(sim.baseUri())
        .clock(clock)
        .login("user1", "user1".toCharArray())
        .build();
    fleet = FleetClient.builder()
        .registry(hub.devices())
        .trails(hub.trails())
        .store(new InMemoryFleetStore())
        .clock(clock)
        .actor("test")
        .build();
    fleet.importDevices();
  }

  /** Groups, canary tags and ROLLOUT5 activated and run until FINAL has a failure. */
  SimFleet withRollout() {
    fleet.addGroup("/", "/co/cisco/121XPs", "Manufacturer==\"Cisco\"", "Model==\"121XPs\"");
    fleet.addGroup("/", "/lab", "Manufacturer==\"Raspberry Pi\"");
    fleet.tagAll("/co/cisco/121XPs", "canary");
    fleet.addGroup("/", "/specialsets/canary", "Fleet-Tags contains \"canary\"");
    String kernel =
        sim.putObject("user1", "kernel", "kernel 5.15".getBytes(StandardCharsets.UTF_8));
    fleet
        .rollouts()
        .create(Rollout.builder("ROLLOUT5")
            .change("set kernel=" + kernel)
            .message("update kernel across device fleet")
            .devices("/")
            .time("2d")
            .timeout("12h")
            .success("50%,50%")
            .pacing(new io.biggerfleet.model.Pacing(
                null, io.biggerfleet.model.RateRamp.parse("1000/min", null)))
            .build());
    fleet.rollouts().addStep("ROLLOUT5", "/specialsets/canary", "1h", "1h", "100%,100%");
    fleet.rollouts().activate("ROLLOUT5");
    for (int i = 0; i < 500 && fleet.rollouts().failures("ROLLOUT5").isEmpty(); i++) {
      advance(Duration.ofMinutes(30));
    }
    if (fleet.rollouts().failures("ROLLOUT5").isEmpty()) {
      throw new IllegalStateException(
          "ROLLOUT5 never failed a device: " + fleet.rollouts().statusLine("ROLLOUT5"));
    }
    return this;
  }

  /** Moves simulated time (devices act) and lets the engine do what is due. */
  void advance(Duration d) {
    sim.advance(d);
    fleet.rollouts().tick();
  }

  String idOf(String nick) {
    var d = sim.device(nick).orElseThrow();
    return d.id() + "@" + sim.baseUri().getHost() + ":" + sim.baseUri().getPort();
  }

  @Override
  public void close() {
    sim.close();
  }
}
