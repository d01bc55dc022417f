package io.biggerfleet.rollout;

import io.biggerfleet.event.EventType;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one {@link RolloutRunner} tick did, for metrics: how long it took, how many rollouts it drove,
 * the engine events it produced by type (posts are {@link EventType#DEVICE_POSTED}, results
 * {@link EventType#DEVICE_RESULT}, gate decisions {@link EventType#GATE_PASSED} and
 * {@link EventType#GATE_FAILED}), the fleet load afterwards (devices by status over the rollouts the
 * engine drives), and the error that ended the tick early, if any. Immutable.
 */
public final class TickReport {
  private final long number;
  private final Duration duration;
  private final int rollouts;
  private final Map<EventType, Long> events;
  private final FleetLoad load;
  private final RuntimeException error;

  public TickReport(
      long number,
      Duration duration,
      int rollouts,
      Map<EventType, Long> events,
      FleetLoad load,
      RuntimeException error) {
    this.number = number;
    this.duration = Objects.requireNonNull(duration, "duration");
    this.rollouts = rollouts;
    EnumMap<EventType, Long> m = new EnumMap<>(EventType.class);
    m.putAll(events);
    this.events = Collections.unmodifiableMap(m);
    this.load = load;
    this.error = error;
  }

  /** 1 for the runner's first tick, then 2, 3 … */
  public long number() {
    return number;
  }

  /** Wall-clock time the tick took (measured with {@link System#nanoTime()}). */
  public Duration duration() {
    return duration;
  }

  /** Rollouts the tick drove (0 after an error). */
  public int rollouts() {
    return rollouts;
  }

  /** Engine events of the tick by type; absent types did not occur. */
  public Map<EventType, Long> events() {
    return events;
  }

  /** Events of one type in this tick. */
  public long count(EventType type) {
    return events.getOrDefault(type, 0L);
  }

  /** Devices by status over the driven rollouts after the tick; null if it could not be read. */
  public FleetLoad load() {
    return load;
  }

  /** The error that ended the tick early (the next tick runs as scheduled). */
  public Optional<RuntimeException> error() {
    return Optional.ofNullable(error);
  }

  @Override
  public String toString() {
    return "TickReport[#" + number + " " + duration.toMillis() + " ms, " + rollouts + " rollouts, "
        + events + (error == null ? "" : ", error " + error.getClass().getSimpleName()) + "]";
  }
}
