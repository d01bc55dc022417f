package io.biggerfleet.testing.contract;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.Change;
import io.biggerfleet.model.DeviceRetry;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.GateFailurePolicy;
import io.biggerfleet.model.LateJoinerPolicy;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutRun;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.model.RolloutStep;
import io.biggerfleet.model.StepConfig;
import io.biggerfleet.model.StepGuards;
import java.time.Duration;
import java.time.Instant;

/**
 * Rollout and progress records for store tests (ship in {@code bigger-fleet-testing}, for the contract suites and store tests). Rollouts carry every
 * field — steps, policies, a detour and a running state — so that a store that drops one fails the
 * round-trip tests.
 */
public final class TestRecords {
  /** A valid change referencing one object. */
  public static final String CHANGE = "set kernel=" + "ab".repeat(32);

  private TestRecords() {}

  /** A rollout with two steps, every policy set, a detour and (unless DRAFT) a run in progress. */
  public static Rollout rollout(
      String name,
      RolloutState state,
      String change,
      String message,
      String devices,
      Instant createdAt) {
    Change c;
    try {
      c = Change.parse(change);
    } catch (InvalidInputException e) {
      c = Change.parse(CHANGE);
    }
    Rollout.Builder b = Rollout.builder(name)
        .change(c)
        .message(message)
        .devices(devices)
        .defaults(StepConfig.parse("5d", "12h", "85%,99%")
            .withPacing(new io.biggerfleet.model.Pacing(
                io.biggerfleet.model.MaintenanceWindow.parse("Mon-Fri 01:00-05:00"),
                io.biggerfleet.model.RateRamp.parse("100/min", "5/min x2 every 50"))))
        .timezone("Asia/Hong Kong")
        .step(RolloutStep.of(
            "/specialsets/canary",
            StepConfig.parse("4h", "1h", "100%,100%")
                .withGuards(StepGuards.parse(
                    "true", "failed>5% status=ERROR msg~'boot.*fail' after=20; failed>3"))
                .withPacing(new io.biggerfleet.model.Pacing(
                    io.biggerfleet.model.MaintenanceWindow.parse("Sat,Sun 22:00-02:00"),
                    io.biggerfleet.model.RateRamp.parse(null, "2/min x1.5 every 10")))))
        .step(RolloutStep.of(
            "/co/cisco/121XPs",
            StepConfig.parse("1d", "2h", "80,99.5")
                .withGuards(StepGuards.parse(
                    "alice,bob", null, "2h", "metrics,crash-rate", "segfault|panic"))))
        .retry(DeviceRetry.of(3, Duration.ofMinutes(10)))
        .lateJoiners(LateJoinerPolicy.JOIN_FINAL)
        .onGateFailure(GateFailurePolicy.BACK_OUT)
        .detour(Change.parse("set firmware=" + "cd".repeat(32) + "; remove old.json"))
        .createdAt(createdAt)
        .restoredState(state);
    if (state != RolloutState.DRAFT) {
      b.run(RolloutRun.notStarted().toBuilder()
          .activatedAt(createdAt.plusSeconds(60))
          .currentStep(2)
          .stepStartedAt(createdAt.plusSeconds(3600))
          .gateAt(createdAt.plusSeconds(90_000))
          .lastGate(10_000, 9_950)
          .deviceCount(11)
          .cursor("cisco.com", "2026-01-01T00:00:00.123456789Z")
          .watching(true)
          .awaitingSince(createdAt.plusSeconds(7200))
          .approved(1, "alice", createdAt.plusSeconds(120))
          .failedBecause("abort rule 'failed>3' tripped: 4 of 9 reported failed so")
          .health(
              createdAt.plusSeconds(5400), "soak 2h: 3 devices soaking until 2026-03-01T03:30:00Z")
          .ramp(createdAt.plusSeconds(3660).toEpochMilli(), 7)
          .build());
    }
    return b.build();
  }

  /** A progress record; {@code status} is a Pantahub status the device reported (or QUEUE/NEW). */
  public static DeviceRolloutProgress progress(
      String rollout,
      DeviceId device,
      int step,
      int attempt,
      int rev,
      String status,
      String message,
      Instant updatedAt) {
    DeviceStatus s;
    switch (status) {
      case "QUEUE":
        s = DeviceStatus.WAITING;
        break;
      case "NEW":
        s = DeviceStatus.POSTED;
        break;
      case "DONE":
        s = DeviceStatus.SUCCEEDED;
        break;
      case "ERROR":
        s = DeviceStatus.FAILED;
        break;
      default:
        s = DeviceStatus.IN_PROGRESS;
    }
    return DeviceRolloutProgress.builder(rollout, device, step, updatedAt)
        .attempt(attempt)
        .rev(rev)
        .baseRev(rev > 0 ? rev - 1 : -1)
        .status(s)
        .reported(status, s == DeviceStatus.SUCCEEDED ? 100 : 40, message)
        .dueAt(updatedAt.plusSeconds(30))
        .build();
  }
}
