package io.biggerfleet.model;

import io.biggerfleet.InvalidInputException;
import java.time.Duration;
import java.util.Objects;

/**
 * Automatic retries of devices that report a failure: at most {@link #maxAttempts()} posts per device
 * and step (1 = no automatic retry), the n-th retry waiting {@code backoff × 2^(n-1)}, capped at one
 * day. While a retry is pending the device counts as not yet reported, so a gate does not fail early
 * on a failure that may still heal. Immutable and thread-safe.
 */
public final class DeviceRetry {
  private static final DeviceRetry NONE = new DeviceRetry(1, Duration.ZERO);
  private static final Duration CAP = Duration.ofDays(1);
  private final int maxAttempts;
  private final Duration backoff;

  private DeviceRetry(int maxAttempts, Duration backoff) {
    this.maxAttempts = maxAttempts;
    this.backoff = backoff;
  }

  /** No automatic retry (the default). */
  public static DeviceRetry none() {
    return NONE;
  }

  /**
   * @param maxAttempts 1..10 posts per device and step
   * @param backoff wait before the first retry, 0 to 1 day
   * @throws InvalidInputException if out of range
   */
  public static DeviceRetry of(int maxAttempts, Duration backoff) {
    Objects.requireNonNull(backoff, "backoff");
    if (maxAttempts < 1 || maxAttempts > 10) {
      throw new InvalidInputException(
          "retry attempts must be between 1 and 10, was " + maxAttempts);
    }
    if (backoff.isNegative() || backoff.compareTo(CAP) > 0) {
      throw new InvalidInputException("retry backoff must be between 0s and 1d, was " + backoff);
    }
    return new DeviceRetry(maxAttempts, backoff);
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration backoff() {
    return backoff;
  }

  /** The wait before re-posting after failed attempt {@code attempt} (1-based). */
  public Duration delayAfter(int attempt) {
    Duration d = backoff.multipliedBy(1L << Math.min(20, Math.max(0, attempt - 1)));
    return d.compareTo(CAP) > 0 ? CAP : d;
  }

  /** True if a device whose attempt {@code attempt} failed gets another one automatically. */
  public boolean retriesAfter(int attempt) {
    return attempt < maxAttempts;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeviceRetry
        && ((DeviceRetry) o).maxAttempts == maxAttempts
        && ((DeviceRetry) o).backoff.equals(backoff);
  }

  @Override
  public int hashCode() {
    return maxAttempts * 31 + backoff.hashCode();
  }

  @Override
  public String toString() {
    return maxAttempts == 1
        ? "no retry"
        : maxAttempts + " attempts, backoff " + Durations.format(backoff);
  }
}
