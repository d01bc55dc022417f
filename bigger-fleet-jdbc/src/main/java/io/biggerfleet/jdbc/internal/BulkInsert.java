package io.biggerfleet.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Inserts many rows of one table inside the caller's transaction, sending them as they come in
 * chunks, so no more than one chunk is held: on PostgreSQL with {@code COPY ... FROM STDIN}
 * ({@link CopyInsert}), elsewhere (H2, or a PostgreSQL connection that cannot be unwrapped to PgJDBC)
 * with JDBC batches of a prepared {@code INSERT}. A duplicate key fails {@link #add} or
 * {@link #finish} with the database's unique-violation {@link SQLException}; the caller rolls back.
 *
 * <p>Not thread-safe: one per transaction and table, closed before the transaction ends.
 */
abstract class BulkInsert implements AutoCloseable {
  /** Rows in the current chunk. */
  int pending;

  /** Rows added in all. */
  long rows;

  /** Adds one row: the values of {@link RecordMapper#insertColumns()}, in order (String, Integer or Long). */
  abstract void add(Object[] row) throws SQLException;

  /** Sends what is left; after this the rows are in the transaction. */
  abstract void finish() throws SQLException;

  /** Abandons an unfinished insert (the caller rolls the transaction back). */
  @Override
  public abstract void close() throws SQLException;

  /**
   * The fastest form for {@code c}: {@code COPY} on PostgreSQL (PgJDBC), JDBC batches of
   * {@code chunk} rows otherwise.
   */
  static BulkInsert open(Connection c, Dialect dialect, RecordMapper<?, ?> m, int chunk)
      throws SQLException {
    if (dialect == Dialect.POSTGRES && CopyInsert.isAvailable(c)) {
      return new CopyInsert(c, m.table, m.insertColumns());
    }
    return new Batched(c.prepareStatement(m.insertSql), chunk);
  }

  /** Binds the values of {@code row} to parameters 1.. of {@code ps}. */
  static void bind(PreparedStatement ps, Object[] row) throws SQLException {
    for (int i = 0; i < row.length; i++) {
      Object v = row[i];
      if (v instanceof Integer) {
        ps.setInt(i + 1, (Integer) v);
      } else if (v instanceof Long) {
        ps.setLong(i + 1, (Long) v);
      } else {
        ps.setString(i + 1, (String) v);
      }
    }
  }

  /** JDBC batches of a prepared INSERT, executed every {@code chunk} rows. */
  private static final class Batched extends BulkInsert {
    private final PreparedStatement ps;
    private final int chunk;

    Batched(PreparedStatement ps, int chunk) {
      this.ps = ps;
      this.chunk = chunk;
    }

    @Override
    void add(Object[] row) throws SQLException {
      rows++;
      bind(ps, row);
      ps.addBatch();
      if (++pending == chunk) {
        ps.executeBatch();
        pending = 0;
      }
    }

    @Override
    void finish() throws SQLException {
      if (pending > 0) {
        ps.executeBatch();
        pending = 0;
      }
    }

    @Override
    public void close() throws SQLException {
      ps.close();
    }
  }
}
