package io.biggerfleet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.FleetClient;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.pantahub.PantahubClient;
import io.biggerfleet.pantahub.sim.PantahubSimulator;
import io.biggerfleet.pantahub.sim.Rule;
import io.biggerfleet.pantahub.sim.Scenario;
import io.biggerfleet.pantahub.sim.SimClock;
import io.biggerfleet.rollout.Failure;
import io.biggerfleet.store.InMemoryFleetStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Example: testing your own rollout logic without waiting — the engine and a simulated hub share a
 * {@link SimClock}; the test moves it, so a five-day rollout runs in a second. Copy this shape into
 * your app's tests.
 */
class EngineOnManualClockExampleTest {
  final SimClock clock = SimClock.at("2026-03-02T09:00:00Z");
  PantahubSimulator sim;
  FleetClient fleet;
  String kernel;

  @BeforeEach
  void fleetOnASimulatedHub() {
    Scenario scenario = Scenario.walkthrough().toBuilder()
        .rule(Rule.builder()
            .when("nick", "attic-wifi")
            .whenCommitMessageContains("kernel")
            .fail("starting new kernel failed - segmentation fault")
            .build())
        .build();
    sim = PantahubSimulator.builder().scenario(scenario).clock(clock).start();
    PantahubClient hub = PantahubClient.builder()
        .baseUri(sim.baseUri())
        .clock(clock)
        .registryName(
            "sim.pantahub.local") // device ids (and so each device's place in the spread) must not
        // follow the port
        .login("user1", "user1".toCharArray())
        .build();
    fleet = FleetClient.builder()
        .registry(hub.devices())
        .trails(hub.trails())
        .store(new InMemoryFleetStore())
        .clock(clock)
        .build();
    fleet.importDevices();
    kernel = sim.putObject("user1", "kernel", "kernel 5.15".getBytes(StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  /** Moves simulated time in 10-minute steps (devices act, the engine ticks) until the rollout ends. */
  Rollout runToEnd(String name) {
    for (int i = 0;
        i < 6 * 24 * 10 && fleet.rollouts().get(name).state() == RolloutState.ACTIVE;
        i++) {
      sim.advance(Duration.ofMinutes(10));
      fleet.rollouts().tick();
    }
    return fleet.rollouts().get(name);
  }

  @Test
  void fiveDayRollout_whereOneDeviceFails_endsDoneWithTheFailureListed() {
    fleet
        .rollouts()
        .create(Rollout.builder("R")
            .change("set kernel=" + kernel)
            .message("update kernel")
            .devices("/")
            .time("5d")
            .timeout("12h")
            .success("85%,90%")
            .build());
    fleet.rollouts().activate("R");

    Rollout r = runToEnd("R");

    assertThat(r.state()).isEqualTo(RolloutState.DONE);
    assertThat(clock.instant()).isAfter(Instant.parse("2026-03-06T09:00:00Z"));
    List<Failure> failures = fleet.rollouts().failures("R");
    assertThat(failures).hasSize(1);
    assertThat(failures.get(0).message())
        .isEqualTo("starting new kernel failed - segmentation fault");
  }
}
