package io.biggerfleet.rollout.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * The even spread of a step: each device's post time is {@code step start + window × u}, where
 * {@code u ∈ [0,1)} is a stable hash of (rollout name, device system id). Pure and stateless.
 */
final class Spread {
  /** u is kept as an integer in [0, 2^24): enough resolution, and window × u never overflows. */
  static final int BITS = 24;

  private Spread() {}

  /** The device's u, scaled to [0, 2^24). */
  static int of(String rollout, long systemId) {
    long h = systemId ^ (rollout.hashCode() * 0x9E3779B97F4A7C15L);
    h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
    h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
    h = h ^ (h >>> 31);
    return (int) (h >>> (64 - BITS));
  }

  /** Milliseconds after the step start at which a device with this u is due. */
  static long offsetMillis(long windowMillis, int u) {
    return (windowMillis * u) >>> BITS;
  }

  /** The instant a device with this u is due. */
  static Instant dueAt(Instant stepStart, Duration window, int u) {
    return stepStart.plusMillis(offsetMillis(window.toMillis(), u));
  }
}
