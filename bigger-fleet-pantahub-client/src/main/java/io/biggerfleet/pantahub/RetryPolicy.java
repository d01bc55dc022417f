package io.biggerfleet.pantahub;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how long the client waits before trying an idempotent call again: capped exponential
 * backoff with full jitter. The wait before retry {@code n} (1-based) is a random duration in
 * {@code [d/2, d]} where {@code d = min(maxDelay, baseDelay * 2^(n-1))}; a {@code Retry-After} header
 * on a 429/503 replaces it (capped at {@link #maxRetryAfter()}).
 *
 * <p>Retried: connection failures, timeouts, dropped connections, HTTP 429, 502, 503, 504 — only for
 * idempotent calls (GET, PUT, PATCH and the login calls). A step post is never retried blindly (see
 * {@link PantahubTrails#post}).
 *
 * <p>Immutable and thread-safe; build with {@link #builder()}, vary with {@link #toBuilder()}.
 */
public final class RetryPolicy {
  private static final RetryPolicy DEFAULTS = builder().build();
  private static final RetryPolicy NONE = builder().maxAttempts(1).build();

  private final int maxAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Duration maxRetryAfter;

  private RetryPolicy(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.baseDelay = b.baseDelay;
    this.maxDelay = b.maxDelay;
    this.maxRetryAfter = b.maxRetryAfter;
  }

  /** 4 attempts, 200 ms base delay, 10 s cap, {@code Retry-After} honoured up to 60 s. */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /** One attempt, no retries. */
  public static RetryPolicy none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxAttempts = maxAttempts;
    b.baseDelay = baseDelay;
    b.maxDelay = maxDelay;
    b.maxRetryAfter = maxRetryAfter;
    return b;
  }

  /** Total attempts including the first (1 = no retries). */
  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration baseDelay() {
    return baseDelay;
  }

  public Duration maxDelay() {
    return maxDelay;
  }

  /** The longest {@code Retry-After} the client waits; a longer one ends the call with the error. */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /**
   * The wait before retry number {@code retry} (1 = first retry) given a uniform random number
   * {@code u} in [0,1).
   */
  public Duration backoff(int retry, double u) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry must be >= 1, was " + retry);
    }
    long cap = maxDelay.toNanos();
    long d = Math.min(baseDelay.toNanos(), cap);
    for (int i = 1; i < retry && d < cap; i++) {
      d = d > cap / 2 ? cap : d * 2;
    }
    long half = d / 2;
    return Duration.ofNanos(half + (long) ((d - half) * Math.max(0, Math.min(u, 1))));
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RetryPolicy)) {
      return false;
    }
    RetryPolicy r = (RetryPolicy) o;
    return r.maxAttempts == maxAttempts
        && r.baseDelay.equals(baseDelay)
        && r.maxDelay.equals(maxDelay)
        && r.maxRetryAfter.equals(maxRetryAfter);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxAttempts, baseDelay, maxDelay, maxRetryAfter);
  }

  @Override
  public String toString() {
    return "RetryPolicy[attempts=" + maxAttempts + ", base=" + baseDelay + ", max=" + maxDelay
        + ", maxRetryAfter=" + maxRetryAfter + "]";
  }

  /** Builds a {@link RetryPolicy}. Not thread-safe. */
  public static final class Builder {
    private int maxAttempts = 4;
    private Duration baseDelay = Duration.ofMillis(200);
    private Duration maxDelay = Duration.ofSeconds(10);
    private Duration maxRetryAfter = Duration.ofSeconds(60);

    private Builder() {}

    /** Total attempts including the first, 1..100. */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1 || attempts > 100) {
        throw new IllegalArgumentException("maxAttempts must be 1..100, was " + attempts);
      }
      this.maxAttempts = attempts;
      return this;
    }

    /** Delay before the first retry (before jitter); not negative. */
    public Builder baseDelay(Duration d) {
      this.baseDelay = nonNegative(d, "baseDelay");
      return this;
    }

    /** Cap of the exponential delay; not negative. */
    public Builder maxDelay(Duration d) {
      this.maxDelay = nonNegative(d, "maxDelay");
      return this;
    }

    /** Longest {@code Retry-After} honoured; not negative. */
    public Builder maxRetryAfter(Duration d) {
      this.maxRetryAfter = nonNegative(d, "maxRetryAfter");
      return this;
    }

    /**
     * @throws IllegalArgumentException if {@code baseDelay} exceeds {@code maxDelay}
     */
    public RetryPolicy build() {
      if (baseDelay.compareTo(maxDelay) > 0) {
        throw new IllegalArgumentException(
            "baseDelay " + baseDelay + " exceeds maxDelay " + maxDelay);
      }
      return new RetryPolicy(this);
    }

    private static Duration nonNegative(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative()) {
        throw new IllegalArgumentException(what + " must not be negative, was " + d);
      }
      return d;
    }
  }
}
