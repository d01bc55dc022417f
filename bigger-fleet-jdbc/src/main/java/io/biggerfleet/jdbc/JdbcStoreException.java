package io.biggerfleet.jdbc;

import io.biggerfleet.FleetException;
import java.util.Objects;

/**
 * The database behind a {@link JdbcFleetStore} failed or refused: at start (unreachable, read-only,
 * full, at a newer schema version than this library knows, already in use) or later during a read or
 * write. {@link #reason()} says which, so an app can react (retry later, tell the operator to upgrade).
 * Whatever operation failed left the stored data as it was. Messages name the database (never a
 * password) and what to do.
 */
public class JdbcStoreException extends FleetException {
  private static final long serialVersionUID = 1L;

  /** Why the database failed. */
  public enum Reason {
    /** Could not connect: host down, wrong port, wrong credentials, missing driver. */
    UNREACHABLE,
    /** The database or connection is read-only; the store needs to write. */
    READ_ONLY,
    /** The disk or quota is full. */
    FULL,
    /** The database's schema is newer than this library knows: upgrade bigger-fleet-jdbc. */
    SCHEMA_TOO_NEW,
    /** An embedded database file is locked by another process. */
    IN_USE,
    /** Anything else the database reported. */
    FAILED
  }

  private final Reason reason;

  public JdbcStoreException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Why the database failed. */
  public Reason reason() {
    return reason;
  }
}
