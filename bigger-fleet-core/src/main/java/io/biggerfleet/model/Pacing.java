package io.biggerfleet.model;

import java.util.Objects;
import java.util.Optional;

/**
 * When and how fast a step may post: an optional device-local {@link MaintenanceWindow} and a
 * {@link RateRamp}. Part of a {@link StepConfig}; a step's pacing falls back, field by field, to the
 * rollout's ({@link Rollout#pacing(int)}). Immutable and thread-safe.
 *
 * @param window the maintenance window, or null for "any time"
 * @param rate the per-minute cap ({@link RateRamp#NONE} for none)
 */
public record Pacing(MaintenanceWindow window, RateRamp rate) {
  /** No window, no rate limit. */
  public static final Pacing NONE = new Pacing(null, RateRamp.NONE);

  public Pacing {
    Objects.requireNonNull(rate, "rate");
  }

  /** The window, if one is set. */
  public Optional<MaintenanceWindow> maintenance() {
    return Optional.ofNullable(window);
  }

  /** This pacing with what it leaves out taken from {@code fallback}. */
  public Pacing orElse(Pacing fallback) {
    return new Pacing(
        window != null ? window : fallback.window, rate.isNone() ? fallback.rate : rate);
  }

  /** True if neither a window nor a rate is set. */
  public boolean isNone() {
    return window == null && rate.isNone();
  }

  /** {@code window Mon-Fri 01:00-05:00, rate 100/min}; empty if none. */
  @Override
  public String toString() {
    String w = window == null ? "" : "window " + window;
    String r = rate.isNone() ? "" : rate.toString();
    return w.isEmpty() ? r : r.isEmpty() ? w : w + ", " + r;
  }
}
