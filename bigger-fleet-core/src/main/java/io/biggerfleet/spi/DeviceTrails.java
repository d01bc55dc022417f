package io.biggerfleet.spi;

import io.biggerfleet.device.DeviceId;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Access to the trails (desired-state histories) of one registry's devices: read where a device is,
 * post a new step, cancel one, and watch progress fleet-wide. Shaped after Pantahub's trails API
 * ({@code pantahub-api.md} §1–2): a step holds a complete state; the server assigns revisions; the
 * device alone reports progress; only a NEW step can be cancelled.
 *
 * <p><b>Thread-safety:</b> implementations must be safe for concurrent use; the engine posts to many
 * devices at once.
 *
 * <p><b>Idempotency:</b> reads are. {@link #post} is <em>not</em>: each call adds a step. A caller
 * that does not know whether a post went through (timeout, crash) must first look for it with
 * {@link #find}. Implementations must never retry a post blindly. {@link #cancel} is idempotent.
 *
 * <p><b>Errors:</b> an unknown device or one the user no longer entrusts →
 * {@link io.biggerfleet.NotFoundException}; transport and server failures → unchecked
 * {@link io.biggerfleet.FleetException}s (adapters use subtypes). Messages never contain credentials.
 */
public interface DeviceTrails {

  /** The registry whose devices this serves (the part after {@code @} of their ids). */
  String registry();

  /**
   * The latest step of the device's trail (rev 0 is its factory state), state included. This is the
   * state a new step is built on.
   */
  TrailStep latest(DeviceId device);

  /** One step by revision, state included; empty if the trail has no such revision. */
  Optional<TrailStep> step(DeviceId device, int rev);

  /**
   * Posts a new step on top of the latest one (Pantahub {@code rev: -1}) with the request's commit
   * message and the marker in its meta. Returns the stored step (status NEW). Not idempotent: see the
   * class comment.
   */
  TrailStep post(DeviceId device, StepRequest request);

  /** The newest step of the device whose meta carries exactly {@code marker}, if any. */
  Optional<TrailStep> find(DeviceId device, StepMarker marker);

  /**
   * Cancels step {@code rev} if the device has not picked it up yet (status NEW → CANCEL). Returns true
   * if the step is now CANCEL (also when it already was), false if it had moved on (the device took
   * it, or it ended otherwise).
   */
  boolean cancel(DeviceId device, int rev);

  /**
   * Fleet-wide progress: up to {@code limit} steps whose progress changed after {@code cursor}, oldest
   * change first. Pass {@code null} to start from the beginning. The page's
   * {@link ProgressPage#nextCursor()} continues. Fewer than {@code limit} steps means the page reached
   * the head of the feed: the engine reads on from its cursor in its next round, not at once (an
   * implementation over a remote feed with smaller pages gathers several of them up to {@code limit}).
   */
  ProgressPage progressSince(@Nullable String cursor, int limit);

  /** True if the object with this sha256 (64 lower-case hex) exists and a step may reference it. */
  boolean objectExists(String sha256);

  /**
   * How many posts (each with the reads it needs) the engine may have in flight at once against these
   * trails; default 1 (one after the other). A remote implementation whose calls mostly wait on the
   * network returns more; the engine still records every outcome in order.
   */
  default int postConcurrency() {
    return 1;
  }

  /**
   * The head of the device's log for one revision, error lines first, at most {@code maxLines}; empty
   * when the registry keeps no logs.
   */
  default List<String> errorLog(DeviceId device, int rev, int maxLines) {
    return List.of();
  }

  /**
   * Whether the device is alive and which revision it runs now, as far as the registry knows; empty
   * when the registry cannot tell (then a soak treats the device as healthy). Used by the soak health
   * check: a device that reported success on a revision but runs an older one again fell back
   * (Pantavisor rolls back a try-boot that failed), and one not seen since the soak began went silent.
   * A read: idempotent; an unknown device → {@link io.biggerfleet.NotFoundException}.
   */
  default Optional<DeviceLiveness> liveness(DeviceId device) {
    return Optional.empty();
  }
}
