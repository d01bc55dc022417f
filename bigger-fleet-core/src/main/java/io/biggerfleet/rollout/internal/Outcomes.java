package io.biggerfleet.rollout.internal;

import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutKind;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.spi.ProgressStatus;
import io.biggerfleet.spi.StepProgress;
import java.time.Instant;
import java.util.Optional;

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
  static DeviceRolloutProgress apply(
      DeviceRolloutProgress rec, int rev, StepProgress report, Rollout rollout, Instant now) {
    if (rec.status() == DeviceStatus.ABORTED
        || rec.status() == DeviceStatus.ROLLED_BACK
        || rec.status() == DeviceStatus.WAITING) {
      return null;
    }
    if (report.status().outcome() == ProgressStatus.Outcome.ABORTED
        && rollout.state() == RolloutState.ABORTED) {
      // Cancelled by the abort's cleanup, whose record was lost (a crash right after the cancel):
      // record
      // it exactly as the cleanup does, so a crash changes nothing in what is stored.
      DeviceRolloutProgress next = abortedByCleanup(rec.toBuilder().rev(rev).build(), now);
      return sameButTime(rec, next) ? null : next;
    }
    DeviceRolloutProgress.Builder b = rec.toBuilder()
        .rev(rev)
        .updatedAt(now)
        .dueAt(null)
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
          b.detour(false)
              .status(DeviceStatus.WAITING)
              .dueAt(now)
              .message("detour done (" + report.rawStatus() + "); the change follows");
        } else {
          b.status(DeviceStatus.SUCCEEDED);
        }
        break;
      case FAILURE:
        if (!rec.detour()
            && rollout.kind() == RolloutKind.CHANGE
            && rollout.state() == RolloutState.ACTIVE
            && rollout.retry().retriesAfter(rec.attempt())) {
          b.status(DeviceStatus.WAITING).dueAt(now.plus(rollout.retry().delayAfter(rec.attempt())));
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
          b.status(DeviceStatus.FAILED)
              .message("step cancelled outside the fleet: " + report.message());
        }
        break;
    }
    DeviceRolloutProgress next = b.build();
    return sameButTime(rec, next) ? null : next;
  }

  /**
   * The record of a device an abort stopped: never posted (WAITING), or its step cancelled before the
   * device took it. The device's last report is kept as it was.
   */
  static DeviceRolloutProgress abortedByCleanup(DeviceRolloutProgress rec, Instant now) {
    return rec.toBuilder()
        .status(DeviceStatus.ABORTED)
        .dueAt(null)
        .updatedAt(now)
        .message(
            rec.status() == DeviceStatus.WAITING
                ? "not posted: rollout aborted"
                : "cancelled: rollout aborted")
        .build();
  }

  /**
   * The record of a device an abort's cleanup looked at, once the trail told whether the device took
   * the change ({@code took}: its step could not be cancelled, or it was already running or done):
   * not taken → ABORTED; taken, with a backout and a known pre-rollout revision → ROLLED_BACK (handed to
   * the backout); taken otherwise → IN_PROGRESS (watched until it ends).
   */
  static DeviceRolloutProgress afterAbort(
      DeviceRolloutProgress rec, boolean took, Optional<String> backout, Instant now) {
    if (!took) {
      return abortedByCleanup(rec, now);
    }
    if (backout.isPresent() && rec.baseRev() >= 0) {
      return rec.toBuilder()
          .status(DeviceStatus.ROLLED_BACK)
          .updatedAt(now)
          .message("reverted by " + backout.get())
          .build();
    }
    return rec.toBuilder().status(DeviceStatus.IN_PROGRESS).updatedAt(now).build();
  }

  /**
   * The pre-rollout revision of a device whose step was found on its trail by marker at revision
   * {@code foundRev} — a restarted engine recovering a post whose record was never written (crash, lost
   * reply). The record keeps the revision it already names (a retry, a detour after a first post, a
   * backout's target); on a first post it names none yet, and the answer is the revision the step was
   * posted on top of, {@code foundRev - 1}: a trail grows one revision per step and a post lands on the
   * latest one ({@link io.biggerfleet.spi.DeviceTrails#post}), so that is the state the device ran
   * before this rollout touched it — the revision the normal path records from the latest step it read
   * just before posting.
   *
   * <p>Why derive it rather than write it to the store before posting: the step on the trail is the
   * one durable fact a crash cannot half-write — if it is found, its revision and predecessor are
   * there for every later restart to read again, however many crashes follow. A pre-post store write
   * would cost one more trail read before every first post and one more rule every path that records
   * POSTING must keep, to protect nothing the trail does not already hold.
   */
  static int baseRevOf(DeviceRolloutProgress rec, int foundRev) {
    return rec.baseRev() >= 0 ? rec.baseRev() : foundRev - 1;
  }

  static boolean sameButTime(DeviceRolloutProgress a, DeviceRolloutProgress b) {
    return a.equals(b.toBuilder().updatedAt(a.updatedAt()).build());
  }
}
