package io.biggerfleet.event;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the fleet's audit log: what happened ({@link EventType}), to what (a device id, group
 * path or rollout name), who or what did it, and a human-readable message. The store assigns
 * {@link #seq()} — increasing, gap-free per store — when it appends the event; a new event has seq 0.
 *
 * <p>Immutable and thread-safe.
 */
public final class FleetEvent {
  private final long seq;
  private final Instant time;
  private final EventType type;
  private final String subject;
  private final String actor;
  private final String message;

  private FleetEvent(
      long seq, Instant time, EventType type, String subject, String actor, String message) {
    this.seq = seq;
    this.time = Objects.requireNonNull(time, "time");
    this.type = Objects.requireNonNull(type, "type");
    this.subject = Objects.requireNonNull(subject, "subject");
    this.actor = Objects.requireNonNull(actor, "actor");
    this.message = Objects.requireNonNull(message, "message");
  }

  /** A new event, not yet stored (seq 0). */
  public static FleetEvent of(
      Instant time, EventType type, String subject, String actor, String message) {
    return new FleetEvent(0, time, type, subject, actor, message);
  }

  /** This event with the sequence number the store gave it. */
  public FleetEvent withSeq(long newSeq) {
    return new FleetEvent(newSeq, time, type, subject, actor, message);
  }

  public long seq() {
    return seq;
  }

  public Instant time() {
    return time;
  }

  public EventType type() {
    return type;
  }

  /** What the event is about: a device id, a group path or a rollout name. */
  public String subject() {
    return subject;
  }

  /** Who or what caused it: a user, {@code engine}, {@code import}. */
  public String actor() {
    return actor;
  }

  public String message() {
    return message;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FleetEvent)) {
      return false;
    }
    FleetEvent e = (FleetEvent) o;
    return e.seq == seq
        && e.time.equals(time)
        && e.type == type
        && e.subject.equals(subject)
        && e.actor.equals(actor)
        && e.message.equals(message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(seq, time, type, subject, actor, message);
  }

  /** {@code #12 2026-11-28T12:00:00Z DEVICE_TAGGED DEVICEID-5@cisco.com by cli: ...}. */
  @Override
  public String toString() {
    return "#" + seq + " " + time + " " + type + " " + subject + " by " + actor + ": " + message;
  }
}
