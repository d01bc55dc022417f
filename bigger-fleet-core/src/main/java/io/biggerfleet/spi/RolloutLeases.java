package io.biggerfleet.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * Leases that make each ACTIVE rollout driven by exactly one engine instance at a time, when several
 * instances share one store. An instance {@link #acquire acquires} the lease of a rollout, {@link #renew
 * renews} it while it works, and {@link #release releases} it when it stops; if it dies, the lease
 * expires and another instance takes over. Expiry is measured with the implementation's injected
 * {@link java.time.Clock}, never the wall clock directly.
 *
 * <p><b>Fencing:</b> each change of holder gets a larger {@link RolloutLease#token() token}. Writes made
 * while driving a rollout carry the lease ({@link WriteBatch.Builder#fencedBy}); the store that shares
 * these leases rejects them with {@link io.biggerfleet.LeaseLostException} once the lease expired or
 * passed to another holder, and writes nothing.
 *
 * <p><b>Thread-safety:</b> implementations are safe for concurrent use by many threads and, for the
 * JDBC store, by many processes.
 *
 * <p><b>Errors:</b> {@link #renew} on a lost lease throws {@link io.biggerfleet.LeaseLostException};
 * a broken backing store is an unchecked {@link io.biggerfleet.FleetException}. A {@code ttl} that is
 * zero or negative is an {@link io.biggerfleet.InvalidInputException}.
 */
public interface RolloutLeases {

  /**
   * Takes the lease on {@code rollout} for {@code holder} for {@code ttl}, if nobody else holds an
   * unexpired one. Taking over an expired lease (or one never granted) gives a new, larger token; if
   * {@code holder} already holds it, this is a renewal (same token, new expiry).
   *
   * @return the lease, or empty if another holder's lease is still valid
   */
  Optional<RolloutLease> acquire(String rollout, String holder, Duration ttl);

  /**
   * Extends a lease the caller holds to now + {@code ttl}, keeping its token.
   *
   * @throws io.biggerfleet.LeaseLostException if the lease expired or another holder took it; the
   *     caller must stop driving the rollout
   */
  RolloutLease renew(RolloutLease lease, Duration ttl);

  /** Gives the lease up so another instance can take over at once. Does nothing if it was lost already. */
  void release(RolloutLease lease);

  /** The current lease on {@code rollout}, expired or not; empty if none was ever granted or it was released. */
  Optional<RolloutLease> current(String rollout);
}
