package io.biggerfleet.pantahub.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that moves only when told to, owned by the simulator: give it to
 * {@link PantahubSimulator.Builder#clock(Clock)} (and to anything else that should share the simulated
 * time, e.g. a fleet client), then {@link PantahubSimulator#advance(Duration)} moves it and runs every
 * device action due on the way. So days of rollout run in milliseconds and every run is the same.
 *
 * <pre>{@code
 * SimClock clock = SimClock.at("2026-01-05T09:00:00Z");
 * try (PantahubSimulator sim = PantahubSimulator.builder().clock(clock).start()) {
 *   sim.advance(Duration.ofMinutes(10));
 * }
 * }</pre>
 *
 * <p>Thread-safe. Time never goes backwards: {@link #set(Instant)} to an earlier instant and a negative
 * {@link #advance(Duration)} are refused with {@link IllegalArgumentException}.
 */
public final class SimClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private SimClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock standing at {@code start}, in UTC. */
  public static SimClock at(Instant start) {
    return new SimClock(
        new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  /**
   * A clock standing at {@code text}, an ISO-8601 instant such as {@code 2026-01-05T09:00:00Z}.
   *
   * @throws java.time.format.DateTimeParseException when the text is not such an instant
   */
  public static SimClock at(String text) {
    return at(Instant.parse(Objects.requireNonNull(text, "text")));
  }

  /** Moves the clock forward by {@code d} (not negative) and returns the new time. */
  public Instant advance(Duration d) {
    Objects.requireNonNull(d, "duration");
    if (d.isNegative()) {
      throw new IllegalArgumentException("cannot move a SimClock backwards by " + d);
    }
    return now.updateAndGet(t -> t.plus(d));
  }

  /** Sets the clock to {@code t}, which must not be before the current time. */
  public void set(Instant t) {
    Objects.requireNonNull(t, "instant");
    now.updateAndGet(cur -> {
      if (t.isBefore(cur)) {
        throw new IllegalArgumentException(
            "cannot move a SimClock backwards from " + cur + " to " + t);
      }
      return t;
    });
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view of this clock in another zone; it shares the same time. */
  @Override
  public Clock withZone(ZoneId z) {
    return new SimClock(now, Objects.requireNonNull(z, "zone"));
  }

  @Override
  public String toString() {
    return "SimClock[" + now.get() + "]";
  }
}
