package io.biggerfleet.rollout.internal;

import io.biggerfleet.rollout.DeviceRolloutProgress;
import io.biggerfleet.rollout.DeviceStatus;
import io.biggerfleet.rollout.Rollout;
import io.biggerfleet.rollout.RolloutKind;
import io.biggerfleet.rollout.RolloutState;
import io.biggerfleet.spi.StepProgress;
import java.time.Instant;

/**
 * How a device's record changes when its posted step reports progress: a pure function of the record,
 * the report, the rollout's policies and the time.
 */
final class Outcomes {
  private Outcomes() {}

  /**
   * The record after {@code report} on revision {@code rev}, or {@code null} if nothing changes (an
   * already final record, or the same report again).
   */
  static DeviceRolloutProgress apply(DeviceRolloutProgress rec, int rev, StepProgress report, Rollout rollout,
      Instant now) {
    if (rec.status() == DeviceStatus.ABORTED || rec.status() == DeviceStatus.ROLLED_BACK
        || rec.status() == DeviceStatus.QUEUED) {
      return null;
    }
    DeviceRolloutProgress.Builder b = rec.toBuilder().rev(rev).updatedAt(now).dueAt(null)
        .reported(report.rawStatus(), report.percent(), report.message());
    switch (report.status().outcome()) {
      case PENDING:
        b.status(DeviceStatus.POSTED);
        break;
      case ACTIVE:
        b.status(DeviceStatus.IN_PROGRESS);
        break;
      case SUCCESS:
        if (rec.detour()) {
          b.detour(false).status(DeviceStatus.QUEUED).dueAt(now)
              .message("detour done (" + report.rawStatus() + "); the change follows");
        } else {
          b.status(DeviceStatus.SUCCEEDED);
        }
        break;
      case FAILURE:
        if (!rec.detour() && rollout.kind() == RolloutKind.CHANGE && rollout.state() == RolloutState.ACTIVE
            && rollout.retry().retriesAfter(rec.attempt())) {
          b.status(DeviceStatus.QUEUED).dueAt(now.plus(rollout.retry().delayAfter(rec.attempt())));
        } else {
          b.status(DeviceStatus.FAILED);
          if (rec.detour()) {
            b.message("detour failed: " + report.message());
          }
        }
        break;
      case ABORTED:
      default:
        if (rollout.state() == RolloutState.ABORTED) {
          b.status(DeviceStatus.ABORTED);
        } else {
          b.status(DeviceStatus.FAILED).message("step cancelled outside the fleet: " + report.message());
        }
        break;
    }
    DeviceRolloutProgress next = b.build();
    return sameButTime(rec, next) ? null : next;
  }

  static boolean sameButTime(DeviceRolloutProgress a, DeviceRolloutProgress b) {
    return a.equals(b.toBuilder().updatedAt(a.updatedAt()).build());
  }
}
