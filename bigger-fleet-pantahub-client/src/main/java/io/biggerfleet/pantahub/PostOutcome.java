package io.biggerfleet.pantahub;

import io.biggerfleet.FleetException;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.spi.TrailStep;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one post of {@link PantahubTrails#postAll}: the stored step, or the error that ended
 * the post. Immutable and thread-safe.
 */
public final class PostOutcome {
  private final DeviceId device;
  private final TrailStep step;
  private final FleetException error;

  PostOutcome(DeviceId device, TrailStep step, FleetException error) {
    this.device = Objects.requireNonNull(device, "device");
    this.step = step;
    this.error = error;
  }

  public DeviceId device() {
    return device;
  }

  /** The posted step, if the post succeeded. */
  public Optional<TrailStep> step() {
    return Optional.ofNullable(step);
  }

  /** Why the post failed, if it did. */
  public Optional<FleetException> error() {
    return Optional.ofNullable(error);
  }

  public boolean succeeded() {
    return step != null;
  }

  @Override
  public String toString() {
    return device + (step != null ? " posted rev " + step.rev() : " failed: " + error.getMessage());
  }
}
