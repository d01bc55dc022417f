package io.biggerfleet.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.biggerfleet.FleetException;
import io.biggerfleet.InvalidInputException;
import io.biggerfleet.jdbc.JdbcFleetStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Properties;

/**
 * The CLI's H2 database in the state folder ({@code fleet.mv.db}), opened so that only its owner can
 * reach it, and so that several CLI processes can share it.
 *
 * <ul>
 *   <li>H2's automatic mixed mode ({@code AUTO_SERVER}) lets a second process use the file through the
 *       first one; its TCP port is bound to the loopback interface only ({@code h2.bindAddress}), and if
 *       H2 was loaded in this JVM before that could be set, the file is opened without the server.
 *   <li>The database has a random password, kept in {@link StateKey} ({@code store.key}, owner-only).
 *       A database from before the key existed gets one at the first open.
 *   <li>A database briefly held by another process (one just starting or exiting) is retried for up to
 *       {@link #RETRY_FOR_MILLIS}; nothing is lost, the command waits.
 *   <li>Every failure is one {@link FleetException} line naming the file and the way out (a damaged
 *       file is left as it is; a read-only folder, a lost key, a database held by a process that does
 *       not share it).
 * </ul>
 *
 * <p>One per CLI run; not thread-safe.
 */
final class StateDatabase implements AutoCloseable {
  static final String FILE = "fleet";
  static final String LOOPBACK = "127.0.0.1";
  static final long RETRY_FOR_MILLIS = 15_000;

  private final HikariDataSource pool;
  private final JdbcFleetStore store;
  private final StateQueue turn;

  private StateDatabase(HikariDataSource pool, JdbcFleetStore store, StateQueue turn) {
    this.pool = pool;
    this.store = store;
    this.turn = turn;
  }

  JdbcFleetStore store() {
    return store;
  }

  /**
   * Opens (creating if needed) the database in the state folder {@code dir}. A short command
   * ({@code queue}) first waits for its turn among the other short commands ({@link StateQueue}).
   */
  static StateDatabase open(Path dir, Clock clock, boolean queue) {
    StateQueue turn = queue ? StateQueue.enter(dir) : null;
    try {
      return open(dir, clock, turn);
    } catch (RuntimeException e) {
      if (turn != null) {
        turn.close();
      }
      throw e;
    }
  }

  private static StateDatabase open(Path dir, Clock clock, StateQueue turn) {
    Path base = dir.resolve(FILE).toAbsolutePath();
    Path file = dir.resolve(FILE + ".mv.db").toAbsolutePath();
    if (base.toString().indexOf(';') >= 0) {
      throw new InvalidInputException("State folder '" + TerminalText.echo(dir.toString())
          + "' contains ';', which H2 does not allow in a path; set " + CliHome.ENV
          + " to another folder");
    }
    boolean shared = loopbackOnly();
    String url =
        "jdbc:h2:file:" + base + (shared ? ";AUTO_SERVER=TRUE" : "") + ";LOCK_TIMEOUT=10000";
    boolean existed = Files.exists(file);
    StateKey key = StateKey.in(dir);
    String password = key.readOrCreate();
    Connection first = connect(url, password, file, dir, existed && !key.existedBefore());
    HikariDataSource pool = null;
    try {
      HikariConfig cfg = new HikariConfig();
      cfg.setJdbcUrl(url);
      cfg.setUsername("");
      cfg.setPassword(password);
      cfg.setMaximumPoolSize(4);
      cfg.setMinimumIdle(1);
      cfg.setPoolName("bigger-fleet-cli");
      pool = new HikariDataSource(cfg);
      JdbcFleetStore store = JdbcFleetStore.dataSource(pool).clock(clock).open();
      StateFolderPermissions.tightenFiles(dir);
      return new StateDatabase(pool, store, turn);
    } catch (RuntimeException e) {
      if (pool != null) {
        pool.close();
      }
      SQLException sql = sqlCause(e);
      throw sql != null ? StateProblem.of(sql, file, dir) : e;
    } finally {
      closeQuietly(first);
    }
  }

  /**
   * Asks H2 to bind its automatic-mixed-mode server to loopback; true if it will (H2 reads the setting
   * once, when its classes load).
   */
  static boolean loopbackOnly() {
    if (System.getProperty("h2.bindAddress") == null) {
      System.setProperty("h2.bindAddress", LOOPBACK);
    }
    String bound = org.h2.engine.SysProperties.BIND_ADDRESS;
    return LOOPBACK.equals(bound) || "localhost".equals(bound) || "::1".equals(bound);
  }

  /**
   * The first connection: retried while another process holds the file; a legacy database without a
   * password gets {@code password} set first.
   */
  private static Connection connect(
      String url, String password, Path file, Path dir, boolean legacy) {
    long deadline = System.nanoTime() + RETRY_FOR_MILLIS * 1_000_000L;
    long pause = 20;
    while (true) {
      try {
        if (legacy) {
          try (Connection c = driverConnect(url, "")) {
            try (Statement s = c.createStatement()) {
              s.execute("ALTER USER \"\" SET PASSWORD '" + password.replace("'", "''") + "'");
            }
          }
          legacy = false;
        }
        return driverConnect(url, password);
      } catch (SQLException e) {
        if (!StateProblem.retryable(e) || System.nanoTime() > deadline) {
          throw StateProblem.of(e, file, dir);
        }
      }
      try {
        Thread.sleep(pause + (long) (Math.random() * pause));
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new FleetException("Interrupted while waiting for the state database " + file);
      }
      pause = Math.min(pause * 2, 400);
    }
  }

  private static Connection driverConnect(String url, String password) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "");
    p.setProperty("password", password);
    return new org.h2.Driver().connect(url, p);
  }

  private static SQLException sqlCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException) {
        return (SQLException) c;
      }
    }
    return null;
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // the pool holds its own connections
    }
  }

  @Override
  public void close() {
    try {
      store.close();
      pool.close();
    } finally {
      if (turn != null) {
        turn.close();
      }
    }
  }
}
