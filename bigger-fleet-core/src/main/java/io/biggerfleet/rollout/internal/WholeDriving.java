package io.biggerfleet.rollout.internal;

import io.biggerfleet.LeaseLostException;
import io.biggerfleet.WriteConflictException;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.spi.Versioned;
import java.util.Optional;

/**
 * The {@link RolloutEngine}'s round for a rollout driven whole by the holder of its lease (the engine
 * does not split rollouts into partitions; see {@link PartitionedDriving} for when it does): take the
 * lease, (re)load the plan when the rollout record changed, drive, and let the lease go once the
 * rollout needs no more driving.
 *
 * <p>Part of the engine's executor; not thread-safe on its own: called under the engine's lock. A lost
 * lease ends the round for the rollout; a write conflict forgets its plan, re-read next round.
 */
final class WholeDriving {
  private final RolloutEngine engine;

  WholeDriving(RolloutEngine engine) {
    this.engine = engine;
  }

  /** One round of the live rollout {@code name}, last read as {@code vr}; false if another instance drives it. */
  boolean driveOnce(String name, Versioned<Rollout> read) {
    Optional<Versioned<Rollout>> vr = Optional.of(read);
    try {
      if (!engine.acquireLease(name)) {
        engine.plans.remove(name);
        return false; // another live instance drives it
      }
      if (!engine.plans.containsKey(name)) {
        vr = engine.store.rollout(name); // re-read under the lease
        if (vr.isEmpty() || !RolloutEngine.isLive(vr.get().value())) {
          engine.leases.release(name);
          return false;
        }
      }
      DeviceTable p = engine.plans.get(name);
      if (p == null || p.version != vr.get().version()) {
        p = engine.load(vr.get());
        engine.plans.put(name, p);
      }
      engine.drive(p, engine.clock.instant());
      if (!RolloutEngine.isLive(p.rollout)) {
        engine.leases.release(name);
      }
    } catch (LeaseLostException e) {
      engine.leaseLost(name, e);
    } catch (WriteConflictException e) {
      // Someone changed the rollout or a record under us: forget the plan, re-read next time.
      engine.plans.remove(name);
    }
    return true;
  }
}
