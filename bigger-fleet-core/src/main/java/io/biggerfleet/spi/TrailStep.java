package io.biggerfleet.spi;

import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.TrailState;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One step of a device's trail: its revision, commit message, the {@link StepMarker} Bigger Fleet put
 * in its meta (absent for steps others posted), the device's progress on it, when it was posted, and
 * — where the call returns it — the state. Immutable and thread-safe.
 */
public final class TrailStep {
  private final DeviceId device;
  private final int rev;
  private final String commitMessage;
  private final @Nullable StepMarker marker;
  private final StepProgress progress;
  private final @Nullable Instant postedAt;
  private final @Nullable TrailState state;

  /**
   * @param marker may be {@code null} (no marker in the step's meta)
   * @param postedAt may be {@code null} if unknown
   * @param state may be {@code null} when the call did not fetch it (e.g. the changes feed)
   */
  public TrailStep(
      DeviceId device,
      int rev,
      @Nullable String commitMessage,
      @Nullable StepMarker marker,
      StepProgress progress,
      @Nullable Instant postedAt,
      @Nullable TrailState state) {
    this.device = Objects.requireNonNull(device, "device");
    this.rev = rev;
    this.commitMessage = commitMessage == null ? "" : commitMessage;
    this.marker = marker;
    this.progress = Objects.requireNonNull(progress, "progress");
    this.postedAt = postedAt;
    this.state = state;
  }

  public DeviceId device() {
    return device;
  }

  /** The step's revision in the trail (0 = factory state). */
  public int rev() {
    return rev;
  }

  public String commitMessage() {
    return commitMessage;
  }

  public Optional<StepMarker> marker() {
    return Optional.ofNullable(marker);
  }

  public StepProgress progress() {
    return progress;
  }

  public Optional<Instant> postedAt() {
    return Optional.ofNullable(postedAt);
  }

  /** The step's state, when the call that produced this step fetched it. */
  public Optional<TrailState> state() {
    return Optional.ofNullable(state);
  }

  /** A copy with another progress (e.g. after a cancel). */
  public TrailStep withProgress(StepProgress newProgress) {
    return new TrailStep(device, rev, commitMessage, marker, newProgress, postedAt, state);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TrailStep)) {
      return false;
    }
    TrailStep s = (TrailStep) o;
    return s.device.equals(device)
        && s.rev == rev
        && s.commitMessage.equals(commitMessage)
        && Objects.equals(s.marker, marker)
        && s.progress.equals(progress)
        && Objects.equals(s.postedAt, postedAt)
        && Objects.equals(s.state, state);
  }

  @Override
  public int hashCode() {
    return Objects.hash(device, rev, marker, progress);
  }

  /** {@code DEVICEID-5@cisco.com rev 3 [ROLLOUT5/step 1/attempt 1] DONE 100%}. */
  @Override
  public String toString() {
    return device + " rev " + rev + (marker == null ? "" : " [" + marker + "]") + " " + progress;
  }
}
