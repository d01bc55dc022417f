package io.biggerfleet.model;

import io.biggerfleet.device.DeviceId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one device stands in one rollout, as stored: its step (1-based), attempt (number of posts
 * made for it, 0 before the first), the trail revision of the last post and the revision it was built
 * on, the {@link DeviceStatus} plus the raw Pantahub status, percent and message last reported, when a
 * re-post is due (retries), whether it is on a reroute detour, and when the record changed.
 *
 * <p>Immutable and thread-safe; changed copies via {@link #toBuilder()}.
 */
public final class DeviceRolloutProgress {
  private final String rollout;
  private final DeviceId device;
  private final int step;
  private final int attempt;
  private final int rev;
  private final int baseRev;
  private final DeviceStatus status;
  private final String deviceStatus;
  private final int percent;
  private final String message;
  private final Instant dueAt;
  private final boolean detour;
  private final Instant updatedAt;

  private DeviceRolloutProgress(Builder b) {
    this.rollout = Objects.requireNonNull(b.rollout, "rollout");
    this.device = Objects.requireNonNull(b.device, "device");
    this.step = b.step;
    this.attempt = b.attempt;
    this.rev = b.rev;
    this.baseRev = b.baseRev;
    this.status = Objects.requireNonNull(b.status, "status");
    this.deviceStatus = b.deviceStatus == null ? "" : b.deviceStatus;
    this.percent = b.percent;
    this.message = b.message == null ? "" : b.message;
    this.dueAt = b.dueAt;
    this.detour = b.detour;
    this.updatedAt = Objects.requireNonNull(b.updatedAt, "updatedAt");
  }

  /** A builder for a device queued in step {@code step}. */
  public static Builder builder(String rollout, DeviceId device, int step, Instant updatedAt) {
    Builder b = new Builder();
    b.rollout = rollout;
    b.device = device;
    b.step = step;
    b.updatedAt = updatedAt;
    return b;
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.rollout = rollout;
    b.device = device;
    b.step = step;
    b.attempt = attempt;
    b.rev = rev;
    b.baseRev = baseRev;
    b.status = status;
    b.deviceStatus = deviceStatus;
    b.percent = percent;
    b.message = message;
    b.dueAt = dueAt;
    b.detour = detour;
    b.updatedAt = updatedAt;
    return b;
  }

  public String rollout() {
    return rollout;
  }

  public DeviceId device() {
    return device;
  }

  /** 1-based step number (the rollout's {@link Rollout#stepCount()} is FINAL). */
  public int step() {
    return step;
  }

  /** Posts made for this device (0 before the first); the marker of the last post carries it. */
  public int attempt() {
    return attempt;
  }

  /** Trail revision of the last post, or -1. */
  public int rev() {
    return rev;
  }

  /** Trail revision the first post was built on (the pre-rollout state), or -1. */
  public int baseRev() {
    return baseRev;
  }

  public DeviceStatus status() {
    return status;
  }

  /** The Pantahub status last reported ({@code INPROGRESS}, {@code ERROR} …), empty before any. */
  public String deviceStatus() {
    return deviceStatus;
  }

  /** Percent done last reported. */
  public int percent() {
    return percent;
  }

  /** Status message last reported (or why the fleet ended it). */
  public String message() {
    return message;
  }

  /** When the next post is due, for a queued retry; empty when the step's schedule decides. */
  public Optional<Instant> dueAt() {
    return Optional.ofNullable(dueAt);
  }

  /** True while the device is on a reroute detour (its next or current post is the detour change). */
  public boolean detour() {
    return detour;
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
    return p.rollout.equals(rollout)
        && p.device.equals(device)
        && p.step == step
        && p.attempt == attempt
        && p.rev == rev
        && p.baseRev == baseRev
        && p.status == status
        && p.deviceStatus.equals(deviceStatus)
        && p.percent == percent
        && p.message.equals(message)
        && Objects.equals(p.dueAt, dueAt)
        && p.detour == detour
        && p.updatedAt.equals(updatedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rollout, device, step, attempt, rev, status);
  }

  @Override
  public String toString() {
    return rollout + " " + device + "@" + step + " attempt " + attempt + " rev " + rev + " "
        + status
        + (deviceStatus.isEmpty() ? "" : " " + deviceStatus + " " + percent + "%")
        + (message.isEmpty() ? "" : " \"" + message + "\"") + (detour ? " (detour)" : "");
  }

  /** Builds a {@link DeviceRolloutProgress}. Not thread-safe. */
  public static final class Builder {
    private String rollout;
    private DeviceId device;
    private int step;
    private int attempt;
    private int rev = -1;
    private int baseRev = -1;
    private DeviceStatus status = DeviceStatus.WAITING;
    private String deviceStatus = "";
    private int percent;
    private String message = "";
    private Instant dueAt;
    private boolean detour;
    private Instant updatedAt;

    private Builder() {}

    public Builder step(int s) {
      step = s;
      return this;
    }

    public Builder attempt(int a) {
      attempt = a;
      return this;
    }

    public Builder rev(int r) {
      rev = r;
      return this;
    }

    public Builder baseRev(int r) {
      baseRev = r;
      return this;
    }

    public Builder status(DeviceStatus s) {
      status = s;
      return this;
    }

    /** The raw Pantahub status, percent and message last reported. */
    public Builder reported(String rawStatus, int pct, String msg) {
      deviceStatus = rawStatus;
      percent = pct;
      message = msg;
      return this;
    }

    public Builder message(String msg) {
      message = msg;
      return this;
    }

    public Builder dueAt(Instant t) {
      dueAt = t;
      return this;
    }

    public Builder detour(boolean d) {
      detour = d;
      return this;
    }

    public Builder updatedAt(Instant t) {
      updatedAt = t;
      return this;
    }

    public DeviceRolloutProgress build() {
      return new DeviceRolloutProgress(this);
    }
  }
}
