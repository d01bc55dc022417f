package io.biggerfleet.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.event.EventType;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.model.RolloutStateException;
import io.biggerfleet.model.RolloutStep;
import io.biggerfleet.model.StepConfig;
import io.biggerfleet.model.StepGuards;
import io.biggerfleet.testing.FakeTrails;
import io.biggerfleet.testing.SimFleet;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Steps added with {@code approve=}: the rollout waits in AWAITING_APPROVAL until someone allowed approves. */
class RolloutApprovalTest {
  final SimFleet sim = SimFleet.of(12, 4, FakeTrails.allSucceed(), null);
  Rollouts rollouts = sim.rollouts();

  /** Canary (3 devices, 1h + 1h, no approval), then FINAL (9 devices, 1d + 1h) needing {@code approve}. */
  void createWithApprovedFinal(String approve) {
    rollouts.create(Rollout.builder("R")
        .change("set kernel=" + SimFleet.NEW_KERNEL)
        .message("m")
        .devices("/")
        .defaults(
            StepConfig.parse("1d", "1h", "100%,100%").withGuards(StepGuards.parse(approve, null)))
        .build());
    rollouts.addStep("R", "/specialsets/canary", "1h", "1h", "100%,100%");
  }

  /** Runs until the canary passed and the rollout waits for FINAL's approval; returns when that was. */
  Instant runUntilAwaiting() {
    return sim.runUntil(
        f -> rollouts.get("R").state() == RolloutState.AWAITING_APPROVAL,
        Duration.ofMinutes(5),
        Duration.ofDays(1));
  }

  int posts() {
    return sim.trails("sim.io").posts().size();
  }

  List<FleetEvent> events(EventType type) {
    return sim.store().events(0, 10_000).stream().filter(e -> e.type() == type).toList();
  }

  @Test
  void activate_whenTheFirstStepNeedsApproval_waitsAndPostsNothingUntilApproved() {
    rollouts.create(Rollout.builder("R")
        .change("set kernel=" + SimFleet.NEW_KERNEL)
        .message("m")
        .devices("/")
        .time("1h")
        .timeout("1h")
        .success("100%,100%")
        .build());
    rollouts.addStep(
        "R",
        RolloutStep.of(
            "/specialsets/canary",
            StepConfig.parse("1h", "1h", "100%,100%")
                .withGuards(StepGuards.parse("alice,bob", null))));
    rollouts.activate("R");

    sim.runUntil(f -> false, Duration.ofHours(1), Duration.ofHours(5));

    assertThat(rollouts.get("R").state()).isEqualTo(RolloutState.AWAITING_APPROVAL);
    assertThat(posts()).isZero();
    assertThat(rollouts.statusLine("R"))
        .startsWith("R AWAITING_APPROVAL (Step: 1/2, Waiting since: ")
        .contains("may approve: alice, bob");

    rollouts.approve("R", 1, "bob");
    sim.runToEnd("R", Duration.ofMinutes(5), Duration.ofDays(2));

    assertThat(rollouts.get("R").state()).isEqualTo(RolloutState.DONE);
    assertThat(posts()).isEqualTo(12);
  }

  @Test
  void approve_recordsWhoAndWhen_inTheRunAndTheEventLog_throughTheTransitionTable() {
    createWithApprovedFinal("true");
    rollouts.activate("R");
    runUntilAwaiting();
    sim.clock.advance(Duration.ofHours(2));
    Instant at = sim.clock.instant();

    Rollout r = rollouts.approve("R", 0, "carol");

    assertThat(r.state()).isEqualTo(RolloutState.ACTIVE);
    assertThat(r.run().approvedStep()).isEqualTo(2);
    assertThat(r.run().approvedBy()).contains("carol");
    assertThat(r.run().approvedAt()).contains(at);
    assertThat(r.run().awaitingSince()).isEmpty();
    assertThat(events(EventType.STEP_APPROVED))
        .singleElement()
        .satisfies(e -> assertThat(e.message())
            .contains("Step 2/2 approved by carol at " + at)
            .contains("after waiting 2h"));
    assertThat(events(EventType.ROLLOUT_STATE_CHANGED))
        .extracting(FleetEvent::message)
        .anyMatch(m -> m.startsWith("ACTIVE -> AWAITING_APPROVAL"))
        .anyMatch(m -> m.startsWith("AWAITING_APPROVAL -> ACTIVE"));
  }

