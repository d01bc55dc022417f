package io.biggerfleet.jdbc.internal;

import io.biggerfleet.jdbc.JdbcStoreException;
import io.biggerfleet.jdbc.JdbcStoreException.Reason;
import java.sql.SQLException;

/** Turns driver exceptions into {@link JdbcStoreException}s with a reason and a message for people. */
public final class SqlErrors {
  private SqlErrors() {}

  /** True for a unique-key violation (both databases use the standard SQLState). */
  static boolean isDuplicateKey(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      if ("23505".equals(s.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** True when the database gave up on the transaction because of a concurrent one (deadlock, lock timeout). */
  static boolean isConcurrencyFailure(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      String state = s.getSQLState();
      // 40001 serialization failure, 40P01 deadlock (PostgreSQL); H2 uses 40001 and HYT00 (lock
      // timeout)
      if ("40001".equals(state) || "40P01".equals(state) || "HYT00".equals(state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The exception to throw for {@code e}, which happened while doing {@code what} (e.g. "writing a
   * batch of 1000 records") on {@code database} (a description without credentials).
   */
  public static JdbcStoreException translate(SQLException e, String what, String database) {
    Reason reason = reasonOf(e);
    String advice;
    switch (reason) {
      case UNREACHABLE:
        advice =
            "check that the database is running and reachable and that the user and password are right";
        break;
      case READ_ONLY:
        advice =
            "the store needs a writable database; check the connection settings and database permissions";
        break;
      case FULL:
        advice = "free disk space or raise the database's quota";
        break;
      case IN_USE:
        advice =
            "another process has the embedded database open; stop it, or use PostgreSQL to share a store";
        break;
      default:
        advice = "nothing was written";
    }
    return new JdbcStoreException(
        reason,
        "Database " + database + " failed while " + what + ": " + firstLine(e.getMessage())
            + " (SQLState " + e.getSQLState() + "); " + advice,
        e);
  }

  static Reason reasonOf(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      String state = s.getSQLState() == null ? "" : s.getSQLState();
      int code = s.getErrorCode();
      if (state.startsWith("08")
          || state.equals("28000")
          || state.equals("28P01")
          || state.equals("3D000")) {
        return Reason.UNREACHABLE;
      }
      if (state.equals("25006") || state.equals("90097") || code == 90097) {
        return Reason.READ_ONLY;
      }
      if (state.startsWith("53") || state.equals("90100") || code == 90100) {
        return Reason.FULL;
      }
      if (state.equals("90020") || code == 90020) {
        return Reason.IN_USE;
      }
    }
    if (e.getCause() instanceof SQLException && e.getCause() != e) {
      return reasonOf((SQLException) e.getCause());
    }
    return Reason.FAILED;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "no message";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
