package io.biggerfleet.pantahub.internal;

import java.util.function.LongSupplier;

/**
 * How many requests the client lets into flight at once, sized from what the hub answers: an AIMD
 * limit between 1 and a hard maximum, with a latency gradient.
 *
 * <ul>
 *   <li><b>Slow start:</b> the limit starts at {@code min(4, max)} and grows by 1 per successful
 *       request (doubling per round trip) until the first sign of overload or queueing.
 *   <li><b>Additive increase:</b> afterwards, by {@code 1/limit} per success (1 per round trip).
 *       The limit only grows while it is used: a success with fewer than half the limit in flight
 *       leaves it as it is.
 *   <li><b>Queueing (gradient):</b> when the smoothed latency ({@code ewma}, weight 0.1 for each new
 *       sample) is more than twice the baseline (the least latency of the last two windows of
 *       {@value #WINDOW} samples) and at least {@value #SLACK_MILLIS} ms above it, the limit shrinks
 *       by {@code 1/limit} per success instead of growing (1 per round trip).
 *   <li><b>Overload</b> (429, 503, a timeout): the limit halves, at most once per smoothed round
 *       trip so a burst of refusals counts as one; a {@code Retry-After} also holds every new
 *       request back until it has passed.
 * </ul>
 *
 * <p>{@link #tryAcquire()} and {@link #release} are the decisions, on the injected nano clock, so
 * they can be tested with worked numbers; {@link #acquire()} waits for a permit. Thread-safe (one
 * monitor). Internal; not API.
 */
public final class AdaptiveLimit {
  static final long SLACK_MILLIS = 2;
  private static final int INITIAL = 4;

  /** What became of a request, as far as the limit cares. */
  public enum Outcome {
    /** An answer that says nothing about load (2xx, 4xx, most 5xx). */
    ANSWERED,
    /** 429 or 503: the hub asks for less. */
    OVERLOADED,
    /** Timed out or dropped: no answer in time. */
    DROPPED
  }

  private final int max;
  private final LongSupplier nanos;
  private final LongSupplier wallNanos;
  private double limit;
  private boolean slowStart = true;
  private int inFlight;
  private double ewma;
  private double baseline;
  private long lastDecrease = Long.MIN_VALUE / 2;
  private long pausedUntil = Long.MIN_VALUE / 2;

  /**
   * @param max the hard maximum in flight (the client's {@code maxConcurrentRequests}), at least 1
   * @param nanos a monotonic nanosecond clock for latencies ({@code System::nanoTime}; tests pass a fake one)
   * @param wallNanos the client's clock in nanoseconds, for {@code Retry-After} pauses (the clock the
   *     client's sleeper moves in tests)
   */
  public AdaptiveLimit(int max, LongSupplier nanos, LongSupplier wallNanos) {
    if (max < 1) {
      throw new IllegalArgumentException("max in flight must be at least 1, was " + max);
    }
    this.max = max;
    this.nanos = nanos;
    this.wallNanos = wallNanos;
    this.limit = Math.min(INITIAL, max);
  }

  /** The whole number of requests allowed in flight now, 1..max. */
  public synchronized int limit() {
    return (int) Math.max(1, Math.min(max, Math.floor(limit)));
  }

  /** The hard maximum. */
  public int max() {
    return max;
  }

  /** Requests in flight now. */
  public synchronized int inFlight() {
    return inFlight;
  }

  /** Nanoseconds (of the injected clock) until new requests may start again after a Retry-After; 0 if none. */
  public synchronized long pausedForNanos() {
    return Math.max(0, pausedUntil - wallNanos.getAsLong());
  }

  /** Takes a permit if one is free and no Retry-After holds requests back; returns the start time or -1. */
  public synchronized long tryAcquire() {
    if (wallNanos.getAsLong() < pausedUntil || inFlight >= limit()) {
      return -1;
    }
    inFlight++;
    return nanos.getAsLong();
  }

  /** Waits for a permit; returns its start time (pass it to {@link #release}). */
  public synchronized long acquire() throws InterruptedException {
    while (true) {
      long start = tryAcquire();
      if (start >= 0) {
        return start;
      }
      long pause = pausedForNanos();
      if (pause > 0) {
        wait(Math.max(1, pause / 1_000_000), 0);
      } else {
        wait();
      }
    }
  }

  /**
   * Returns the permit taken at {@code start} and adapts the limit to the outcome.
   *
   * @param retryAfterNanos the hub's {@code Retry-After} in nanoseconds, 0 if none or if the client will
   *     not honour it (longer than its policy allows)
   */
  public synchronized void release(long start, Outcome outcome, long retryAfterNanos) {
    long now = nanos.getAsLong();
    int used = inFlight;
    inFlight = Math.max(0, inFlight - 1);
    if (outcome == Outcome.ANSWERED) {
      answered(now - start, used);
    } else {
      overloaded(now);
      if (retryAfterNanos > 0) {
        pausedUntil = Math.max(pausedUntil, wallNanos.getAsLong() + retryAfterNanos);
      }
    }
    notifyAll();
  }

  private void answered(long rtt, int used) {
    ewma = ewma == 0 ? rtt : 0.9 * ewma + 0.1 * rtt;
    baseline = baseline == 0 ? rtt : 0.99 * baseline + 0.01 * rtt;
    boolean queueing = ewma > 2.0 * baseline && ewma - baseline > SLACK_MILLIS * 1_000_000;
    if (queueing) {
      slowStart = false;
      limit = Math.max(1, limit - 1 / limit);
    } else if (used * 2 >= limit()) {
      limit = Math.min(max, slowStart ? limit + 1 : limit + 1 / limit);
    }
  }

  private void overloaded(long now) {
    slowStart = false;
    if (now - lastDecrease >= (long) ewma) {
      limit = Math.max(1, Math.floor(limit / 2));
      lastDecrease = now;
    }
  }

  @Override
  public synchronized String toString() {
    return "AdaptiveLimit[" + limit() + " of " + max + ", in flight " + inFlight + "]";
  }
}
