package io.biggerfleet.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutRun;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.model.RolloutStep;
import io.biggerfleet.model.StepConfig;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The walkthrough's status lines, reproduced from rollout values. */
class RolloutFormatTest {
  static final Instant NOW = Instant.parse("2016-08-12T21:12:22Z");

  /** Four one-day steps and a one-day FINAL: five steps of 1 day each. */
  static Rollout.Builder fiveSteps(String name) {
    Rollout.Builder b =
        Rollout.builder(name).change("set kernel=" + "a".repeat(64)).time("20h").timeout("4h");
    for (int i = 0; i < 4; i++) {
      b.step(RolloutStep.of("/g" + i, StepConfig.parse("20h", "4h", "80,99.5")));
    }
    return b;
  }

  @Test
  void statusLine_forEachStateMatchesTheWalkthrough() {
    assertThat(RolloutFormat.statusLine(fiveSteps("ROLLOUT1").build(), NOW))
        .isEqualTo("ROLLOUT1 DRAFT (Step 0/5, ETA: 5 days)");

    Rollout active = fiveSteps("ROLLOUT2")
        .restoredState(RolloutState.ACTIVE)
        .run(RolloutRun.notStarted().toBuilder()
            .activatedAt(NOW.minus(Duration.ofDays(1)))
            .currentStep(2)
            .stepStartedAt(NOW)
            .gateAt(NOW.plus(Duration.ofHours(6)))
            .build())
        .build();
    assertThat(RolloutFormat.statusLine(active, NOW.plus(Duration.ofHours(6))))
        .isEqualTo("ROLLOUT2 ACTIVE (Step: 2/5, Running since: 1 day; ETA: 3 days)");

    Rollout done = fiveSteps("ROLLOUT3")
        .restoredState(RolloutState.DONE)
        .run(RolloutRun.notStarted().toBuilder()
            .activatedAt(NOW.minus(Duration.ofDays(5)))
            .currentStep(5)
            .finishedAt(NOW)
            .lastGate(9500, 9970)
            .build())
        .build();
    assertThat(RolloutFormat.statusLine(done, NOW.plus(Duration.ofDays(3))))
        .isEqualTo("ROLLOUT3 DONE (Succeeded @ Aug 12, 2016 - 21:12:22 UTC with 95,99.7%)");

    Rollout error = fiveSteps("ROLLOUT4")
        .restoredState(RolloutState.ERROR)
        .run(RolloutRun.notStarted().toBuilder()
            .currentStep(3)
            .failedStep(3)
            .finishedAt(NOW)
            .lastGate(8000, 8000)
            .build())
        .build();
    assertThat(RolloutFormat.statusLine(error, NOW))
        .isEqualTo("ROLLOUT4 ERROR (Failed @ Step: 3/5, ERROR: 80,80%)");

    Rollout aborted = fiveSteps("ROLLOUT6")
        .restoredState(RolloutState.ABORTED)
        .run(RolloutRun.notStarted().toBuilder()
            .currentStep(2)
            .finishedAt(NOW)
            .backout("ROLLOUT6-backout")
            .build())
        .build();
    assertThat(RolloutFormat.statusLine(aborted, NOW))
        .isEqualTo(
            "ROLLOUT6 ABORTED (Aborted @ Step: 2/5, Aug 12, 2016 - 21:12:22 UTC; backed out by ROLLOUT6-backout)");
  }

  @Test
  void deviceLine_showsOneTagPerDeviceStatus() {
    DeviceId id = DeviceId.parse("DEVICEID-5@cisco.com");
    DeviceRolloutProgress.Builder b = DeviceRolloutProgress.builder("R", id, 1, NOW);
    assertThat(RolloutFormat.deviceLine(b.build())).isEqualTo("DEVICEID-5@cisco.com [QUEUE]");
    assertThat(RolloutFormat.deviceLine(
            b.status(DeviceStatus.IN_PROGRESS).reported("INPROGRESS", 75, "").build()))
        .isEqualTo("DEVICEID-5@cisco.com [75%]");
    assertThat(RolloutFormat.deviceLine(b.status(DeviceStatus.SUCCEEDED).build()))
        .endsWith("[OK]");
    assertThat(RolloutFormat.deviceLine(b.status(DeviceStatus.FAILED)
            .reported("ERROR", 0, "Segmentation Fault")
            .build()))
        .endsWith("[ERROR: Segmentation Fault]");
    assertThat(RolloutFormat.deviceLine(b.status(DeviceStatus.ABORTED).build()))
        .endsWith("[ABORT]");
    assertThat(RolloutFormat.deviceLine(b.status(DeviceStatus.ROLLED_BACK).build()))
        .endsWith("[ROLLBACK]");
    assertThat(
            RolloutFormat.deviceLine(b.status(DeviceStatus.WAITING).detour(true).build()))
        .endsWith("[DETOUR QUEUE]");
  }
}
