package io.biggerfleet.jdbc.internal;

import io.biggerfleet.WriteConflictException;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.spi.RolloutLease;
import io.biggerfleet.spi.WriteBatch;
import io.biggerfleet.spi.WriteBatch.Write;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Applies one {@link WriteBatch} in one transaction: fences first, then per record kind the creates
 * (batched INSERTs), updates ({@code UPDATE ... WHERE version = expected}) and deletes (same guard),
 * then the events (seq from a counter row, so seqs are gap-free and in commit order). Any mismatch
 * rolls the whole transaction back and throws {@link WriteConflictException}. Statements are sent in
 * JDBC batches of {@code chunk} rows (default {@link #DEFAULT_CHUNK}).
 *
 * <p>Updates and deletes are sent in key order so that two batches touching the same rows lock them
 * in the same order and do not deadlock.
 */
public final class BatchWriter {
  /** Rows per JDBC batch unless configured. */
  public static final int DEFAULT_CHUNK = 1000;

  private final Clock clock;
  private final int chunk;

  BatchWriter(Clock clock, int chunk) {
    this.clock = clock;
    this.chunk = chunk;
  }

  /** Writes {@code batch} on {@code c} (auto-commit off); the caller commits or rolls back. */
  void write(Connection c, WriteBatch batch) throws SQLException {
    for (RolloutLease fence : batch.fences()) {
      SqlLeases.checkFence(c, fence, clock.instant());
    }
    writeAll(c, DeviceMapper.INSTANCE, batch.devices());
    writeAll(c, GroupMapper.INSTANCE, batch.groups());
    writeAll(c, RolloutMapper.INSTANCE, batch.rollouts());
    writeAll(c, ProgressMapper.INSTANCE, batch.progress());
    appendEvents(c, batch.events());
  }

  private <K extends Comparable<? super K>, V> void writeAll(Connection c, RecordMapper<K, V> m, List<Write<K, V>> writes)
      throws SQLException {
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

  private <K, V> void insert(Connection c, RecordMapper<K, V> m, List<Write<K, V>> creates) throws SQLException {
    int chunkStart = 0;
    try (PreparedStatement ps = c.prepareStatement(m.insertSql)) {
      for (chunkStart = 0; chunkStart < creates.size(); chunkStart += chunk) {
        for (Write<K, V> w : creates.subList(chunkStart, Math.min(creates.size(), chunkStart + chunk))) {
          m.bindInsert(ps, w.key(), w.value().get());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    } catch (SQLException e) {
      if (SqlErrors.isDuplicateKey(e)) {
        c.rollback();
        // The existing record is in the chunk that failed: look only there.
        throw conflictOnCreate(c, m, creates.subList(chunkStart, Math.min(creates.size(), chunkStart + chunk)));
      }
      throw e;
    }
  }

  /** Runs an UPDATE or DELETE guarded by {@code version = expected}; a row count of 0 is a conflict. */
  private <K, V> void guarded(Connection c, RecordMapper<K, V> m, String sql, List<Write<K, V>> writes)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int from = 0; from < writes.size(); from += chunk) {
        List<Write<K, V>> rows = writes.subList(from, Math.min(writes.size(), from + chunk));
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
          boolean applied = counts[i] == Statement.SUCCESS_NO_INFO
              ? appliedByUs(c, m, w)
              : counts[i] == 1;
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
  private static <K, V> boolean appliedByUs(Connection c, RecordMapper<K, V> m, Write<K, V> w) throws SQLException {
    long v = version(c, m, w.key());
    return w.isDelete() ? v == 0 : v == w.expectedVersion() + 1;
  }

  private static <K, V> long version(Connection c, RecordMapper<K, V> m, K key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(m.versionSql)) {
      m.bindKey(ps, 1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  /** After a failed insert (rolled back): finds a record that already existed, to name it. */
  private static <K, V> WriteConflictException conflictOnCreate(Connection c, RecordMapper<K, V> m,
      List<Write<K, V>> creates) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(m.versionSql)) {
      for (Write<K, V> w : creates) {
        m.bindKey(ps, 1, w.key());
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            return conflict(m.kind, w, rs.getLong(1));
          }
        }
      }
    }
    // Another writer created one of the records and rolled back meanwhile.
    return new WriteConflictException("Conflicting create of " + creates.size() + " " + m.kind
        + " record(s): one was created concurrently; nothing was written");
  }

  static WriteConflictException conflict(String kind, Write<?, ?> w, long actual) {
    return new WriteConflictException("Conflicting write to " + kind + " '" + w.key() + "': expected version "
        + w.expectedVersion() + (w.expectedVersion() == 0 ? " (new)" : "") + " but it is at "
        + (actual == 0 ? "none (absent)" : "version " + actual) + "; nothing was written");
  }

  private void appendEvents(Connection c, List<FleetEvent> events) throws SQLException {
    if (events.isEmpty()) {
      return;
    }
    // The counter row is locked until commit: event writers queue here, so seqs are gap-free and
    // committed in order.
    try (PreparedStatement ps = c.prepareStatement("UPDATE bf_counter SET counter_value = counter_value + ? WHERE name = 'event_seq'")) {
      ps.setLong(1, events.size());
      ps.executeUpdate();
    }
    long last;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT counter_value FROM bf_counter WHERE name = 'event_seq'")) {
      rs.next();
      last = rs.getLong(1);
    }
    long seq = last - events.size();
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
