package io.biggerfleet.rollout.internal;

import io.biggerfleet.LeaseLostException;
import io.biggerfleet.event.EventType;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.spi.RolloutLease;
import io.biggerfleet.spi.WriteBatch;
import java.util.List;
import java.util.Optional;

/**
 * The engine's turns on a rollout's lease: taking or renewing it before a round, and letting go of the
 * rollout when it is lost. A lease newly taken drops the cached plan (another instance may have moved
 * the rollout on); one taken over from another instance is recorded ({@link EventType#ROLLOUT_LEASE_TAKEN}),
 * and a lost one is told to the listeners ({@link EventType#ROLLOUT_LEASE_LOST}).
 *
 * <p>Part of {@link RolloutEngine}'s executor; not thread-safe on its own: called under the engine's
 * lock.
 */
final class LeaseTakeover {
  private final RolloutEngine engine;

  LeaseTakeover(RolloutEngine engine) {
    this.engine = engine;
  }

  /**
   * Acquires or renews the lease on {@code name}; false if another instance holds it. With shared
   * leases, a lease newly taken (new token) drops the cached plan (another instance may have moved
   * the rollout on) and, when taken over from another instance, logs who took it.
   */
  boolean take(String name) {
    LeaseKeeper leases = engine.leases;
    RolloutLease before = leases.held(name);
    Optional<RolloutLease> prev = Optional.empty();
    if (leases.fenced() && (before == null || before.isExpiredAt(engine.clock.instant()))) {
      prev = leases.current(name);
    }
    Optional<RolloutLease> got = leases.acquireOrRenew(name);
    if (got.isEmpty()) {
      return false;
    }
    RolloutLease lease = got.get();
    if (leases.fenced() && (before == null || before.token() != lease.token())) {
      engine.plans.remove(name);
      if (prev.isPresent() && !prev.get().holder().equals(lease.holder())) {
        FleetEvent e = FleetEvent.of(
            engine.clock.instant(),
            EventType.ROLLOUT_LEASE_TAKEN,
            name,
            engine.actor,
            leases.holder() + " took over driving " + name + " from "
                + prev.get().holder() + " (lease token " + lease.token() + ")");
        engine.store.write(WriteBatch.builder().appendEvent(e).fencedBy(lease).build());
        engine.publish(List.of(e));
      }
    }
    return true;
  }

  /** Forgets the rollout's plan and lease after {@code e}, and tells the listeners. */
  void lost(String name, LeaseLostException e) {
    engine.plans.remove(name);
    engine.leases.forget(name);
    engine.publish(List.of(FleetEvent.of(
        engine.clock.instant(),
        EventType.ROLLOUT_LEASE_LOST,
        name,
        engine.actor,
        engine.leases.holder() + " lost the lease on " + name + " and stopped driving it: "
            + e.getMessage())));
  }
}
