package io.biggerfleet.jdbc.internal;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.LeaseLostException;
import io.biggerfleet.spi.RolloutLease;
import io.biggerfleet.spi.RolloutLeases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link RolloutLeases} in table {@code bf_lease}: one row per rollout that ever had a lease. A released
 * lease keeps its row with a null holder so that tokens never go back. Every operation is one
 * transaction that locks the rollout's row ({@code SELECT ... FOR UPDATE}), so concurrent acquirers in
 * any number of processes are serialized; {@link #checkFence} takes the same lock inside a store write,
 * so a take-over cannot slip in between the check and the commit. Expiry uses the injected clock.
 */
public final class SqlLeases implements RolloutLeases {
  private static final String SELECT =
      "SELECT holder, token, expires_s, expires_n FROM bf_lease WHERE rollout = ? FOR UPDATE";
  private static final String SELECT_PLAIN =
      "SELECT holder, token, expires_s, expires_n FROM bf_lease WHERE rollout = ?";

  private final DataSource ds;
  private final Clock clock;
  private final String database;

  public SqlLeases(DataSource ds, Clock clock, String database) {
    this.ds = ds;
    this.clock = clock;
    this.database = database;
  }

  @Override
  public Optional<RolloutLease> acquire(String rollout, String holder, Duration ttl) {
    Objects.requireNonNull(rollout, "rollout");
    Objects.requireNonNull(holder, "holder");
    checkTtl(ttl);
    for (int attempt = 0; ; attempt++) {
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        try {
          Optional<RolloutLease> out = acquire(c, rollout, holder, ttl);
          c.commit();
          return out;
        } catch (SQLException e) {
          c.rollback();
          // Two first-time acquirers raced on the insert: the loser looks again and finds the
          // winner.
          if (attempt < 3 && (SqlErrors.isDuplicateKey(e) || SqlErrors.isConcurrencyFailure(e))) {
            continue;
          }
          throw e;
        } catch (RuntimeException e) {
          c.rollback();
          throw e;
        }
      } catch (SQLException e) {
        throw SqlErrors.translate(e, "acquiring the lease on rollout '" + rollout + "'", database);
      }
    }
  }

  private Optional<RolloutLease> acquire(Connection c, String rollout, String holder, Duration ttl)
      throws SQLException {
    Instant now = clock.instant();
    Instant expires = now.plus(ttl);
    RolloutLease cur = null;
    boolean exists = false;
    long lastToken = 0;
    try (PreparedStatement ps = c.prepareStatement(SELECT)) {
      ps.setString(1, rollout);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          exists = true;
          lastToken = rs.getLong(2);
          String h = rs.getString(1);
          if (h != null) {
            cur = new RolloutLease(rollout, h, lastToken, Instants.read(rs, 3));
          }
        }
      }
    }
    boolean valid = cur != null && !cur.isExpiredAt(now);
    if (valid && !cur.holder().equals(holder)) {
      return Optional.empty();
    }
    long token = valid ? cur.token() : lastToken + 1;
    if (exists) {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE bf_lease SET holder = ?, token = ?, expires_s = ?, expires_n = ? WHERE rollout = ?")) {
        ps.setString(1, holder);
        ps.setLong(2, token);
        int i = Instants.bind(ps, 3, expires);
        ps.setString(i, rollout);
        ps.executeUpdate();
      }
    } else {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO bf_lease (rollout, holder, token, expires_s, expires_n) VALUES (?, ?, ?, ?, ?)")) {
        ps.setString(1, rollout);
        ps.setString(2, holder);
        ps.setLong(3, token);
        Instants.bind(ps, 4, expires);
        ps.executeUpdate();
      }
    }
    return Optional.of(new RolloutLease(rollout, holder, token, expires));
  }

  @Override
  public RolloutLease renew(RolloutLease lease, Duration ttl) {
    Objects.requireNonNull(lease, "lease");
    checkTtl(ttl);
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        Instant now = clock.instant();
        checkFence(c, lease, now);
        Instant expires = now.plus(ttl);
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE bf_lease SET expires_s = ?, expires_n = ? WHERE rollout = ?")) {
          int i = Instants.bind(ps, 1, expires);
          ps.setString(i, lease.rollout());
          ps.executeUpdate();
        }
        c.commit();
        return new RolloutLease(lease.rollout(), lease.holder(), lease.token(), expires);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw SqlErrors.translate(
          e, "renewing the lease on rollout '" + lease.rollout() + "'", database);
    }
  }

  @Override
  public void release(RolloutLease lease) {
    Objects.requireNonNull(lease, "lease");
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "UPDATE bf_lease SET holder = NULL WHERE rollout = ? AND token = ? AND holder IS NOT NULL")) {
      ps.setString(1, lease.rollout());
      ps.setLong(2, lease.token());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw SqlErrors.translate(
          e, "releasing the lease on rollout '" + lease.rollout() + "'", database);
    }
  }

  @Override
  public Optional<RolloutLease> current(String rollout) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(SELECT_PLAIN)) {
      ps.setString(1, rollout);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || rs.getString(1) == null) {
          return Optional.empty();
        }
        return Optional.of(
            new RolloutLease(rollout, rs.getString(1), rs.getLong(2), Instants.read(rs, 3)));
      }
    } catch (SQLException e) {
      throw SqlErrors.translate(e, "reading the lease on rollout '" + rollout + "'", database);
    }
  }

  /**
   * Inside the caller's transaction: locks the rollout's lease row and throws
   * {@link LeaseLostException} unless {@code lease} is its current, unexpired lease at {@code now}.
   */
  static void checkFence(Connection c, RolloutLease lease, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT)) {
      ps.setString(1, lease.rollout());
      try (ResultSet rs = ps.executeQuery()) {
        String holder = null;
        long token = 0;
        Instant expires = null;
        if (rs.next()) {
          holder = rs.getString(1);
          token = rs.getLong(2);
          expires = Instants.read(rs, 3);
        }
        if (holder == null || token != lease.token()) {
          throw new LeaseLostException(
              "Lease on rollout '" + lease.rollout() + "' with token " + lease.token()
                  + " is no longer held by " + lease.holder() + ": "
                  + (holder == null
                      ? "it was released or never granted"
                      : "it passed to " + holder + " (token " + token + ")")
                  + "; nothing was written");
        }
        if (!now.isBefore(expires)) {
          throw new LeaseLostException(
              "Lease on rollout '" + lease.rollout() + "' held by " + lease.holder()
                  + " expired at " + expires + " (now " + now + "); nothing was written");
        }
      }
    }
  }

  static void checkTtl(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isZero() || ttl.isNegative()) {
      throw new InvalidInputException("Lease duration must be positive, was " + ttl);
    }
  }

  @Override
  public String toString() {
    return "SqlLeases[" + database + "]";
  }
}
