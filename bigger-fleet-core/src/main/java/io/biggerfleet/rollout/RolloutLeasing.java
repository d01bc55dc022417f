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

  /** Most partitions a rollout can be split into ({@link #partitions(int)}). */
  public static final int MAX_PARTITIONS = 256;

  private final RolloutLeases leases;
  private final String holder;
  private final Duration duration;
  private final int partitions;

  private RolloutLeasing(RolloutLeases leases, String holder, Duration duration, int partitions) {
    this.leases = leases;
    this.holder = holder;
    this.duration = duration;
    this.partitions = partitions;
  }

  /** One process: in-memory leases, unfenced writes, holder {@code local}. */
  public static RolloutLeasing local() {
    return new RolloutLeasing(null, "local", DEFAULT_DURATION, 1);
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
    return new RolloutLeasing(leases, holder, DEFAULT_DURATION, 1);
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
    return new RolloutLeasing(leases, holder, d, partitions);
  }

  /**
   * The same leasing with each rollout's devices split into {@code n} partitions (device-id hash
   * buckets), each with its own lease and fencing token, so that several instances post one large
   * rollout at once: an instance posts (and resolves after a crash) only the devices of the partitions
   * it holds, takes free or expired partitions up to its fair share ({@code ceil(n / live instances)})
   * and releases extras when another instance joins; the holder of the rollout's own lease reads the
   * progress feeds and takes the rollout-level decisions (gate, advance, complete, fail). Every
   * instance on one store must use the same {@code n}. 1 (the default) keeps one instance driving a
   * whole rollout. See {@code docs/storage.md}, "Running several instances".
   *
   * @throws InvalidInputException if {@code n} is not in 1..{@value #MAX_PARTITIONS}, or if
   *     {@code n > 1} on {@link #local()} leasing (partitions only make sense with shared leases)
   */
  public RolloutLeasing partitions(int n) {
    if (n < 1 || n > MAX_PARTITIONS) {
      throw new InvalidInputException(
          "Partitions per rollout must be between 1 and " + MAX_PARTITIONS + ", was " + n);
    }
    if (n > 1 && leases == null) {
      throw new InvalidInputException(
          "Partitions per rollout need shared leases (RolloutLeasing.shared), not local"
              + " leasing; was asked for " + n);
    }
    return new RolloutLeasing(leases, holder, duration, n);
  }

  /** Partitions per rollout: 1 unless set with {@link #partitions(int)}. */
  public int partitions() {
    return partitions;
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
    return (leases == null ? "local leasing" : "shared leasing as " + holder) + ", " + duration
        + (partitions > 1 ? ", " + partitions + " partitions per rollout" : "");
  }
}
