package io.biggerfleet.rollout;

import io.biggerfleet.device.DeviceId;
import java.util.Objects;

/**
 * One failed device of a rollout, as {@code failures} lists it: device, step, attempt, trail revision
 * (a pointer to its logs), the status it reported, its status message, and the commit message of the
 * change that failed. Immutable and thread-safe.
 */
public final class Failure {
  private final String rollout;
  private final DeviceId device;
  private final int step;
  private final int attempt;
  private final int rev;
  private final String status;
  private final String message;
  private final String commitMessage;
  private final boolean detour;

  public Failure(
      String rollout,
      DeviceId device,
      int step,
      int attempt,
      int rev,
      String status,
      String message,
      String commitMessage,
      boolean detour) {
    this.rollout = Objects.requireNonNull(rollout, "rollout");
    this.device = Objects.requireNonNull(device, "device");
    this.step = step;
    this.attempt = attempt;
    this.rev = rev;
    this.status = Objects.requireNonNull(status, "status");
    this.message = Objects.requireNonNull(message, "message");
    this.commitMessage = Objects.requireNonNull(commitMessage, "commit message");
    this.detour = detour;
  }

  public String rollout() {
    return rollout;
  }

  public DeviceId device() {
    return device;
  }

  public int step() {
    return step;
  }

  public int attempt() {
    return attempt;
  }

  /** Trail revision that failed (read its logs with {@code errorLog}), or -1. */
  public int rev() {
    return rev;
  }

  /** Reported status, e.g. {@code ERROR} or {@code WONTGO}. */
  public String status() {
    return status;
  }

  public String message() {
    return message;
  }

  public String commitMessage() {
    return commitMessage;
  }

  /** True if the failure happened on a reroute detour. */
  public boolean detour() {
    return detour;
  }

  /** {@code DEVICE-B@pantahub.com@2}: what {@code retry} takes. */
  public String deviceAtStep() {
    return device + "@" + step;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Failure)) {
      return false;
    }
    Failure f = (Failure) o;
    return f.rollout.equals(rollout)
        && f.device.equals(device)
        && f.step == step
        && f.attempt == attempt
        && f.rev == rev
        && f.status.equals(status)
        && f.message.equals(message)
        && f.commitMessage.equals(commitMessage)
        && f.detour == detour;
  }

  @Override
  public int hashCode() {
    return Objects.hash(rollout, device, step, attempt, rev);
  }

  @Override
  public String toString() {
    return deviceAtStep() + " " + status + " \"" + message + "\"";
  }
}
