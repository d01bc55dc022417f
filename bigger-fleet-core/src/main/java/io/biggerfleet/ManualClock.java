package io.biggerfleet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that moves only when told to: for tests and simulations, so that days of rollout run
 * in milliseconds and every run is the same. Give it to {@link FleetClient.Builder#clock(Clock)} and
 * call {@link #advance(Duration)}.
 *
 * <p>Thread-safe. Time never goes backwards: {@link #set(Instant)} to an earlier instant is refused.
 */
public final class ManualClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private ManualClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock standing at {@code start}, in UTC. */
  public static ManualClock at(Instant start) {
    return new ManualClock(
        new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  /** A clock standing at {@code text}, an ISO-8601 instant such as {@code 2026-01-01T00:00:00Z}. */
  public static ManualClock at(String text) {
    return at(Instant.parse(text));
  }

  /** Moves the clock forward by {@code d} (which must not be negative) and returns the new time. */
  public Instant advance(Duration d) {
    Objects.requireNonNull(d, "duration");
    if (d.isNegative()) {
      throw new IllegalArgumentException("Cannot move a ManualClock backwards by " + d);
    }
    return now.updateAndGet(t -> t.plus(d));
  }

  /** Sets the clock to {@code t}, which must not be before the current time. */
  public void set(Instant t) {
    Objects.requireNonNull(t, "instant");
    now.updateAndGet(cur -> {
      if (t.isBefore(cur)) {
        throw new IllegalArgumentException(
            "Cannot move a ManualClock backwards from " + cur + " to " + t);
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
    return new ManualClock(now, z);
  }

  @Override
  public String toString() {
    return "ManualClock[" + now.get() + "]";
  }
}
