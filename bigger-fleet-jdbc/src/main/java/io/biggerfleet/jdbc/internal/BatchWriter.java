package io.biggerfleet.jdbc.internal;

import io.biggerfleet.WriteConflictException;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.spi.RolloutLease;
import io.biggerfleet.spi.WriteBatch;
import io.biggerfleet.spi.WriteBatch.ProgressKey;
import io.biggerfleet.spi.WriteBatch.Write;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Applies one {@link WriteBatch} in one transaction: fences first, then per record kind the creates
 * (bulk inserts, see below), updates ({@code UPDATE ... WHERE version = expected}) and deletes (same
 * guard), then the events (seq from a counter row, so seqs are gap-free and in commit order). Any
 * mismatch rolls the whole transaction back and throws {@link WriteConflictException}.
 *
 * <p>Bulk forms: creates of {@value #BULK_MIN_ROWS} rows or more go through {@link BulkInsert}
 * ({@code COPY} on PostgreSQL, JDBC batches on H2); on PostgreSQL (through PgJDBC) updates are sent
 * {@value #BULK_MIN_ROWS} or more at a time as one {@link ArrayUpdate} statement per chunk. Smaller
 * writes, and H2, use JDBC batches of {@code chunk} rows (default {@link #DEFAULT_CHUNK}). Events of
 * a batch with {@value #BULK_MIN_ROWS} or more go in as one {@code COPY} on PostgreSQL.
 * {@link #createProgress} streams the records of an activation through a {@link BulkInsert}.
 *
 * <p>Updates and deletes are sent in key order so that two batches touching the same rows lock them
 * in the same order and do not deadlock (an {@link ArrayUpdate} locks in the order of its join; a
 * deadlock there is reported as a retryable conflict).
 */
public final class BatchWriter {
  /** Rows per JDBC batch unless configured. */
  public static final int DEFAULT_CHUNK = 1000;

  /** Fewest rows of one kind for which a batch uses the bulk forms. */
  static final int BULK_MIN_ROWS = 64;

  /** Rows of a bulk create after which PostgreSQL's statistics of the table are refreshed. */
  static final int ANALYZE_AFTER_ROWS = 2_000;

  private final Clock clock;
  private final int chunk;
  private final Dialect dialect;

  BatchWriter(Clock clock, int chunk, Dialect dialect) {
    this.clock = clock;
    this.chunk = chunk;
    this.dialect = dialect;
  }

  /** Writes {@code batch} on {@code c} (auto-commit off); the caller commits or rolls back. */
  void write(Connection c, WriteBatch batch) throws SQLException {
    writeRecords(c, batch);
    appendEvents(c, batch.events());
  }

  /** Checks the fences of {@code batch} and writes its records, not its events. */
  void writeRecords(Connection c, WriteBatch batch) throws SQLException {
    for (RolloutLease fence : batch.fences()) {
      SqlLeases.checkFence(c, fence, clock.instant());
    }
    writeAll(c, DeviceMapper.INSTANCE, batch.devices());
    writeAll(c, GroupMapper.INSTANCE, batch.groups());
    writeAll(c, RolloutMapper.INSTANCE, batch.rollouts());
    writeAll(c, ProgressMapper.INSTANCE, batch.progress());
  }

  /**
   * Creates a progress record (version 1) for each of {@code created}, streamed: one chunk in memory
   * at a time. On a unique-key violation rolls back and throws the conflict (or names a device
   * created twice), iterating {@code created} a second time to find it.
   */
  void createProgress(Connection c, Iterable<DeviceRolloutProgress> created) throws SQLException {
    ProgressMapper m = ProgressMapper.INSTANCE;
    Object[] row = new Object[m.insertColumnCount()];
    try (BulkInsert in = BulkInsert.open(c, dialect, m, chunk)) {
      for (DeviceRolloutProgress p : created) {
        m.insertValues(new ProgressKey(p.rollout(), p.device()), p, 1, row);
        in.add(row);
      }
      in.finish();
      if (dialect == Dialect.POSTGRES && in.rows >= ANALYZE_AFTER_ROWS) {
        analyze(c, m.table);
      }
    } catch (SQLException e) {
      if (SqlErrors.isDuplicateKey(e)) {
        c.rollback();
        throw Conflicts.onCreate(c, m, () -> keys(created.iterator()));
      }
      throw e;
    }
  }

  /**
   * PostgreSQL: refreshes the planner's statistics of {@code table} inside the transaction (it counts
   * the rows this transaction inserted). Without it, after a bulk create into a table the statistics
   * still call small, the feed's reads and array updates of the next minutes were planned as scans of
   * the whole table, each page costing time in proportion to the rollout.
   */
  private static void analyze(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("ANALYZE " + table);
    }
  }

  private static Iterator<ProgressKey> keys(Iterator<DeviceRolloutProgress> records) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return records.hasNext();
      }

      @Override
      public ProgressKey next() {
        DeviceRolloutProgress p = records.next();
        return new ProgressKey(p.rollout(), p.device());
      }
    };
  }

  private <K extends Comparable<? super K>, V> void writeAll(
      Connection c, RecordMapper<K, V> m, List<Write<K, V>> writes) throws SQLException {
    if (writes.isEmpty()) {
      return;
    }
    List<Write<K, V>> creates = new ArrayList<>();
    List<Write<K, V>> updates = new ArrayList<>();
    List<Write<K, V>> deletes = new ArrayList<>();
    for (Write<K, V> w : writes) {
      if (w.isDelete()) {
        deletes.add(w);
      } else if (w.expectedVersion() == 0) {
        creates.add(w);
      } else {
        updates.add(w);
      }
    }
    Comparator<Write<K, V>> byKey = Comparator.comparing(Write::key);
    updates.sort(byKey);
    deletes.sort(byKey);
    if (!creates.isEmpty()) {
      insert(c, m, creates);
    }
    if (!updates.isEmpty()) {
      guarded(c, m, m.updateSql, updates);
    }
    if (!deletes.isEmpty()) {
      guarded(c, m, m.deleteSql, deletes);
    }
  }

  private <K, V> void insert(Connection c, RecordMapper<K, V> m, List<Write<K, V>> creates)
      throws SQLException {
    Object[] row = new Object[m.insertColumnCount()];
    Dialect form =
        creates.size() >= BULK_MIN_ROWS ? dialect : Dialect.H2; // COPY only pays for many rows
    try (BulkInsert in = BulkInsert.open(c, form, m, chunk)) {
      for (Write<K, V> w : creates) {
        m.insertValues(w.key(), w.value().get(), 1, row);
        in.add(row);
      }
      in.finish();
    } catch (SQLException e) {
      if (SqlErrors.isDuplicateKey(e)) {
        c.rollback();
        throw Conflicts.onCreate(c, m, () -> creates.stream().map(Write::key).iterator());
      }
      throw e;
    }
  }

  /** Runs an UPDATE or DELETE guarded by {@code version = expected}; a row count of 0 is a conflict. */
  private <K, V> void guarded(
      Connection c, RecordMapper<K, V> m, String sql, List<Write<K, V>> writes)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int from = 0; from < writes.size(); from += chunk) {
        List<Write<K, V>> rows = writes.subList(from, Math.min(writes.size(), from + chunk));
        if (dialect == Dialect.POSTGRES
            && rows.size() >= BULK_MIN_ROWS
            && !rows.get(0).isDelete()
            && CopyInsert.isAvailable(c)) {
          if (ArrayUpdate.run(c, m, rows) != rows.size()) {
            c.rollback(); // now every row shows its committed version: the one not at ours is
            // the conflict
            for (Write<K, V> w : rows) {
              long actual = version(c, m, w.key());
              if (actual != w.expectedVersion()) {
                throw conflict(m.kind, w, actual);
              }
            }
            throw new WriteConflictException("Conflicting write to " + rows.size() + " " + m.kind
                + " records: one was updated concurrently; nothing was written");
          }
          continue;
        }
        for (Write<K, V> w : rows) {
          if (w.isDelete()) {
            m.bindDelete(ps, w.key(), w.expectedVersion());
          } else {
            m.bindUpdate(ps, w.key(), w.value().get(), w.expectedVersion());
          }
          ps.addBatch();
        }
        int[] counts = ps.executeBatch();
        for (int i = 0; i < counts.length; i++) {
          Write<K, V> w = rows.get(i);
          boolean applied =
              counts[i] == Statement.SUCCESS_NO_INFO ? appliedByUs(c, m, w) : counts[i] == 1;
          if (!applied) {
            long actual = version(c, m, w.key());
            c.rollback();
            throw conflict(m.kind, w, actual);
          }
        }
      }
    }
  }

  /** For drivers that do not report row counts: we hold the row lock, so the row shows our write. */
  private static <K, V> boolean appliedByUs(Connection c, RecordMapper<K, V> m, Write<K, V> w)
      throws SQLException {
    long v = version(c, m, w.key());
    return w.isDelete() ? v == 0 : v == w.expectedVersion() + 1;
  }

  private static <K, V> long version(Connection c, RecordMapper<K, V> m, K key)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(m.versionSql)) {
      m.bindKey(ps, 1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  static WriteConflictException conflict(String kind, Write<?, ?> w, long actual) {
    return new WriteConflictException(
        "Conflicting write to " + kind + " '" + w.key() + "': expected version "
            + w.expectedVersion() + (w.expectedVersion() == 0 ? " (new)" : "") + " but it is at "
            + (actual == 0 ? "none (absent)" : "version " + actual) + "; nothing was written");
  }

  /**
   * PostgreSQL: the events of a large batch (a changes-feed page records one per device) as one
   * {@code COPY}, numbered from {@code seq + 1}, instead of one INSERT execution per event.
   */
  private static void copyEvents(Connection c, List<FleetEvent> events, long seq)
      throws SQLException {
    Object[] row = new Object[7];
    try (BulkInsert in = new CopyInsert(
        c, "bf_event", List.of("seq", "time_s", "time_n", "type", "subject", "actor", "message"))) {
      for (FleetEvent e : events) {
        row[0] = ++seq;
        row[1] = e.time().getEpochSecond();
        row[2] = e.time().getNano();
        row[3] = e.type().name();
        row[4] = e.subject();
        row[5] = e.actor();
        row[6] = e.message();
        in.add(row);
      }
      in.finish();
    }
  }

  void appendEvents(Connection c, List<FleetEvent> events) throws SQLException {
    if (events.isEmpty()) {
      return;
    }
    // The counter row is locked until commit: event writers queue here, so seqs are gap-free and
    // committed in order.
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE bf_counter SET counter_value = counter_value + ? WHERE name = 'event_seq'")) {
      ps.setLong(1, events.size());
      ps.executeUpdate();
    }
    long last;
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT counter_value FROM bf_counter WHERE name = 'event_seq'")) {
      rs.next();
      last = rs.getLong(1);
    }
    long seq = last - events.size();
    if (dialect == Dialect.POSTGRES
        && events.size() >= BULK_MIN_ROWS
        && CopyInsert.isAvailable(c)) {
      copyEvents(c, events, seq);
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO bf_event (seq, time_s, time_n, type, subject, actor, message) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      int pending = 0;
      for (FleetEvent e : events) {
        ps.setLong(1, ++seq);
        int i = Instants.bind(ps, 2, e.time());
        ps.setString(i++, e.type().name());
        ps.setString(i++, e.subject());
        ps.setString(i++, e.actor());
        ps.setString(i, e.message());
        ps.addBatch();
        if (++pending == chunk) {
          ps.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        ps.executeBatch();
      }
    }
  }
}
