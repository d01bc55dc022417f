package io.biggerfleet.rollout.internal;

import io.biggerfleet.FleetException;
import io.biggerfleet.NotFoundException;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.event.EventType;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutKind;
import io.biggerfleet.model.TrailState;
import io.biggerfleet.spi.DeviceTrails;
import io.biggerfleet.spi.StepRequest;
import io.biggerfleet.spi.TrailStep;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * One device's post and what came of it: reads the device's trail, works out the state to post (the
 * change, or the detour, applied to the latest state; for a backout the pre-rollout state), posts it
 * with the attempt's {@link io.biggerfleet.spi.StepMarker}, and turns the outcome into the device's next
 * record ({@link #recordAfter}). Touches only the trails, so {@link Poster} may run several at once off
 * the engine thread; the records are then written on it, in the devices' order.
 */
final class DevicePost {
  private TrailStep posted;
  private int base;
  private String cannotRevert;
  private NotFoundException notFound;
  private FleetException failed;

  private DevicePost() {}

  /** Posts the step of {@code rec}; never throws a {@link FleetException} (it becomes the outcome). */
  static DevicePost of(
      Rollout r, DeviceRolloutProgress rec, Function<DeviceId, DeviceTrails> trailsOf) {
    DevicePost o = new DevicePost();
    DeviceId id = rec.device();
    try {
      DeviceTrails t = trailsOf.apply(id);
      TrailState target;
      if (r.kind() == RolloutKind.BACKOUT) {
        o.base = rec.baseRev();
        Optional<TrailStep> before = o.base < 0 ? Optional.empty() : t.step(id, o.base);
        if (before.isEmpty() || before.get().state().isEmpty()) {
          o.cannotRevert = "cannot revert: pre-rollout revision " + o.base + " is unknown";
          return o;
        }
        target = before.get().state().get();
      } else {
        TrailStep latest = t.latest(id);
        TrailState current = latest.state().orElse(TrailState.empty());
        target = (rec.detour() && r.detour().isPresent() ? r.detour().get() : r.change())
            .applyTo(current);
        o.base = rec.baseRev() >= 0 ? rec.baseRev() : latest.rev();
      }
      o.posted =
          t.post(id, new StepRequest(target, commitMessage(r, rec), RolloutEngine.marker(rec)));
    } catch (NotFoundException e) {
      o.notFound = e;
    } catch (FleetException e) {
      o.failed = e;
    }
    return o;
  }

  /** A post that failed in a way that leaves unknown whether it went through. */
  static DevicePost failed(FleetException e) {
    DevicePost o = new DevicePost();
    o.failed = e;
    return o;
  }

  /**
   * The record of the device after this post — POSTED with the revision, or FAILED when the device or
   * its pre-rollout revision is unknown — with its event added to {@code b}; null when it is unknown
   * whether the post went through (the record stays POSTING, resolved by marker next tick).
   */
  DeviceRolloutProgress recordAfter(Rollout r, DeviceRolloutProgress rec, Batch b, Instant now) {
    DeviceId id = rec.device();
    if (cannotRevert != null) {
      return rec.toBuilder()
          .status(DeviceStatus.FAILED)
          .updatedAt(now)
          .message(cannotRevert)
          .build();
    }
    if (notFound != null) {
      b.event(
          EventType.DEVICE_RESULT,
          id.toString(),
          r.name() + ": cannot post: " + notFound.getMessage());
      return rec.toBuilder()
          .status(DeviceStatus.FAILED)
          .updatedAt(now)
          .message(notFound.getMessage())
          .build();
    }
    if (failed != null) {
      return null;
    }
    b.event(
        EventType.DEVICE_POSTED,
        id.toString(),
        r.name() + ": posted step " + rec.step() + "/"
            + r.stepCount() + " attempt " + rec.attempt() + (rec.detour() ? " (detour)" : "")
            + " as rev "
            + posted.rev());
    return rec.toBuilder()
        .status(DeviceStatus.POSTED)
        .rev(posted.rev())
        .baseRev(base)
        .reported(posted.progress().rawStatus(), 0, "")
        .updatedAt(now)
        .build();
  }

  static String commitMessage(Rollout r, DeviceRolloutProgress rec) {
    if (r.kind() == RolloutKind.BACKOUT) {
      return r.message().isEmpty() ? "Back out " + r.parent().orElse("") : r.message();
    }
    return rec.detour() ? "Detour before: " + r.message() : r.message();
  }
}
