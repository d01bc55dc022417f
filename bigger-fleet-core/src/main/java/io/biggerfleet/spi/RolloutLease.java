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
 */
public final class RolloutLease {
  private final String rollout;
  private final String holder;
  private final long token;
  private final Instant expiresAt;

  /**
   * @param token the fencing token, >= 1
   * @throws IllegalArgumentException if {@code token} is below 1
   */
  public RolloutLease(String rollout, String holder, long token, Instant expiresAt) {
    this.rollout = Objects.requireNonNull(rollout, "rollout");
    this.holder = Objects.requireNonNull(holder, "holder");
    if (token < 1) {
      throw new IllegalArgumentException("Fencing token of the lease on rollout '" + rollout + "' must be >= 1, was "
          + token);
    }
    this.token = token;
    this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** The rollout this lease is for. */
  public String rollout() {
    return rollout;
  }

  /** Who holds it. */
  public String holder() {
    return holder;
  }

  /** The fencing token: increases by at least one with each new holder (renewals keep it). */
  public long token() {
    return token;
  }

  /** The lease is valid strictly before this instant (by the leases' clock). */
  public Instant expiresAt() {
    return expiresAt;
  }

  /** True if the lease has expired at {@code now}. */
  public boolean isExpiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RolloutLease)) {
      return false;
    }
    RolloutLease l = (RolloutLease) o;
    return l.rollout.equals(rollout) && l.holder.equals(holder) && l.token == token && l.expiresAt.equals(expiresAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rollout, holder, token, expiresAt);
  }

  /** {@code lease on ROLLOUT5 held by engine-1 (token 3) until 2026-01-01T00:00:30Z}. */
  @Override
  public String toString() {
    return "lease on " + rollout + " held by " + holder + " (token " + token + ") until " + expiresAt;
  }
}