  @Test
  void anApprovalHeldFor3Days_shiftsTheEtaBy3Days() {
    createWithApprovedFinal("true");
    rollouts.activate("R");
    runUntilAwaiting();
    Instant endIfApprovedNow = rollouts.plan("R").end();
    Duration etaIfApprovedNow = RolloutFormat.eta(rollouts.get("R"), sim.clock.instant());
    Map<DeviceId, Instant> dueIfApprovedNow = rollouts.dueTimes("R");
    int postsBefore = posts();

    sim.runUntil(f -> false, Duration.ofHours(6), Duration.ofDays(3));
    assertThat(posts()).as("nothing is posted while held").isEqualTo(postsBefore);
    rollouts.approve("R", 2, "ops");

    assertThat(rollouts.plan("R").end()).isEqualTo(endIfApprovedNow.plus(Duration.ofDays(3)));
    assertThat(Duration.between(sim.clock.instant(), rollouts.plan("R").end()))
        .isEqualTo(etaIfApprovedNow);
    Map<DeviceId, Instant> shifted = new LinkedHashMap<>();
    dueIfApprovedNow.forEach((id, t) -> shifted.put(id, t.plus(Duration.ofDays(3))));
    assertThat(dueIfApprovedNow).hasSize(9);
    assertThat(rollouts.dueTimes("R")).containsExactlyEntriesOf(shifted);
  }

  @Test
  void approve_byWhoMayNot_orOfAnotherStep_isRefused_andChangesNothing() {
    createWithApprovedFinal("alice");
    rollouts.activate("R");
    runUntilAwaiting();
    Rollout before = rollouts.get("R");

    assertThatThrownBy(() -> rollouts.approve("R", 0, "mallory"))
        .isInstanceOf(RolloutStateException.class)
        .hasMessage("'mallory' may not approve step 2 of rollout 'R'; may approve: alice");
    assertThatThrownBy(() -> rollouts.approve("R", 1, "alice"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("Rollout 'R' waits for approval of step 2/2, not step 1");

    assertThat(rollouts.get("R")).isEqualTo(before);
    assertThat(events(EventType.STEP_APPROVED)).isEmpty();
  }

  @Test
  void approve_whenTheRolloutDoesNotWait_isRefusedByTheTransitionTable() {
    createWithApprovedFinal("true");
    rollouts.activate("R");

    assertThatThrownBy(() -> rollouts.approve("R", 0, "ops"))
        .isInstanceOf(RolloutStateException.class)
        .hasMessageStartingWith(
            "Cannot approve a step of rollout 'R': it is ACTIVE, not AWAITING_APPROVAL");
  }

  @Test
  void aRolloutAwaitingApproval_canBeAborted_andHoldsItsDevices() {
    createWithApprovedFinal("true");
    rollouts.activate("R");
    runUntilAwaiting();

    assertThat(RolloutState.AWAITING_APPROVAL.holdsDevices()).isTrue();
    Rollout aborted = rollouts.abort("R");

    assertThat(aborted.state()).isEqualTo(RolloutState.ABORTED);
    assertThat(rollouts.progress("R"))
        .filteredOn(p -> p.step() == 2)
        .allSatisfy(p -> assertThat(p.status()).isEqualTo(DeviceStatus.ABORTED));
  }

  @Test
  void aRestartedEngine_keepsWaiting_andAnApprovalGivenThenIsHonoured() {
    createWithApprovedFinal("true");
    rollouts.activate("R");
    runUntilAwaiting();
    int postsBefore = posts();

    rollouts = sim.restart();
    sim.runUntil(f -> false, Duration.ofHours(1), Duration.ofHours(3));
    assertThat(rollouts.get("R").state()).isEqualTo(RolloutState.AWAITING_APPROVAL);
    assertThat(posts()).isEqualTo(postsBefore);

    rollouts.approve("R", 2, "ops");
    rollouts = sim.restart();
    sim.runToEnd("R", Duration.ofMinutes(10), Duration.ofDays(3));

    assertThat(rollouts.get("R").state()).isEqualTo(RolloutState.DONE);
    assertThat(posts()).isEqualTo(12);
  }
}
