package io.biggerfleet.store;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.LeaseLostException;
import io.biggerfleet.spi.RolloutLease;
import io.biggerfleet.spi.RolloutLeases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link RolloutLeases} in memory, for one process (tests, simulations, a single app instance). Give
 * the same instance to {@link InMemoryFleetStore#InMemoryFleetStore(InMemoryRolloutLeases)} so that the
 * store checks fenced batches against it. Expiry follows the injected {@link Clock}.
 *
 * <p>Thread-safe: every operation is atomic.
 */
public final class InMemoryRolloutLeases implements RolloutLeases {
  private final Clock clock;
  private final Map<String, RolloutLease> leases = new HashMap<>();
  // Highest token ever granted per rollout; survives release so tokens never go back.
  private final Map<String, Long> lastToken = new HashMap<>();

  /** Leases whose expiry is measured with {@code clock}. */
  public InMemoryRolloutLeases(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized Optional<RolloutLease> acquire(String rollout, String holder, Duration ttl) {
    Objects.requireNonNull(rollout, "rollout");
    Objects.requireNonNull(holder, "holder");
    checkTtl(ttl);
    Instant now = clock.instant();
    RolloutLease cur = leases.get(rollout);
    if (cur != null && !cur.isExpiredAt(now) && !cur.holder().equals(holder)) {
      return Optional.empty();
    }
    long token = cur != null && cur.holder().equals(holder) && !cur.isExpiredAt(now)
        ? cur.token()
        : lastToken.getOrDefault(rollout, 0L) + 1;
    RolloutLease granted = new RolloutLease(rollout, holder, token, now.plus(ttl));
    leases.put(rollout, granted);
    lastToken.put(rollout, token);
    return Optional.of(granted);
  }

  @Override
  public synchronized RolloutLease renew(RolloutLease lease, Duration ttl) {
    checkTtl(ttl);
    Instant now = clock.instant();
    checkHeld(lease, now);
    RolloutLease renewed =
        new RolloutLease(lease.rollout(), lease.holder(), lease.token(), now.plus(ttl));
    leases.put(lease.rollout(), renewed);
    return renewed;
  }

  @Override
  public synchronized void release(RolloutLease lease) {
    RolloutLease cur = leases.get(lease.rollout());
    if (cur != null && cur.token() == lease.token()) {
      leases.remove(lease.rollout());
    }
  }

  @Override
  public synchronized Optional<RolloutLease> current(String rollout) {
    return Optional.ofNullable(leases.get(rollout));
  }

  /** Throws {@link LeaseLostException} unless {@code lease} is the current, unexpired lease of its rollout. */
  synchronized void checkHeld(RolloutLease lease) {
    checkHeld(lease, clock.instant());
  }

  private void checkHeld(RolloutLease lease, Instant now) {
    RolloutLease cur = leases.get(lease.rollout());
    if (cur == null || cur.token() != lease.token()) {
      throw new LeaseLostException(
          "Lease on rollout '" + lease.rollout() + "' with token " + lease.token()
              + " is no longer held by " + lease.holder() + ": "
              + (cur == null
                  ? "it was released"
                  : "it passed to " + cur.holder() + " (token " + cur.token() + ")")
              + "; nothing was written");
    }
    if (cur.isExpiredAt(now)) {
      throw new LeaseLostException(
          "Lease on rollout '" + lease.rollout() + "' held by " + lease.holder() + " expired at "
              + cur.expiresAt() + " (now " + now + "); nothing was written");
    }
  }

  static void checkTtl(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isZero() || ttl.isNegative()) {
      throw new InvalidInputException("Lease duration must be positive, was " + ttl);
    }
  }

  @Override
  public synchronized String toString() {
    return "InMemoryRolloutLeases[" + leases.size() + " leases]";
  }
}
