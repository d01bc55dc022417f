package io.biggerfleet.jdbc.internal;

import io.biggerfleet.FleetException;
import io.biggerfleet.InvalidInputException;
import io.biggerfleet.WriteConflictException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Names the record that made a bulk create fail with a unique-key violation, after the transaction
 * was rolled back: a record that exists already (looked up {@value #LOOKUP} keys per query), or a
 * key the write named twice. Only runs on that failure path.
 */
final class Conflicts {
  /** Keys per lookup query. */
  static final int LOOKUP = 500;

  private Conflicts() {}

  /** The exception for a failed create of the records with {@code keys} (iterated once, in order). */
  static <K, V> FleetException onCreate(Connection c, RecordMapper<K, V> m, Iterable<K> keys)
      throws SQLException {
    Set<K> seen = new HashSet<>();
    List<K> chunk = new ArrayList<>(LOOKUP);
    K twice = null;
    for (K k : keys) {
      if (!seen.add(k) && twice == null) {
        twice = k;
      }
      chunk.add(k);
      if (chunk.size() == LOOKUP) {
        WriteConflictException e = existing(c, m, chunk);
        if (e != null) {
          return e;
        }
        chunk.clear();
      }
    }
    WriteConflictException e = chunk.isEmpty() ? null : existing(c, m, chunk);
    if (e != null) {
      return e;
    }
    if (twice != null) {
      return new InvalidInputException(
          "The write creates " + m.kind + " '" + twice + "' twice; nothing was written");
    }
    return new WriteConflictException("Conflicting create of " + seen.size() + " " + m.kind
        + " record(s): one was created concurrently; nothing was written");
  }

  /** A conflict naming the first of {@code keys} that exists, or null if none does. */
  private static <K, V> WriteConflictException existing(
      Connection c, RecordMapper<K, V> m, List<K> keys) throws SQLException {
    String tuple = "(" + String.join(", ", Collections.nCopies(m.keyColumns.size(), "?")) + ")";
    String sql =
        "SELECT version, " + String.join(", ", m.keyColumns) + " FROM " + m.table + " WHERE ("
            + String.join(", ", m.keyColumns) + ") IN ("
            + String.join(", ", Collections.nCopies(keys.size(), tuple))
            + ") ORDER BY " + String.join(", ", m.keyColumns);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      for (K k : keys) {
        i = m.bindKey(ps, i, k);
      }
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return new WriteConflictException("Conflicting write to " + m.kind + " '" + m.keyText(rs, 2)
            + "': expected version 0 (new) but it is at version " + rs.getLong(1)
            + "; nothing was written");
      }
    }
  }
}
