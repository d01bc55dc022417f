package io.biggerfleet.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.biggerfleet.InvalidInputException;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.jdbc.internal.BatchWriter;
import io.biggerfleet.jdbc.internal.Dialect;
import io.biggerfleet.jdbc.internal.Migrations;
import io.biggerfleet.jdbc.internal.SqlErrors;
import io.biggerfleet.jdbc.internal.SqlFleetStore;
import io.biggerfleet.jdbc.internal.SqlLeases;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.Group;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.spi.FleetStore;
import io.biggerfleet.spi.RolloutLeases;
import io.biggerfleet.spi.Versioned;
import io.biggerfleet.spi.WriteBatch;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A durable {@link FleetStore} on a relational database: H2 (an embedded file, the default of the CLI
 * and demo, or in memory for tests) or PostgreSQL (shared by several app instances). Open one with a
 * factory and {@link Builder#open()}:
 *
 * <pre>{@code
 * try (JdbcFleetStore store = JdbcFleetStore.h2File(Path.of("fleet")).open()) { ... }
 * JdbcFleetStore shared = JdbcFleetStore.postgres("jdbc:postgresql://db/fleet", "fleet", password)
 *     .maxPoolSize(20).clock(clock).open();
 * JdbcFleetStore mine = JdbcFleetStore.dataSource(appDataSource).open();
 * }</pre>
 *
 * <p>Opening creates or upgrades the schema (versioned migrations, safe when several instances start
 * at once) and checks the database can be written. It fails with a {@link JdbcStoreException} — and
 * writes nothing — when the database is unreachable, read-only, full, in use by another process (H2)
 * or at a newer schema version than this library knows.
 *
 * <p>Writes follow the {@link FleetStore} contract: each {@link #write} is one transaction, so it is
 * applied whole or not at all, even if the process dies or the connection drops in the middle. Bulk
 * writes are sent in JDBC batches. {@link #leases()} gives the {@link RolloutLeases} kept in the same
 * database; fenced batches are checked against them inside the write's transaction.
 *
 * <p><b>Thread-safety:</b> safe for concurrent use by many threads and by many processes on one
 * PostgreSQL database. <b>Resources:</b> {@link #close()} closes the connection pool the store created
 * (an application's own {@link DataSource} is left open).
 *
 * <p>Passwords are never logged nor put in messages or {@link #toString()}.
 */
public final class JdbcFleetStore implements FleetStore {
  private final SqlFleetStore store;
  private final SqlLeases leases;
  private final HikariDataSource ownPool;
  private final String database;
  private final Runnable onClose;

  private JdbcFleetStore(
      DataSource ds,
      HikariDataSource ownPool,
      Clock clock,
      String database,
      int batchRows,
      Dialect dialect,
      Runnable onClose) {
    this.store = new SqlFleetStore(ds, clock, database, batchRows, dialect);
    this.leases = new SqlLeases(ds, clock, database);
    this.ownPool = ownPool;
    this.database = database;
    this.onClose = onClose;
  }

  /** An embedded H2 database in the file {@code file} (H2 adds {@code .mv.db}); created if missing. */
  public static Builder h2File(Path file) {
    Objects.requireNonNull(file, "H2 database file");
    String path = file.toAbsolutePath().normalize().toString();
    if (path.indexOf(';') >= 0) {
      // H2 reads ';' in a URL as the start of settings: refuse rather than let a path carry some.
      throw new InvalidInputException(
          "H2 database file '" + path + "' contains ';', which H2 does not allow in a path");
    }
    return new Builder(
        Kind.H2_FILE,
        "jdbc:h2:file:" + path + ";LOCK_TIMEOUT=10000",
        null,
        null,
        "H2 file database " + path,
        null);
  }

  /**
   * A private H2 database in memory, named {@code name} within this JVM: two stores opened with the same
   * name share it. Gone when the last store on it is closed. For tests and demos.
   */
  public static Builder h2InMemory(String name) {
    Objects.requireNonNull(name, "in-memory database name");
    if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new InvalidInputException(
          "In-memory database name '" + name + "' must be 1 to 64 letters, digits, '_' or '-'");
    }
    return new Builder(
        Kind.H2_MEMORY,
        "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        null,
        null,
        "H2 in-memory database '" + name + "'",
        null);
  }

  /**
   * A PostgreSQL database, e.g. {@code jdbc:postgresql://db.example.com:5432/fleet}. The store pools
   * connections itself (HikariCP) and turns on the driver's batched-insert rewriting.
   */
  public static Builder postgres(String url, String user, String password) {
    Objects.requireNonNull(url, "PostgreSQL JDBC URL");
    Objects.requireNonNull(user, "PostgreSQL user");
    Objects.requireNonNull(password, "PostgreSQL password");
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new InvalidInputException(
          "PostgreSQL URL '" + redact(url) + "' must start with 'jdbc:postgresql:'");
    }
    String withRewrite = url.contains("reWriteBatchedInserts")
        ? url
        : url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    return new Builder(
        Kind.POSTGRES,
        withRewrite,
        user,
        password,
        "PostgreSQL " + redact(url) + " as " + user,
        null);
  }

  /**
   * The application's own {@link DataSource} (H2 or PostgreSQL), pooled as the application likes. The
   * store never closes it. Pool options of the builder do not apply.
   */
  public static Builder dataSource(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "data source");
    return new Builder(Kind.DATA_SOURCE, null, null, null, "application data source", dataSource);
  }

  /** The leases of this database, for driving rollouts from several instances. */
  public RolloutLeases leases() {
    return leases;
  }

  /** The newest schema version this library knows (and the one an opened store is at). */
  public static int schemaVersion() {
    return Migrations.latest();
  }

  @Override
  public Optional<Versioned<Device>> device(DeviceId id) {
    return store.device(id);
  }

  @Override
  public List<Versioned<Device>> devices() {
    return store.devices();
  }

  @Override
  public long deviceCount() {
    return store.deviceCount();
  }

  @Override
  public Optional<Versioned<Group>> group(String path) {
    return store.group(path);
  }

  @Override
  public List<Versioned<Group>> groups() {
    return store.groups();
  }

  @Override
  public Optional<Versioned<Rollout>> rollout(String name) {
    return store.rollout(name);
  }

  @Override
  public List<Versioned<Rollout>> rollouts() {
    return store.rollouts();
  }

  @Override
  public Optional<Versioned<DeviceRolloutProgress>> progress(String rollout, DeviceId device) {
    return store.progress(rollout, device);
  }

  @Override
  public List<Versioned<DeviceRolloutProgress>> progress(String rollout) {
    return store.progress(rollout);
  }

  /** {@inheritDoc} Reads 500 devices per query. */
  @Override
  public java.util.Map<DeviceId, Versioned<DeviceRolloutProgress>> progress(
      String rollout, java.util.Collection<DeviceId> devices) {
    return store.progress(rollout, devices);
  }

  @Override
  public List<FleetEvent> events(long afterSeq, int limit) {
    return store.events(afterSeq, limit);
  }

  /**
   * {@inheritDoc}
   *
   * @throws io.biggerfleet.LeaseLostException if the batch is fenced by a lease that is no longer
   *     current; nothing was written
   * @throws JdbcStoreException if the database fails; nothing was written
   */
  @Override
  public void write(WriteBatch batch) {
    store.write(batch);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Streams: on PostgreSQL the records go to the database by {@code COPY} as {@code created} is
   * iterated (about 256 KiB at a time); on H2 in JDBC batches of {@link Builder#batchRows} rows. All in
   * the one transaction of the write, which commits only after the last record.
   *
   * @throws io.biggerfleet.LeaseLostException if the batch is fenced by a lease that is no longer
   *     current; nothing was written
   * @throws JdbcStoreException if the database fails; nothing was written
   */
  @Override
  public void writeCreatingProgress(WriteBatch batch, Iterable<DeviceRolloutProgress> created) {
    store.writeCreatingProgress(batch, created);
  }

  /** Closes the connection pool the store created; an application's data source stays open. Idempotent. */
  @Override
  public void close() {
    if (onClose != null) {
      onClose.run();
    }
    if (ownPool != null) {
      ownPool.close();
    }
  }

  /** {@code JdbcFleetStore[PostgreSQL jdbc:postgresql://db/fleet as fleet]}: no password. */
  @Override
  public String toString() {
    return "JdbcFleetStore[" + database + "]";
  }

  /** Removes the values of password-like URL parameters. */
  static String redact(String url) {
    return url.replaceAll("(?i)(password|passwd|pwd|sslpassword)=[^&;]*", "$1=***");
  }

  private enum Kind {
    H2_FILE,
    H2_MEMORY,
    POSTGRES,
    DATA_SOURCE
  }

  /**
   * Options of a {@link JdbcFleetStore}; {@link #open()} connects, migrates and checks. Not
   * thread-safe; may be opened more than once.
   */
  public static final class Builder {
    private final Kind kind;
    private final String url;
    private final String user;
    private final String password;
    private final String database;
    private final DataSource dataSource;
    private static final java.util.Map<String, Integer> H2_MEMORY_OPEN = new java.util.HashMap<>();
    private Clock clock = Clock.systemUTC();
    private int maxPoolSize = 10;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private int batchRows = BatchWriter.DEFAULT_CHUNK;

    private Builder(
        Kind kind,
        String url,
        String user,
        String password,
        String database,
        DataSource dataSource) {
      this.kind = kind;
      this.url = url;
      this.user = user;
      this.password = password;
      this.database = database;
      this.dataSource = dataSource;
    }

    /** The clock that lease expiry and fencing are measured with. Default: the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Most connections the store's own pool opens (default 10). */
    public Builder maxPoolSize(int maxPoolSize) {
      if (maxPoolSize < 1 || maxPoolSize > 1000) {
        throw new InvalidInputException("Pool size must be 1 to 1000, was " + maxPoolSize);
      }
      this.maxPoolSize = maxPoolSize;
      return this;
    }

    /**
     * Rows sent per JDBC batch in bulk writes (default 1,000). Larger saves round trips, smaller
     * bounds the memory of one statement batch; a {@link #write} stays one transaction either way.
     */
    public Builder batchRows(int rows) {
      if (rows < 1 || rows > 100_000) {
        throw new InvalidInputException("Rows per JDBC batch must be 1 to 100000, was " + rows);
      }
      this.batchRows = rows;
      return this;
    }

    /** How long to wait for a connection before failing (default 10 s, at least 250 ms). */
    public Builder connectTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "connect timeout");
      if (timeout.toMillis() < 250) {
        throw new InvalidInputException("Connect timeout must be at least 250 ms, was " + timeout);
      }
      this.connectTimeout = timeout;
      return this;
    }

    /**
     * Connects, creates or upgrades the schema and checks that the database can be written.
     *
     * @throws JdbcStoreException if the database is unreachable ({@code UNREACHABLE}, also when the
     *     driver is missing), read-only, full, in use, or at a newer schema ({@code SCHEMA_TOO_NEW});
     *     nothing was written
     */
    public JdbcFleetStore open() {
      HikariDataSource pool = null;
      DataSource ds = dataSource;
      try {
        if (ds == null) {
          pool = pool();
          ds = pool;
        }
        String lockKey;
        Dialect dialect;
        try (Connection c = ds.getConnection()) {
          dialect = Dialect.of(c);
          lockKey = c.getMetaData().getURL();
          Migrations.migrate(c, dialect, clock, lockKey == null ? database : lockKey, database);
          probeWritable(c);
        }
        Runnable onClose;
        synchronized (H2_MEMORY_OPEN) {
          onClose = kind == Kind.H2_MEMORY ? shutdownH2WhenLast(url, ds) : null;
        }
        return new JdbcFleetStore(ds, pool, clock, database, batchRows, dialect, onClose);
      } catch (SQLException e) {
        closeQuietly(pool);
        throw SqlErrors.translate(e, "opening the store", database);
      } catch (HikariPool.PoolInitializationException e) {
        closeQuietly(pool);
        if (e.getCause() instanceof SQLException) {
          throw SqlErrors.translate((SQLException) e.getCause(), "connecting", database);
        }
        throw new JdbcStoreException(
            JdbcStoreException.Reason.UNREACHABLE,
            "Could not connect to " + database + ": " + e.getMessage(),
            e);
      } catch (RuntimeException e) {
        closeQuietly(pool);
        throw e;
      }
    }

    private HikariDataSource pool() {
      String driver = kind == Kind.POSTGRES ? "org.postgresql.Driver" : "org.h2.Driver";
      String artifact = kind == Kind.POSTGRES ? "org.postgresql:postgresql" : "com.h2database:h2";
      try {
        Class.forName(driver);
      } catch (ClassNotFoundException e) {
        throw new JdbcStoreException(
            JdbcStoreException.Reason.UNREACHABLE,
            "Cannot open " + database + ": the JDBC" + " driver " + driver
                + " is not on the classpath; add the dependency " + artifact,
            e);
      }
      HikariConfig cfg = new HikariConfig();
      cfg.setPoolName("bigger-fleet");
      cfg.setJdbcUrl(url);
      cfg.setDriverClassName(driver);
      if (user != null) {
        cfg.setUsername(user);
        cfg.setPassword(password);
      }
      cfg.setMaximumPoolSize(maxPoolSize);
      cfg.setMinimumIdle(Math.min(2, maxPoolSize));
      cfg.setConnectionTimeout(connectTimeout.toMillis());
      cfg.setInitializationFailTimeout(1); // fail at open, not at the first read
      return new HikariDataSource(cfg);
    }

    /** Fails with READ_ONLY now rather than at the first write when the schema needed no change. */
    private static void probeWritable(Connection c) throws SQLException {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE bf_counter SET counter_value = counter_value WHERE name = 'event_seq'")) {
        ps.executeUpdate();
      } finally {
        c.rollback();
        c.setAutoCommit(autoCommit);
      }
    }

    /** Drops the in-memory database when the last store opened on it closes. */
    private static Runnable shutdownH2WhenLast(String url, DataSource ds) {
      H2_MEMORY_OPEN.merge(url, 1, Integer::sum);
      java.util.concurrent.atomic.AtomicBoolean closed =
          new java.util.concurrent.atomic.AtomicBoolean();
      return () -> {
        if (!closed.compareAndSet(false, true)) {
          return;
        }
        synchronized (H2_MEMORY_OPEN) {
          if (H2_MEMORY_OPEN.merge(url, -1, Integer::sum) > 0) {
            return;
          }
          H2_MEMORY_OPEN.remove(url);
          try (Connection c = ds.getConnection();
              PreparedStatement ps = c.prepareStatement("SHUTDOWN")) {
            ps.execute();
          } catch (SQLException e) {
            // the database is gone already
          }
        }
      };
    }

    private static void closeQuietly(HikariDataSource pool) {
      if (pool != null) {
        pool.close();
      }
    }
  }
}
