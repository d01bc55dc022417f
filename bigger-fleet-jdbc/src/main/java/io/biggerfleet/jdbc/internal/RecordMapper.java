package io.biggerfleet.jdbc.internal;

import io.biggerfleet.spi.Versioned;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How one kind of versioned record (device, group, rollout, progress) maps to its table: key columns,
 * a few indexed scalar columns for queries, a {@code version} column and the whole value as a JSON
 * document in {@code doc}. Reads decode only {@code doc}; so a value that gains a field needs a change
 * to its mapper's {@link #encode}/{@link #decode} and no schema migration (documents written before the
 * change simply lack the field; {@code decode} gives it its default).
 *
 * <p>Stateless and thread-safe.
 *
 * @param <K> key type
 * @param <V> value type
 */
abstract class RecordMapper<K, V> {
  final String kind;
  final String table;
  final List<String> keyColumns;
  final List<String> indexColumns;
  final String insertSql;
  final String updateSql;
  final String deleteSql;
  final String versionSql;
  final String selectOneSql;
  final String selectAllSql;

  RecordMapper(String kind, String table, List<String> keyColumns, List<String> indexColumns) {
    this.kind = kind;
    this.table = table;
    this.keyColumns = List.copyOf(keyColumns);
    this.indexColumns = List.copyOf(indexColumns);
    String keyWhere = String.join(" = ? AND ", keyColumns) + " = ?";
    List<String> insertCols = new ArrayList<>(keyColumns);
    insertCols.addAll(indexColumns);
    insertCols.add("version");
    insertCols.add("doc");
    this.insertSql = "INSERT INTO " + table + " (" + String.join(", ", insertCols) + ") VALUES ("
        + String.join(", ", Collections.nCopies(insertCols.size(), "?")) + ")";
    List<String> sets = new ArrayList<>();
    for (String c : indexColumns) {
      sets.add(c + " = ?");
    }
    sets.add("version = ?");
    sets.add("doc = ?");
    this.updateSql = "UPDATE " + table + " SET " + String.join(", ", sets) + " WHERE " + keyWhere
        + " AND version = ?";
    this.deleteSql = "DELETE FROM " + table + " WHERE " + keyWhere + " AND version = ?";
    this.versionSql = "SELECT version FROM " + table + " WHERE " + keyWhere;
    String cols = "SELECT version, doc, " + String.join(", ", keyColumns) + " FROM " + table;
    this.selectOneSql = cols + " WHERE " + keyWhere;
    this.selectAllSql = cols + " ORDER BY " + String.join(", ", keyColumns);
  }

  /** Binds the key's columns from parameter {@code i} on; returns the next parameter index. */
  abstract int bindKey(PreparedStatement ps, int i, K key) throws SQLException;

  /** Binds the indexed scalar columns of {@code value} from {@code i} on; returns the next index. */
  abstract int bindIndex(PreparedStatement ps, int i, V value) throws SQLException;

  /** Puts the key's column values (String or Integer) into {@code row} from {@code i} on; returns the next index. */
  abstract int keyValues(K key, Object[] row, int i);

  /** Puts the indexed scalar column values of {@code value} into {@code row} from {@code i} on; returns the next index. */
  abstract int indexValues(V value, Object[] row, int i);

  /** Number of columns of an inserted row: keys, indexed columns, version, doc. */
  int insertColumnCount() {
    return keyColumns.size() + indexColumns.size() + 2;
  }

  /** The columns of {@link #insertSql}, in order. */
  List<String> insertColumns() {
    List<String> cols = new ArrayList<>(keyColumns);
    cols.addAll(indexColumns);
    cols.add("version");
    cols.add("doc");
    return cols;
  }

  /** Fills {@code row} (of {@link #insertColumnCount()} slots) with the values {@link #insertSql} binds. */
  void insertValues(K key, V value, long version, Object[] row) {
    int i = keyValues(key, row, 0);
    i = indexValues(value, row, i);
    row[i++] = version;
    row[i] = encode(value);
  }

  /** The record's key as text, read from the key columns starting at column {@code col}. */
  abstract String keyText(ResultSet rs, int col) throws SQLException;

  /** Decodes a row of {@link #selectOneSql} or {@link #selectAllSql}: version, doc, key columns. */
  Versioned<V> decodeRow(ResultSet rs) throws SQLException {
    return new Versioned<>(decode(keyText(rs, 3), rs.getString(2)), rs.getLong(1));
  }

  /** The value as a JSON document. */
  abstract String encode(V value);

  /** The value from its JSON document; {@code key} only names the record in error messages. */
  abstract V decode(String key, String doc);

  void bindInsert(PreparedStatement ps, K key, V value) throws SQLException {
    int i = bindKey(ps, 1, key);
    i = bindIndex(ps, i, value);
    ps.setLong(i++, 1);
    ps.setString(i, encode(value));
  }

  void bindUpdate(PreparedStatement ps, K key, V value, long expectedVersion) throws SQLException {
    int i = bindIndex(ps, 1, value);
    ps.setLong(i++, expectedVersion + 1);
    ps.setString(i++, encode(value));
    i = bindKey(ps, i, key);
    ps.setLong(i, expectedVersion);
  }

  void bindDelete(PreparedStatement ps, K key, long expectedVersion) throws SQLException {
    int i = bindKey(ps, 1, key);
    ps.setLong(i, expectedVersion);
  }
}
