package io.biggerfleet.cli;

import java.time.Duration;

/**
 * How the CLI waits between refreshes of long-running views ({@code rollouts NAME --watch}). The
 * default, {@link #system()}, sleeps for real; tests and the demo inject one that moves a simulated
 * clock (and the simulator) instead, so a multi-day rollout can be watched in milliseconds.
 *
 * <p>Implementations must be safe to call from the thread running the command. An
 * {@link InterruptedException} ends the wait and the command (exit code 1).
 */
@FunctionalInterface
public interface Sleeper {
  /** Waits about {@code d}. */
  void sleep(Duration d) throws InterruptedException;

  /** {@link Thread#sleep(long)}. */
  static Sleeper system() {
    return d -> Thread.sleep(Math.max(0, d.toMillis()));
  }
}
