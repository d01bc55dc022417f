package io.biggerfleet.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * The right of one holder (an engine instance) to drive one ACTIVE rollout until {@link #expiresAt()}.
 * Granted by {@link RolloutLeases}. The {@link #token() fencing token} grows every time the lease
 * changes hands; a writer passes the lease to {@link WriteBatch.Builder#fencedBy(RolloutLease)} and the
 * store refuses the batch unless this token is still the current one and the lease has not expired,
 * so a paused or slow former holder cannot write after losing the lease.
 *
 * <p>Immutable and thread-safe. Holder names are chosen by the caller (e.g. host name + process id);
 * they are not secret.
 *
 * @param rollout the key this lease is for: a rollout's name (or a partition's or an instance slot's key)
 * @param holder who holds it
 * @param token the fencing token, at least 1: it increases by at least one with each new holder
 *     (renewals keep it)
 * @param expiresAt the lease is valid strictly before this instant (by the leases' clock)
 */
public record RolloutLease(String rollout, String holder, long token, Instant expiresAt) {

  /** @throws IllegalArgumentException if {@code token} is below 1 */
  public RolloutLease {
    Objects.requireNonNull(rollout, "rollout");
    Objects.requireNonNull(holder, "holder");
    if (token < 1) {
      throw new IllegalArgumentException(
          "Fencing token of the lease on rollout '" + rollout + "' must be >= 1, was " + token);
    }
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** True if the lease has expired at {@code now}. */
  public boolean isExpiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** {@code lease on ROLLOUT5 held by engine-1 (token 3) until 2026-01-01T00:00:30Z}. */
  @Override
  public String toString() {
    return "lease on " + rollout + " held by " + holder + " (token " + token + ") until "
        + expiresAt;
  }
}
