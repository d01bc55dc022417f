package io.biggerfleet.pantahub;

import java.time.Duration;

/**
 * Waits. The client waits between retries and while a browser login is pending; tests inject a sleeper
 * that records the durations (and moves a {@link java.time.Clock}) instead of waiting.
 *
 * <p>Implementations must be thread-safe. {@link #system()} really waits.
 */
@FunctionalInterface
public interface Sleeper {

  /**
   * Waits for {@code duration}.
   *
   * @throws InterruptedException if the waiting thread is interrupted (the client then gives up the
   *     call and restores the interrupt flag)
   */
  void sleep(Duration duration) throws InterruptedException;

  /** A sleeper that blocks the calling thread for the duration. */
  static Sleeper system() {
    return d -> {
      if (!d.isNegative() && !d.isZero()) {
        Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
      }
    };
  }
}
