package io.biggerfleet.rollout.internal;

import io.biggerfleet.LeaseLostException;
import io.biggerfleet.WriteConflictException;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.spi.Versioned;
import java.time.Instant;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link RolloutEngine}'s round for a rollout split into partitions ({@link PartitionKeeper}):
 * rebalance this instance's partitions, try for the rollout's own lease, then drive — the lead reads the
 * feeds and decides, every instance posts its own partitions — plus the lease checks its posts run under.
 *
 * <p>Part of the engine's executor; not thread-safe on its own: called under the engine's lock. Lost
 * leases and write conflicts end the round for the rollout as on the single-instance path.
 */
final class PartitionedDriving {
  private final RolloutEngine engine;
  private final PartitionKeeper partitions;
  /** When each rollout's plan was last loaded from the store (engine clock). */
  private final Map<String, Instant> loadedAt = new HashMap<>();

  PartitionedDriving(RolloutEngine engine, PartitionKeeper partitions) {
    this.engine = engine;
    this.partitions = partitions;
  }

  /**
   * One round of a partitioned rollout ({@link PartitionKeeper}): rebalance this instance's partitions,
   * try for the rollout's own lease, then drive — the lead (rollout-lease holder) reads the feeds and
   * takes the rollout-level decisions; every instance posts the due devices of its own partitions only,
   * for at most one {@linkplain PartitionKeeper#tick() tick} per round.
   *
   * <p>Plans are loaded from the stored records when this instance gains a partition, when the rollout
   * record changed under it, when a follower sees a new step, and for the lead while other instances
   * hold partitions: before a gate decision ({@link DeviceTable#othersStale}), when the rollout is not ACTIVE,
   * and at least every half lease. Otherwise a round reads no records but those it posts or the feeds
   * report.
   */
  boolean driveOnce(String name) {
    partitions.startRound();
    try {
      BitSet mine = partitions.hold(name);
      boolean lead = engine.acquireLease(name);
      if (!lead && mine.isEmpty()) {
        engine.plans.remove(name);
        return false;
      }
      Optional<Versioned<Rollout>> vr = engine.store.rollout(name); // re-read under the leases
      if (vr.isEmpty() || !RolloutEngine.isLive(vr.get().value())) {
        engine.plans.remove(name);
        engine.leases.release(name);
        partitions.releaseAll(name);
        return false;
      }
      DeviceTable p = engine.plans.get(name);
      boolean shared = mine.cardinality() < partitions.count();
      boolean gained = p == null || p.mine == null || !contains(p.mine, mine);
      Instant now = engine.clock.instant();
      if (p == null
          || gained
          || (lead
              && (!p.lead
                  || p.version != vr.get().version()
                  || (shared && !keepsLeadPlan(p, name, now))))
          || (!lead && !sameStep(p.rollout, vr.get().value()))) {
        p = engine.load(vr.get());
        engine.plans.put(name, p);
        loadedAt.put(name, now);
      } else if (!lead) {
        p.rollout =
            vr.get().value(); // a follower never writes the rollout: it follows the lead's record
        p.version = vr.get().version();
      }
      p.othersStale = lead && shared && !now.equals(loadedAt.get(name));
      p.partitions(mine, partitions.count(), lead);
      engine.drive(p, engine.clock.instant());
      if (lead && !RolloutEngine.isLive(p.rollout)) {
        engine.leases.release(name);
        partitions.releaseAll(name);
      }
    } catch (LeaseLostException e) {
      engine.leaseLost(name, e);
    } catch (WriteConflictException e) {
      engine.plans.remove(name);
    }
    return true;
  }

  /**
   * True if the lead may go on with its plan of an earlier round although others hold partitions: the
   * rollout is ACTIVE (the gate reloads before it decides) and the plan is younger than half a lease.
   */
  private boolean keepsLeadPlan(DeviceTable p, String name, Instant now) {
    Instant at = loadedAt.get(name);
    return p.rollout.state() == RolloutState.ACTIVE
        && at != null
        && now.isBefore(at.plus(engine.leases.duration().dividedBy(2)));
  }

  private static boolean contains(BitSet had, BitSet now) {
    BitSet extra = (BitSet) now.clone();
    extra.andNot(had);
    return extra.isEmpty();
  }

  /** Same state, step and step start: a follower's cached plan (order, spread) still applies. */
  private static boolean sameStep(Rollout a, Rollout b) {
    return a.state() == b.state()
        && a.run().currentStep() == b.run().currentStep()
        && a.run().stepStartedAt().equals(b.run().stepStartedAt());
  }

  /**
   * Fences {@code b} by the lease of each held partition its records are in. A follower writes only
   * records of partitions it holds; anything else is a bug, refused before the write.
   */
  void fence(DeviceTable p, Batch b) {
    for (int k = b.partitions.nextSetBit(0); k >= 0; k = b.partitions.nextSetBit(k + 1)) {
      if (p.mine.get(k)) {
        b.writes.fencedBy(partitions.keep(p.name, k));
      } else if (!p.lead) {
        throw new IllegalStateException(
            "A follower of " + p.name + " wrote a record of partition " + k + " it does not hold");
      }
    }
  }

  /** Renews, before a chunk of posts, the leases the posts of {@code idx} run under. */
  void confirmPosting(DeviceTable p, List<Integer> idx) {
    BitSet parts = new BitSet();
    idx.forEach(i -> parts.set(p.partition(i)));
    for (int k = parts.nextSetBit(0); k >= 0; k = parts.nextSetBit(k + 1)) {
      partitions.confirm(p.name, k);
    }
  }

  /** Throws {@link LeaseLostException} unless the lease device {@code i} is posted under is unexpired. */
  void checkPosting(DeviceTable p, int i) {
    partitions.checkNotExpired(p.name, p.partition(i));
  }
}
