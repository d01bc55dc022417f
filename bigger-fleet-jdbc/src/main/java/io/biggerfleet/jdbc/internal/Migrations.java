package io.biggerfleet.jdbc.internal;

import io.biggerfleet.jdbc.JdbcStoreException;
import io.biggerfleet.jdbc.JdbcStoreException.Reason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The schema and the small runner that creates and upgrades it. The applied versions are rows of
 * {@code bf_schema_version}. Several instances may start at once: on PostgreSQL the runner holds a
 * transaction-scoped advisory lock and applies all pending migrations in that one transaction (DDL is
 * transactional there, so a failure leaves the schema as it was); on H2, whose embedded databases are
 * open in one process only, a per-database lock in this JVM serializes starts. A database at a newer
 * version than {@link #latest()} is refused before anything is written. H2 commits each DDL statement
 * on its own, so every statement is written to be re-run safely ({@code IF NOT EXISTS}, guarded
 * inserts): a start that died half-way through a migration completes it the next time.
 */
public final class Migrations {
  /** Arbitrary constant key of the PostgreSQL advisory lock ("bfschema" in ASCII). */
  private static final long PG_LOCK_KEY = 0x6266736368656d61L;

  private static final ConcurrentHashMap<String, ReentrantLock> H2_LOCKS =
      new ConcurrentHashMap<>();

  static final List<Migration> ALL = List.of(
      new Migration(
          1,
          "devices, groups, rollouts, progress, events, leases",
          d -> List.of(
              "CREATE TABLE IF NOT EXISTS bf_device (dev_id " + d.keyText(128)
                  + " NOT NULL, registry "
                  + d.keyText(253) + " NOT NULL, version BIGINT NOT NULL, doc " + d.docText()
                  + " NOT NULL, PRIMARY KEY (dev_id, registry))",
              "CREATE TABLE IF NOT EXISTS bf_group (path " + d.keyText(1024)
                  + " NOT NULL PRIMARY KEY, parent " + d.keyText(1024)
                  + " NOT NULL, version BIGINT NOT NULL, doc " + d.docText() + " NOT NULL)",
              "CREATE TABLE IF NOT EXISTS bf_rollout (name " + d.keyText(512)
                  + " NOT NULL PRIMARY KEY, state VARCHAR(32) NOT NULL,"
                  + " version BIGINT NOT NULL, doc " + d.docText() + " NOT NULL)",
              "CREATE TABLE IF NOT EXISTS bf_progress (rollout " + d.keyText(512)
                  + " NOT NULL, dev_id "
                  + d.keyText(128)
                  + " NOT NULL, registry " + d.keyText(253)
                  + " NOT NULL, step INT NOT NULL, status VARCHAR(256) NOT NULL,"
                  + " version BIGINT NOT NULL, doc " + d.docText()
                  + " NOT NULL, PRIMARY KEY (rollout, dev_id, registry))",
              "CREATE TABLE IF NOT EXISTS bf_event (seq BIGINT NOT NULL PRIMARY KEY, time_s BIGINT NOT NULL, time_n INT NOT NULL,"
                  + " type VARCHAR(64) NOT NULL, subject " + d.docText() + " NOT NULL, actor "
                  + d.docText()
                  + " NOT NULL, message " + d.docText() + " NOT NULL)",
              "CREATE TABLE IF NOT EXISTS bf_counter (name VARCHAR(64) NOT NULL PRIMARY KEY, counter_value BIGINT NOT NULL)",
              "INSERT INTO bf_counter (name, counter_value) SELECT 'event_seq', 0"
                  + " WHERE NOT EXISTS (SELECT 1 FROM bf_counter WHERE name = 'event_seq')",
              "CREATE TABLE IF NOT EXISTS bf_lease (rollout " + d.keyText(512)
                  + " NOT NULL PRIMARY KEY, holder VARCHAR(256),"
                  + " token BIGINT NOT NULL, expires_s BIGINT NOT NULL, expires_n INT NOT NULL)")),
      new Migration(
          2,
          "progress pages keep 40% free for in-page updates (PostgreSQL)",
          // A progress record is updated 3-4 times per step (waiting, posting, posted, a result),
          // only in columns without an index: with room left in its page, PostgreSQL updates it in
          // place (a HOT update: no new index entry, less WAL). Measured: draining a changes feed
          // costs the server ~20% less CPU. The table takes ~1.7x the disk space. H2: nothing to
          // do.
          d -> d == Dialect.POSTGRES
              ? List.of("ALTER TABLE bf_progress SET (fillfactor = 60)")
              : List.of()));

  private Migrations() {}

  /** The newest schema version this library knows. */
  public static int latest() {
    return ALL.get(ALL.size() - 1).version;
  }

  /**
   * Brings the schema of the database behind {@code c} to {@link #latest()}.
   *
   * @param lockKey identifies the database within this JVM (its URL) for the H2 lock
   * @param database description of the database for messages (no credentials)
   * @throws JdbcStoreException with {@link Reason#SCHEMA_TOO_NEW} if the database is newer; nothing
   *     was written
   * @throws SQLException if the database fails; on PostgreSQL nothing was written
   */
  public static void migrate(
      Connection c, Dialect dialect, Clock clock, String lockKey, String database)
      throws SQLException {
    ReentrantLock jvmLock = H2_LOCKS.computeIfAbsent(lockKey, k -> new ReentrantLock());
    jvmLock.lock();
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      if (dialect == Dialect.POSTGRES) {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
          ps.setLong(1, PG_LOCK_KEY);
          ps.execute();
        }
      }
      int current = currentVersion(c);
      if (current > latest()) {
        throw new JdbcStoreException(
            Reason.SCHEMA_TOO_NEW,
            "Database " + database + " is at schema version "
                + current + " but this bigger-fleet-jdbc knows versions up to " + latest()
                + "; a newer release wrote it. Upgrade bigger-fleet-jdbc; nothing was written",
            null);
      }
      if (current < 0) {
        execute(
            c,
            "CREATE TABLE IF NOT EXISTS bf_schema_version (version INT NOT NULL PRIMARY KEY, description VARCHAR(256)"
                + " NOT NULL, installed_at VARCHAR(64) NOT NULL)");
      }
      for (Migration m : ALL) {
        if (m.version <= current) {
          continue;
        }
        for (String sql : m.statements(dialect)) {
          execute(c, sql);
        }
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO bf_schema_version (version, description, installed_at) VALUES (?, ?, ?)")) {
          ps.setInt(1, m.version);
          ps.setString(2, m.description);
          ps.setString(3, clock.instant().toString());
          ps.executeUpdate();
        }
        if (dialect == Dialect.H2) {
          c.commit(); // H2 commits DDL anyway; keep each migration and its version row together
        }
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
      jvmLock.unlock();
    }
  }

  /**
   * The schema version of the database: the highest applied migration, 0 if the version table is
   * empty, -1 if there is none (a new database).
   */
  public static int currentVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = CURRENT_SCHEMA"
                + " AND LOWER(table_name) = 'bf_schema_version'")) {
      rs.next();
      if (rs.getInt(1) == 0) {
        return -1;
      }
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT MAX(version) FROM bf_schema_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
