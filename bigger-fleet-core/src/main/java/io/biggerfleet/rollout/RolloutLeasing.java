package io.biggerfleet.rollout;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.spi.RolloutLeases;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How an engine instance takes turns with other instances on one store: the shared {@link RolloutLeases},
 * this instance's holder name and the lease duration. {@link #local()} (the default) is for a single
 * process: the engine still takes a lease per rollout, in memory, and its writes are not fenced (the store
 * knows nothing of those leases). {@link #shared} is for several instances on one store (e.g.
 * {@code JdbcFleetStore.leases()} on PostgreSQL): each rollout is driven by one instance at a time and
 * every engine write for a rollout is fenced by its lease, so an instance that lost the lease (paused,
 * slow) cannot write. See {@code docs/rollouts.md}, "Several instances".
 *
 * <p>Immutable and thread-safe.
 */
public final class RolloutLeasing {
  /** Default lease duration: 30 s by the engine's clock. */
  public static final Duration DEFAULT_DURATION = Duration.ofSeconds(30);

  private final RolloutLeases leases;
  private final String holder;
  private final Duration duration;

  private RolloutLeasing(RolloutLeases leases, String holder, Duration duration) {
    this.leases = leases;
    this.holder = holder;
    this.duration = duration;
  }

  /** One process: in-memory leases, unfenced writes, holder {@code local}. */
  public static RolloutLeasing local() {
    return new RolloutLeasing(null, "local", DEFAULT_DURATION);
  }

  /**
   * Leases shared with other instances; {@code holder} names this instance (e.g. host and process id;
   * unique among the instances, not secret). The store must check fences against the same leases.
   *
   * @throws InvalidInputException if {@code holder} is blank
   */
  public static RolloutLeasing shared(RolloutLeases leases, String holder) {
    Objects.requireNonNull(leases, "leases");
    Objects.requireNonNull(holder, "holder");
    if (holder.isBlank()) {
      throw new InvalidInputException("Lease holder name (the engine instance id) is blank");
    }
    return new RolloutLeasing(leases, holder, DEFAULT_DURATION);
  }

  /**
   * The same leasing with another lease duration. An instance that stops renews no more; another takes
   * its rollouts over after at most this long.
   *
   * @throws InvalidInputException if {@code d} is not positive
   */
  public RolloutLeasing duration(Duration d) {
    Objects.requireNonNull(d, "lease duration");
    if (d.isZero() || d.isNegative()) {
      throw new InvalidInputException("Lease duration must be positive, was " + d);
    }
    return new RolloutLeasing(leases, holder, d);
  }

  /** The shared leases; empty for {@link #local()}. */
  public Optional<RolloutLeases> leases() {
    return Optional.ofNullable(leases);
  }

  /** This instance's holder name. */
  public String holder() {
    return holder;
  }

  /** How long a lease lasts after each renewal. */
  public Duration duration() {
    return duration;
  }

  /** True if engine writes are fenced by the lease (shared leases). */
  public boolean fenced() {
    return leases != null;
  }

  @Override
  public String toString() {
    return (leases == null ? "local leasing" : "shared leasing as " + holder) + ", " + duration;
  }
}
