package io.biggerfleet.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.event.EventType;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.model.RolloutStep;
import io.biggerfleet.model.StepConfig;
import io.biggerfleet.model.StepGuards;
import io.biggerfleet.spi.HealthCheck;
import io.biggerfleet.testing.FakeTrails;
import io.biggerfleet.testing.SimFleet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Health gates: the built-in soak ({@code soak=2h}) and plugged-in {@link HealthCheck}s, on a manual clock. */
class RolloutHealthGateTest {
  final SimFleet sim = SimFleet.of(12, 4, FakeTrails.allSucceed(), null);
  Rollouts rollouts = sim.rollouts();

  /** Canary (3 devices, 1h + 1h, {@code success}) guarded by {@code guards}; then FINAL (9 devices, 1d + 1h). */
  void activate(String success, StepGuards guards) {
    rollouts.create(Rollout.builder("R")
        .change("set kernel=" + SimFleet.NEW_KERNEL)
        .message("m")
        .devices("/")
        .time("1d")
        .timeout("1h")
        .success("100%,100%")
        .build());
    rollouts.addStep(
        "R",
        RolloutStep.of(
            "/specialsets/canary", StepConfig.parse("1h", "1h", success).withGuards(guards)));
    rollouts.activate("R");
  }

  List<DeviceRolloutProgress> canaries() {
    return rollouts.progress("R").stream().filter(p -> p.step() == 1).toList();
  }

  /** Runs until every canary succeeded and the soak began; returns that time. */
  Instant runUntilSoaking() {
    return sim.runUntil(
        f -> rollouts.get("R").run().healthSince().isPresent(),
        Duration.ofMinutes(5),
        Duration.ofHours(3));
  }

  List<FleetEvent> events(EventType type) {
    return sim.store().events(0, 10_000).stream().filter(e -> e.type() == type).toList();
  }

  @Test
  void aDeviceThatRollsBackAfterReportingDone_failsTheSoak() {
    activate("100%,100%", StepGuards.none().withSoak(Duration.ofHours(2)));
    runUntilSoaking();
    assertThat(canaries())
        .allSatisfy(p -> assertThat(p.status()).isEqualTo(DeviceStatus.SUCCEEDED));
    DeviceId fallen = canaries().get(1).device();

    sim.clock.advance(Duration.ofMinutes(30));
    sim.trails("sim.io")
        .fallBack(fallen); // Pantavisor's try-boot of the new revision failed: back on rev 0
    sim.runToEnd("R", Duration.ofMinutes(5), Duration.ofDays(2));

    Rollout r = rollouts.get("R");
    assertThat(r.state()).isEqualTo(RolloutState.ERROR);
    assertThat(r.run().failedStep()).isEqualTo(1);
    assertThat(rollouts.failures("R")).singleElement().satisfies(f -> {
      assertThat(f.device()).isEqualTo(fallen);
      assertThat(f.message())
          .isEqualTo("soak 2h: fell back to rev 0 after reporting success on rev 1");
    });
    assertThat(rollouts.statusLine("R"))
        .contains("; health gate: soak 2h: 2 of 3 devices still on their new revision "
            + "and seen, 1 failed)");
    assertThat(rollouts.progress("R"))
        .filteredOn(p -> p.step() == 2)
        .allSatisfy(p -> assertThat(p.status()).isEqualTo(DeviceStatus.WAITING));
  }

  @Test
  void aHealthySoak_holdsTheGateForTheSoakTime_thenPasses() {
    activate("100%,100%", StepGuards.none().withSoak(Duration.ofHours(2)));
    Instant soakFrom = runUntilSoaking();
    assertThat(rollouts.statusLine("R"))
        .contains(
            "; health: soak 2h: 3 devices soaking until " + soakFrom.plus(Duration.ofHours(2)));

    sim.runToEnd("R", Duration.ofMinutes(5), Duration.ofDays(2));

    assertThat(rollouts.get("R").state()).isEqualTo(RolloutState.DONE);
    FleetEvent firstGate = events(EventType.GATE_PASSED).get(0);
    assertThat(firstGate.message()).startsWith("Gate passed at step 1/2");
    assertThat(firstGate.time()).isAfterOrEqualTo(soakFrom.plus(Duration.ofHours(2)));
  }

