package io.biggerfleet.rollout;

import io.biggerfleet.device.DeviceId;
import java.time.Instant;
import java.util.Objects;

/**
 * Where one device stands in one rollout: its step, attempt, the trail revision posted for it (or
 * -1 before the post), the last status seen and when it changed. Immutable and thread-safe.
 */
public final class DeviceRolloutProgress {
  private final String rollout;
  private final DeviceId device;
  private final int step;
  private final int attempt;
  private final int rev;
  private final String status;
  private final String message;
  private final Instant updatedAt;

  public DeviceRolloutProgress(String rollout, DeviceId device, int step, int attempt, int rev, String status,
      String message, Instant updatedAt) {
    this.rollout = Objects.requireNonNull(rollout, "rollout");
    this.device = Objects.requireNonNull(device, "device");
    this.step = step;
    this.attempt = attempt;
    this.rev = rev;
    this.status = Objects.requireNonNull(status, "status");
    this.message = message == null ? "" : message;
    this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
  }

  public String rollout() {
    return rollout;
  }

  public DeviceId device() {
    return device;
  }

  /** 1-based step number. */
  public int step() {
    return step;
  }

  /** 1-based attempt number. */
  public int attempt() {
    return attempt;
  }

  /** Trail revision posted for this attempt, or -1 before the post. */
  public int rev() {
    return rev;
  }

  /** Last status (a Pantahub progress status, or a fleet status such as {@code QUEUE}). */
  public String status() {
    return status;
  }

  public String message() {
    return message;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof DeviceRolloutProgress)) {
      return false;
    }
    DeviceRolloutProgress p = (DeviceRolloutProgress) o;
    return p.rollout.equals(rollout) && p.device.equals(device) && p.step == step && p.attempt == attempt
        && p.rev == rev && p.status.equals(status) && p.message.equals(message) && p.updatedAt.equals(updatedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rollout, device, step, attempt, rev, status);
  }

  @Override
  public String toString() {
    return rollout + " " + device + "@" + step + " attempt " + attempt + " rev " + rev + " " + status
        + (message.isEmpty() ? "" : " \"" + message + "\"");
  }
}
