package io.biggerfleet.pantahub.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * How fast simulated devices work: the delay before a device picks up a new step, between progress
 * reports, for the reboot into the new revision and for the stability test before {@code DONE}. Each
 * delay is spread by ±{@link #jitter()} (a fraction) with the scenario's seeded randomness.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}; {@link #defaults()} gives a device that
 * takes about three minutes per update.
 */
public final class Timing {
  private static final Timing DEFAULTS = builder().build();
  private final Duration pickup;
  private final Duration phase;
  private final Duration reboot;
  private final Duration testing;
  private final double jitter;

  private Timing(Builder b) {
    this.pickup = b.pickup;
    this.phase = b.phase;
    this.reboot = b.reboot;
    this.testing = b.testing;
    this.jitter = b.jitter;
  }

  /** Pickup 30 s, 10 s between reports, reboot 30 s, testing 60 s, jitter 0.5. */
  public static Timing defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this timing's values. */
  public Builder toBuilder() {
    return new Builder()
        .pickup(pickup)
        .phase(phase)
        .reboot(reboot)
        .testing(testing)
        .jitter(jitter);
  }

  /** Delay from a step being posted to the device reporting {@code QUEUED}. */
  public Duration pickup() {
    return pickup;
  }

  /** Delay between ordinary progress reports. */
  public Duration phase() {
    return phase;
  }

  /** Delay of the reboot into the new revision. */
  public Duration reboot() {
    return reboot;
  }

  /** Delay in {@code TESTING} before {@code DONE}. */
  public Duration testing() {
    return testing;
  }

  /** Spread of every delay, as a fraction in [0, 1). */
  public double jitter() {
    return jitter;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Timing t
        && pickup.equals(t.pickup)
        && phase.equals(t.phase)
        && reboot.equals(t.reboot)
        && testing.equals(t.testing)
        && jitter == t.jitter;
  }

  @Override
  public int hashCode() {
    return Objects.hash(pickup, phase, reboot, testing, jitter);
  }

  @Override
  public String toString() {
    return "Timing[pickup=" + pickup + ", phase=" + phase + ", reboot=" + reboot + ", testing="
        + testing + ", jitter=" + jitter + "]";
  }

  /** Builder for {@link Timing}; not thread-safe. */
  public static final class Builder {
    private Duration pickup = Duration.ofSeconds(30);
    private Duration phase = Duration.ofSeconds(10);
    private Duration reboot = Duration.ofSeconds(30);
    private Duration testing = Duration.ofSeconds(60);
    private double jitter = 0.5;

    private Builder() {}

    public Builder pickup(Duration d) {
      this.pickup = positive("pickup", d);
      return this;
    }

    public Builder phase(Duration d) {
      this.phase = positive("phase", d);
      return this;
    }

    public Builder reboot(Duration d) {
      this.reboot = positive("reboot", d);
      return this;
    }

    public Builder testing(Duration d) {
      this.testing = positive("testing", d);
      return this;
    }

    /** @throws IllegalArgumentException unless {@code 0 <= j < 1} */
    public Builder jitter(double j) {
      if (!(j >= 0 && j < 1)) {
        throw new IllegalArgumentException("timing.jitter must be in [0, 1), was " + j);
      }
      this.jitter = j;
      return this;
    }

    public Timing build() {
      return new Timing(this);
    }

    private static Duration positive(String name, Duration d) {
      Objects.requireNonNull(d, "timing." + name);
      if (d.isNegative()) {
        throw new IllegalArgumentException("timing." + name + " must not be negative, was " + d);
      }
      return d;
    }
  }
}
