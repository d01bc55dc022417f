package io.biggerfleet.rollout.internal;

import io.biggerfleet.LeaseLostException;
import io.biggerfleet.rollout.RolloutLeasing;
import io.biggerfleet.spi.RolloutLease;
import io.biggerfleet.spi.RolloutLeases;
import io.biggerfleet.spi.WriteBatch;
import io.biggerfleet.store.InMemoryRolloutLeases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The leases one engine instance holds: acquires a rollout's lease before the engine works on it,
 * renews it while it works (once half of it is used up, and always before posting), fences the
 * engine's writes with it and releases it when the rollout needs no more driving. Its verbs are the
 * lease vocabulary of {@code io.biggerfleet.spi}: acquire, renew, release.
 *
 * <p>Not thread-safe: used under the engine's lock.
 */
final class LeaseKeeper {
  private final RolloutLeases leases;
  private final RolloutLeasing leasing;
  private final Clock clock;
  private final Map<String, RolloutLease> held = new HashMap<>();

  /** {@code guard} wraps the leases every call goes through (the engine's {@link Abandonment}). */
  LeaseKeeper(RolloutLeasing leasing, Clock clock, UnaryOperator<RolloutLeases> guard) {
    this.leasing = leasing;
    this.clock = clock;
    this.leases = guard.apply(leasing.leases().orElseGet(() -> new InMemoryRolloutLeases(clock)));
  }

  boolean fenced() {
    return leasing.fenced();
  }

  /** Partitions per rollout (1: a rollout is driven whole by its lease holder). */
  int partitions() {
    return leasing.partitions();
  }

  String holder() {
    return leasing.holder();
  }

  /** How long a lease lasts after each renewal. */
  Duration duration() {
    return leasing.duration();
  }

  /** The lease this instance believes it holds on {@code rollout}, or null. */
  RolloutLease held(String rollout) {
    return held.get(rollout);
  }

  /** Who holds the lease on {@code rollout} now, expired or not. */
  Optional<RolloutLease> current(String rollout) {
    return leases.current(rollout);
  }

  /**
   * Acquires or renews the lease on {@code rollout}: renews it if held and half used up, else acquires it.
   *
   * @return the lease, or empty if another instance holds a valid one
   */
  Optional<RolloutLease> acquireOrRenew(String rollout) {
    RolloutLease cur = held.get(rollout);
    if (cur != null && !cur.isExpiredAt(clock.instant())) {
      return Optional.of(renewIfHalfUsed(rollout));
    }
    Optional<RolloutLease> got = leases.acquire(rollout, leasing.holder(), leasing.duration());
    if (got.isPresent()) {
      held.put(rollout, got.get());
    } else {
      held.remove(rollout);
    }
    return got;
  }

  /**
   * The held lease, renewed if half of it is used up.
   *
   * @throws LeaseLostException if it is not held or was lost
   */
  RolloutLease renewIfHalfUsed(String rollout) {
    RolloutLease cur = heldOrThrow(rollout);
    Instant now = clock.instant();
    Duration half = leasing.duration().dividedBy(2);
    if (!now.isBefore(cur.expiresAt().minus(half))) {
      return renew(rollout, cur);
    }
    return cur;
  }

  /**
   * The held lease, renewed now: called before a chunk of external effects (posts), so they start only
   * while this instance holds the lease.
   *
   * @throws LeaseLostException if it was lost
   */
  RolloutLease renewNow(String rollout) {
    return renew(rollout, heldOrThrow(rollout));
  }

  /**
   * Throws unless the held lease is still unexpired by this instance's clock; a cheap check before
   * each single external effect (it does not ask the store).
   */
  void checkNotExpired(String rollout) {
    RolloutLease cur = heldOrThrow(rollout);
    if (cur.isExpiredAt(clock.instant())) {
      held.remove(rollout);
      throw new LeaseLostException("The lease on rollout '" + rollout + "' held by " + cur.holder()
          + " expired at " + cur.expiresAt() + "; this instance stops driving it");
    }
  }

  /** Fences {@code b} by the (renewed if half used) lease on {@code rollout}, when leases are shared. */
  void fence(String rollout, WriteBatch.Builder b) {
    if (leasing.fenced()) {
      b.fencedBy(renewIfHalfUsed(rollout));
    }
  }

  void release(String rollout) {
    RolloutLease cur = held.remove(rollout);
    if (cur != null) {
      leases.release(cur);
    }
  }

  void forget(String rollout) {
    held.remove(rollout);
  }

  private RolloutLease renew(String rollout, RolloutLease cur) {
    try {
      RolloutLease r = leases.renew(cur, leasing.duration());
      held.put(rollout, r);
      return r;
    } catch (LeaseLostException e) {
      held.remove(rollout);
      throw e;
    }
  }

  private RolloutLease heldOrThrow(String rollout) {
    RolloutLease cur = held.get(rollout);
    if (cur == null) {
      throw new LeaseLostException(
          "This instance (" + leasing.holder() + ") holds no lease on rollout '" + rollout + "'");
    }
    return cur;
  }
}
