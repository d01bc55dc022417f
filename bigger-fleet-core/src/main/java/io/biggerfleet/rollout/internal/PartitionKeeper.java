package io.biggerfleet.rollout.internal;

import io.biggerfleet.LeaseLostException;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.spi.RolloutLease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The partitions of rollouts one engine instance holds, when a rollout's devices are split into
 * {@code count} partitions ({@link io.biggerfleet.rollout.RolloutLeasing#partitions(int)}). Each
 * partition is an ordinary lease in the shared {@link io.biggerfleet.spi.RolloutLeases} under the key
 * {@code ROLLOUT#pK}, so it has its own fencing token and the store fences writes by it exactly as by a
 * rollout's lease. Each instance also keeps a heartbeat lease on one of {@value #MAX_INSTANCES} instance
 * slots ({@code bf.instance#S}); the live instances are the slots with an unexpired lease.
 *
 * <p>Rebalancing, on every {@link #hold}: renew the held partitions; with {@code share = ceil(count /
 * live instances)}, release those above the share (outside this instance's preferred range first) and
 * claim free or expired ones up to it, starting at {@code slot × share} so instances want different
 * partitions. A dead instance stops renewing: its heartbeat and partitions expire at most one lease
 * period after its last renewal, and the first {@link #hold} of a survivor at or after that instant claims
 * them.
 *
 * <p><b>Scheduling by expiry, not by scans.</b> The keeper asks the store only when something can have
 * changed: the live instances are counted again at the earliest expiry of another instance's heartbeat,
 * or one {@linkplain #tick() tick} (a tenth of the lease) after the last count, whichever comes first; a
 * partition another instance holds is tried again at its lease's expiry or one tick later, whichever
 * comes first. So a survivor claims a dead instance's partitions in its first round after they expire, and
 * a round ends after one tick or as soon as such a look falls due ({@link #roundOver()}): takeover
 * within the lease plus the chunk of posts in flight, in the clock the lease uses, while an idle round
 * costs no store reads for others' heartbeats and partitions.
 *
 * <p>Not thread-safe: used under the engine's lock. Errors: a lost lease is dropped quietly (the
 * partition is simply not held); a broken store throws its {@link io.biggerfleet.FleetException}.
 */
final class PartitionKeeper {
  /** Most engine instances that can share one store's partitioned rollouts. */
  static final int MAX_INSTANCES = 16;

  static final String SLOT_PREFIX = "bf.instance#";

  private final LeaseKeeper leases;
  private final int count;
  private final Clock clock;
  private final Duration tick;
  private int slot = -1;
  /** When the live instances are counted again (null: now). */
  private Instant nextCount;

  private int live = 1;
  /** Per partition key held by another instance: not tried again before this instant. */
  private final Map<String, Instant> notBefore = new HashMap<>();

  private Instant roundStart;

  PartitionKeeper(LeaseKeeper leases, int count, Clock clock, Duration lease) {
    this.leases = leases;
    this.count = count;
    this.clock = clock;
    this.tick = tickOf(lease);
  }

  /** The keeper's tick for a lease: a tenth of it (at least 1 ms). */
  static Duration tickOf(Duration lease) {
    Duration t = lease.dividedBy(10);
    return t.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : t;
  }

  /** A tenth of the lease: the longest a partitioned round posts before it ends, the longest between counts. */
  Duration tick() {
    return tick;
  }

  /** Marks the start of a round of this instance (for {@link #roundOver()}). */
  void startRound() {
    roundStart = clock.instant();
  }

  /**
   * True once the current round has run for one {@linkplain #tick() tick}, or once something this
   * keeper scheduled a look at falls due within the round (another instance's heartbeat or a partition
   * lease it was refused expires, a count is due): the engine ends its posting there (the rest is due
   * again in the next round), so that the next round's {@link #hold} comes at that instant plus at most
   * the chunk of posts in flight, not a tick later.
   */
  boolean roundOver() {
    if (roundStart == null) {
      return false;
    }
    Instant now = clock.instant();
    if (!now.isBefore(roundStart.plus(tick)) || fellDue(nextCount, now)) {
      return true;
    }
    for (Instant due : notBefore.values()) {
      if (fellDue(due, now)) {
        return true;
      }
    }
    return false;
  }

  /** True if {@code due} came after the round started and is not after {@code now}. */
  private boolean fellDue(@Nullable Instant due, Instant now) {
    return due != null && due.isAfter(roundStart) && !now.isBefore(due);
  }

  /** Partitions per rollout. */
  int count() {
    return count;
  }

  /** The partition of {@code id} among {@code count}: a stable hash of the device id, in 0..count-1. */
  static int of(DeviceId id, int count) {
    long h = id.toString().hashCode() * 0x9E3779B97F4A7C15L;
    h = (h ^ (h >>> 29)) * 0xBF58476D1CE4E5B9L;
    h ^= h >>> 32;
    return (int) (((h & 0xFFFFFFFFL) * count) >>> 32);
  }

  /** The lease key of partition {@code k} of {@code rollout}. */
  static String key(String rollout, int k) {
    return rollout + "#p" + k;
  }

  /**
   * Renews this instance's heartbeat (a store write only once half of it is used) and counts the live
   * instances when due: at the earliest expiry of another live instance's heartbeat, at the latest one
   * tick after the last count.
   *
   * @return live instances, at least 1
   */
  int liveInstances() {
    Instant now = clock.instant();
    int before = slot;
    heartbeat();
    if (nextCount != null && now.isBefore(nextCount) && slot == before) {
      return live;
    }
    int n = 0;
    Instant next = now.plus(tick);
    for (int s = 0; s < MAX_INSTANCES; s++) {
      Optional<RolloutLease> l = leases.current(SLOT_PREFIX + s);
      if (l.isPresent() && !l.get().isExpiredAt(now)) {
        n++;
        if (s != slot) {
          next = earlier(next, l.get());
        }
      }
    }
    live = Math.max(1, n);
    nextCount = next;
    return live;
  }

  private void heartbeat() {
    if (slot >= 0) {
      try {
        if (leases.acquireOrRenew(SLOT_PREFIX + slot).isPresent()) {
          return;
        }
      } catch (LeaseLostException e) {
        // taken by a newer instance after ours expired: look for another slot
      }
      slot = -1;
    }
    for (int s = 0; s < MAX_INSTANCES; s++) {
      if (leases.acquireOrRenew(SLOT_PREFIX + s).isPresent()) {
        slot = s;
        return;
      }
    }
  }

  /**
   * Rebalances and returns the partitions of {@code rollout} this instance holds now: renews held ones,
   * releases those above the fair share, claims free or expired ones up to it.
   */
  BitSet hold(String rollout) {
    int live = liveInstances();
    int share = (count + live - 1) / live;
    BitSet mine = new BitSet(count);
    for (int k = 0; k < count; k++) {
      String key = key(rollout, k);
      if (leases.held(key) != null) {
        try {
          if (leases.acquireOrRenew(key).isPresent()) {
            mine.set(k);
          }
        } catch (LeaseLostException e) {
          leases.forget(key);
        }
      }
    }
    int start = Math.max(0, slot) * share % count;
    for (int j = count - 1;
        j >= 0 && mine.cardinality() > share;
        j--) { // outside the preferred range first
      int k = (start + share + j) % count;
      if (mine.get(k) && !(j + share >= count)) {
        leases.release(key(rollout, k));
        mine.clear(k);
      }
    }
    for (int k = count - 1; k >= 0 && mine.cardinality() > share; k--) {
      if (mine.get(k)) {
        leases.release(key(rollout, k));
        mine.clear(k);
      }
    }
    Instant now = clock.instant();
    for (int j = 0; j < count && mine.cardinality() < share; j++) {
      int k = (start + j) % count;
      if (!mine.get(k) && claim(key(rollout, k), now)) {
        mine.set(k);
      }
    }
    return mine;
  }

  /**
   * Tries to take partition {@code key} unless another instance holds it and it is not yet due again;
   * after a refusal it is due again at the holder's expiry or one tick later, whichever comes first.
   */
  private boolean claim(String key, Instant now) {
    Instant due = notBefore.get(key);
    if (due != null && now.isBefore(due)) {
      return false;
    }
    if (leases.acquireOrRenew(key).isPresent()) {
      notBefore.remove(key);
      return true;
    }
    Instant next = now.plus(tick);
    Optional<RolloutLease> other = leases.current(key);
    notBefore.put(key, other.isPresent() ? earlier(next, other.get()) : next);
    return false;
  }

  /** {@code next}, or {@code lease}'s expiry if that comes first: when to look at another's lease again. */
  private static Instant earlier(Instant next, RolloutLease lease) {
    return lease.expiresAt().isBefore(next) ? lease.expiresAt() : next;
  }

  /** Releases every partition of {@code rollout} this instance holds (it needs no more driving). */
  void releaseAll(String rollout) {
    for (int k = 0; k < count; k++) {
      leases.release(key(rollout, k));
      notBefore.remove(key(rollout, k));
    }
  }

  /** The held (renewed if half used) lease of partition {@code k} of {@code rollout}. */
  RolloutLease keep(String rollout, int k) {
    return leases.renewIfHalfUsed(key(rollout, k));
  }

  /** The held lease of partition {@code k}, renewed now (before a chunk of posts). */
  RolloutLease confirm(String rollout, int k) {
    return leases.renewNow(key(rollout, k));
  }

  /** Throws {@link LeaseLostException} unless partition {@code k}'s held lease is unexpired by the clock. */
  void checkNotExpired(String rollout, int k) {
    leases.checkNotExpired(key(rollout, k));
  }
}