  @Test
  void aSilentDevice_countsAsFailed_andTheCriteriaDecide() {
    activate("50%,50%", StepGuards.none().withSoak(Duration.ofHours(1)));
    runUntilSoaking();
    DeviceId silent = canaries().get(0).device();
    sim.trails("sim.io").silence(silent);

    sim.runToEnd("R", Duration.ofMinutes(5), Duration.ofDays(2));

    assertThat(rollouts.get("R").state()).as("2 of 3 still meets 50%").isEqualTo(RolloutState.DONE);
    assertThat(rollouts.failures("R"))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).startsWith("soak 1h: went silent, last seen "));
  }

  @Test
  void aDeviceWhoseLogMatchesLogsFail_failsTheHealthGate() {
    activate("100%,100%", StepGuards.parse(null, null, null, null, "segfault|panic"));
    DeviceId panicking = canaries().get(0).device();
    sim.trails("sim.io").logError(panicking, 1, "ERROR kernel panic - not syncing: VFS");

    sim.runToEnd("R", Duration.ofMinutes(5), Duration.ofDays(2));

    assertThat(rollouts.get("R").state()).isEqualTo(RolloutState.ERROR);
    assertThat(rollouts.failures("R")).singleElement().satisfies(f -> {
      assertThat(f.device()).isEqualTo(panicking);
      assertThat(f.message())
          .isEqualTo(
              "logs-fail 'segfault|panic': rev 1 logged: ERROR kernel panic - not syncing: VFS");
    });
    assertThat(rollouts.get("R").run().failedBecause())
        .contains("health gate: logs-fail 'segfault|panic': 1 of 3 " + "devices logged a match");
  }

  @Test
  void logsFail_withABadPattern_namesTheColumn() {
    assertThatThrownBy(() -> StepGuards.parse(null, null, null, null, "segfault|(panic"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "logs-fail: bad pattern: Unclosed group (column 16)\n  segfault|(panic\n                 ^");
  }

  @Test
  void aPluggedInCheck_thatFails_failsTheGate_andOneThatThrows_onlyWaits() {
    rollouts.healthCheck(
        "metrics",
        c -> c.elapsed().compareTo(Duration.ofHours(1)) < 0
            ? HealthCheck.Verdict.waitFor("metrics: collecting")
            : HealthCheck.Verdict.fail("metrics: crash rate 7% > 1%"));
    rollouts.healthCheck("flaky", c -> {
      throw new IllegalStateException("backend down");
    });
    activate("100%,100%", StepGuards.parse(null, null, null, "metrics"));

    runUntilSoaking();
    assertThat(rollouts.statusLine("R")).contains("; health: metrics: collecting)");
    sim.runToEnd("R", Duration.ofMinutes(5), Duration.ofDays(2));

    assertThat(rollouts.get("R").run().failedBecause())
        .contains("health gate: metrics: crash rate 7% > 1%");
    assertThat(rollouts.get("R").state()).isEqualTo(RolloutState.ERROR);
  }

  @Test
  void aCheckThatThrows_isAskedAgain_notCountedAsAFailure() {
    rollouts.healthCheck("flaky", c -> {
      throw new IllegalStateException("backend down");
    });
    activate("100%,100%", StepGuards.parse(null, null, null, "flaky"));

    sim.runUntil(f -> false, Duration.ofMinutes(10), Duration.ofHours(6));

    assertThat(rollouts.get("R").state()).isEqualTo(RolloutState.ACTIVE);
    assertThat(rollouts.statusLine("R"))
        .contains("; health: flaky: check failed, asking again: backend down)");
  }

  @Test
  void addingAStepNamingAnUnregisteredCheck_isRefused_andTheDraftUnchanged() {
    rollouts.create(Rollout.builder("R")
        .change("set kernel=" + SimFleet.NEW_KERNEL)
        .message("m")
        .devices("/")
        .build());

    assertThatThrownBy(() -> rollouts.addStep(
            "R",
            RolloutStep.of(
                "/specialsets/canary",
                StepConfig.parse("1h", "1h", "100%,100%")
                    .withGuards(StepGuards.parse(null, null, null, "nosuch")))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("health: no health check named 'nosuch' is registered (Rollouts.healthCheck)");
    assertThat(rollouts.get("R").steps()).isEmpty();
  }

  @Test
  void aRestartDuringTheSoak_keepsItsStart_andAFallBackStillFailsIt() {
    activate("100%,100%", StepGuards.none().withSoak(Duration.ofHours(2)));
    Instant soakFrom = runUntilSoaking();
    DeviceId fallen = canaries().get(2).device();

    rollouts = sim.restart();
    sim.clock.advance(Duration.ofMinutes(20));
    sim.tick();
    assertThat(rollouts.get("R").run().healthSince()).contains(soakFrom);
    sim.trails("sim.io").fallBack(fallen);
    rollouts = sim.restart();
    sim.runToEnd("R", Duration.ofMinutes(5), Duration.ofDays(2));

    assertThat(rollouts.get("R").state()).isEqualTo(RolloutState.ERROR);
    assertThat(rollouts.failures("R")).extracting(Failure::device).containsExactly(fallen);
  }
}
