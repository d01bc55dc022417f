package io.biggerfleet.rollout;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored rollout: its unique name, lifecycle state and definition (change, commit message, base
 * device selector). The rollout planner and engine grow this value; the store only needs the name as
 * key. Immutable and thread-safe.
 */
public final class Rollout {
  private final String name;
  private final RolloutState state;
  private final String change;
  private final String message;
  private final String devices;
  private final Instant createdAt;

  public Rollout(String name, RolloutState state, String change, String message, String devices, Instant createdAt) {
    this.name = Objects.requireNonNull(name, "rollout name");
    this.state = Objects.requireNonNull(state, "state");
    this.change = Objects.requireNonNull(change, "change");
    this.message = Objects.requireNonNull(message, "message");
    this.devices = Objects.requireNonNull(devices, "devices");
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
  }

  public String name() {
    return name;
  }

  public RolloutState state() {
    return state;
  }

  /** The change as written, e.g. {@code set kernel=prn::pantahub.com:objects:/<sha>}. */
  public String change() {
    return change;
  }

  /** Commit message of every step the rollout posts. */
  public String message() {
    return message;
  }

  /** Base device selector, e.g. {@code /}. */
  public String devices() {
    return devices;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** A copy in another state (the caller checks {@link RolloutState#canMoveTo}). */
  public Rollout withState(RolloutState newState) {
    return new Rollout(name, newState, change, message, devices, createdAt);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Rollout)) {
      return false;
    }
    Rollout r = (Rollout) o;
    return r.name.equals(name) && r.state == state && r.change.equals(change) && r.message.equals(message)
        && r.devices.equals(devices) && r.createdAt.equals(createdAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, state, change, message, devices, createdAt);
  }

  @Override
  public String toString() {
    return name + " " + state + " (devices=" + devices + ", change=" + change + ")";
  }
}
