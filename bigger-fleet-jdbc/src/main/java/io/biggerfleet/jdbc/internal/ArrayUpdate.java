package io.biggerfleet.jdbc.internal;

import io.biggerfleet.spi.WriteBatch.Write;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL: many guarded updates of one table as one statement, {@code UPDATE t SET ... FROM
 * unnest(?, ?, ...) AS u(...) WHERE t.key = u.key AND t.version = u.version}, with one array
 * parameter per column. One round trip and one plan per chunk instead of one statement per row.
 * The caller compares the updated row count with the number of rows to find a conflict.
 *
 * <p>Stateless; thread-safe.
 */
final class ArrayUpdate {
  private ArrayUpdate() {}

  /** Applies {@code writes} (puts at their expected versions); returns how many rows were updated. */
  static <K, V> int run(Connection c, RecordMapper<K, V> m, List<Write<K, V>> writes)
      throws SQLException {
    int cols = m.insertColumnCount();
    Object[][] columns = new Object[cols][writes.size()];
    Object[] row = new Object[cols];
    for (int r = 0; r < writes.size(); r++) {
      Write<K, V> w = writes.get(r);
      m.insertValues(w.key(), w.value().get(), w.expectedVersion(), row);
      for (int k = 0; k < cols; k++) {
        columns[k][r] = row[k];
      }
    }
    List<String> names = m.insertColumns();
    List<String> sets = new ArrayList<>();
    for (String ic : m.indexColumns) {
      sets.add(ic + " = u." + ic);
    }
    sets.add("version = u.version + 1");
    sets.add("doc = u.doc");
    List<String> where = new ArrayList<>();
    for (String kc : m.keyColumns) {
      where.add("t." + kc + " = u." + kc);
    }
    where.add("t.version = u.version");
    String sql = "UPDATE " + m.table + " AS t SET " + String.join(", ", sets) + " FROM unnest("
        + String.join(", ", java.util.Collections.nCopies(cols, "?")) + ") AS u("
        + String.join(", ", names)
        + ") WHERE " + String.join(" AND ", where);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int k = 0; k < cols; k++) {
        Object first = columns[k][0];
        String type = first instanceof Integer ? "int4" : first instanceof Long ? "int8" : "text";
        Object[] typed = first instanceof Integer
            ? new Integer[writes.size()]
            : first instanceof Long ? new Long[writes.size()] : new String[writes.size()];
        System.arraycopy(columns[k], 0, typed, 0, typed.length);
        Array a = c.createArrayOf(type, typed);
        ps.setArray(k + 1, a);
      }
      return ps.executeUpdate();
    }
  }
}
