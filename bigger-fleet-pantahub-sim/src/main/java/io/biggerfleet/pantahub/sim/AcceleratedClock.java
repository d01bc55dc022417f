package io.biggerfleet.pantahub.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A {@link Clock} that runs {@code speed} times faster than another one, from the moment it is made:
 * with speed 60, one minute of the base clock is one hour of this one. For a stand-alone simulator on an
 * accelerated clock ({@code bigger-fleet sim --speed 60}, {@code Main --speed 60}), so that devices
 * pick up and report updates in seconds instead of minutes while it runs in real time.
 *
 * <pre>{@code
 * Clock fast = AcceleratedClock.of(Clock.systemUTC(), 60);
 * PantahubSimulator sim = PantahubSimulator.builder().clock(fast).realTime(Duration.ofMillis(200))
 *     .tokenLifetime(Duration.ofHours(60)).start();   // an hour of tokens in real time
 * }</pre>
 *
 * <p>Immutable and thread-safe; never goes backwards while the base clock does not.
 */
public final class AcceleratedClock extends Clock {
  /** The largest speed accepted (a day passes in under nine seconds). */
  public static final int MAX_SPEED = 10_000;

  private final Clock base;
  private final Instant start;
  private final long speed;

  private AcceleratedClock(Clock base, Instant start, long speed) {
    this.base = base;
    this.start = start;
    this.speed = speed;
  }

  /**
   * A clock that stands at {@code base}'s time now and from then on runs {@code speed} times faster.
   *
   * @throws IllegalArgumentException if {@code speed} is not in [1, {@link #MAX_SPEED}]
   */
  public static AcceleratedClock of(Clock base, int speed) {
    Objects.requireNonNull(base, "base");
    if (speed < 1 || speed > MAX_SPEED) {
      throw new IllegalArgumentException("speed must be in [1, " + MAX_SPEED + "], was " + speed);
    }
    return new AcceleratedClock(base, base.instant(), speed);
  }

  /** How many times faster than its base clock this clock runs. */
  public long speed() {
    return speed;
  }

  @Override
  public Instant instant() {
    Duration passed = Duration.between(start, base.instant());
    return start.plus(passed.multipliedBy(speed));
  }

  @Override
  public ZoneId getZone() {
    return base.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new AcceleratedClock(base.withZone(zone), start, speed);
  }

  @Override
  public String toString() {
    return "AcceleratedClock[" + speed + "x " + base + "]";
  }
}
