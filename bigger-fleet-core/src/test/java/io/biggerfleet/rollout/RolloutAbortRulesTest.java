package io.biggerfleet.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.event.EventType;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.GateFailurePolicy;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.model.RolloutStep;
import io.biggerfleet.model.StepConfig;
import io.biggerfleet.model.StepGuards;
import io.biggerfleet.testing.FakeTrails;
import io.biggerfleet.testing.SimFleet;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A step's abort rules stop the rollout like a failed gate, as soon as its failures trip one. */
class RolloutAbortRulesTest {
  /** 40 devices, 10 of them canaries; each device fails with 30% chance, "try-boot failed" (seeded). */
  final SimFleet sim =
      SimFleet.of(40, 4, FakeTrails.seeded(7, 0.3, 0, "try-boot failed, rolled back"), null);

  final Rollouts rollouts = sim.rollouts();

  void create(String abort, GateFailurePolicy policy) {
    rollouts.create(Rollout.builder("R")
        .change("set kernel=" + SimFleet.NEW_KERNEL)
        .message("m")
        .devices("/")
        .time("1d")
        .timeout("1h")
        .success("0%,0%")
        .onGateFailure(policy)
        .build());
    rollouts.addStep(
        "R",
        RolloutStep.of(
            "/specialsets/canary",
            StepConfig.parse("2h", "2h", "0%,0%").withGuards(StepGuards.parse(null, abort))));
    rollouts.activate("R");
  }

  long failedCanaries() {
    return rollouts.progress("R").stream()
        .filter(p -> p.step() == 1 && p.status() == DeviceStatus.FAILED)
        .count();
  }

  @Test
  void aTrippedAbortRule_failsTheStep_evenThoughItsSuccessCriteriaWouldPass() {
    create("failed>1 msg~'boot.*fail'", GateFailurePolicy.STOP);

    sim.runToEnd("R", Duration.ofMinutes(5), Duration.ofDays(3));

    Rollout r = rollouts.get("R");
    assertThat(r.state()).isEqualTo(RolloutState.ERROR);
    assertThat(r.run().failedStep()).isEqualTo(1);
    assertThat(r.run().failedBecause())
        .hasValueSatisfying(
            w -> assertThat(w)
                .matches(
                    "abort rule 'failed>1 msg~'boot\\.\\*fail'' tripped: [2-9] of \\d+ reported failed so"));
    assertThat(rollouts.statusLine("R"))
        .contains("; abort rule 'failed>1 msg~'boot.*fail'' tripped: 2 of ");
    assertThat(rollouts.progress("R"))
        .filteredOn(p -> p.step() == 2)
        .allSatisfy(p -> assertThat(p.status()).isEqualTo(DeviceStatus.WAITING));
    assertThat(sim.store().events(0, 10_000))
        .filteredOn(e -> e.type() == EventType.GATE_FAILED)
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("abort rule"));
  }

  @Test
  void aRuleOnAnotherMessage_orBeforeEnoughReported_doesNotTrip() {
    create("failed>1 msg~'disk full'; failed>0 after=11", GateFailurePolicy.STOP);

    sim.runToEnd("R", Duration.ofMinutes(5), Duration.ofDays(3));

    assertThat(rollouts.get("R").state()).isEqualTo(RolloutState.DONE);
    assertThat(failedCanaries()).isGreaterThan(1);
  }

  @Test
  void aTrippedAbortRule_withPolicyBackOut_backsTheRolloutOutAutomatically() {
    create("failed>10%", GateFailurePolicy.BACK_OUT);

    sim.runToEnd("R", Duration.ofMinutes(5), Duration.ofDays(3));

    Rollout r = rollouts.get("R");
    assertThat(r.state()).isEqualTo(RolloutState.ABORTED);
    assertThat(r.run().backout()).isPresent();
    assertThat(r.run().failedBecause())
        .hasValueSatisfying(w -> assertThat(w).startsWith("abort rule 'failed>10%'"));
  }

  @Test
  void abortRules_surviveAnEngineRestart_countingFailuresFromTheStore() {
    create("failed>1", GateFailurePolicy.STOP);
    sim.runUntil(f -> failedCanaries() == 1, Duration.ofMinutes(5), Duration.ofDays(1));

    Rollouts restarted = sim.restart();
    sim.runToEnd("R", Duration.ofMinutes(5), Duration.ofDays(3));

    assertThat(restarted.get("R").state()).isEqualTo(RolloutState.ERROR);
    assertThat(failedCanaries()).isGreaterThanOrEqualTo(2);
  }
}
