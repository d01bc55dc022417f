package io.biggerfleet.jdbc.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * PostgreSQL's {@code COPY table (columns) FROM STDIN} in text format through PgJDBC's copy API: rows
 * are escaped into a buffer that is sent every {@link #FLUSH_CHARS} characters, so memory stays at one
 * buffer however many rows go through. The rows become part of the connection's open transaction.
 *
 * <p>Loaded only for PostgreSQL connections (the PgJDBC driver is an optional dependency).
 */
final class CopyInsert extends BulkInsert {
  /** About 256 KiB of text per send. */
  static final int FLUSH_CHARS = 1 << 18;

  private final CopyIn copy;
  private final StringBuilder buf = new StringBuilder(FLUSH_CHARS + 4096);

  CopyInsert(Connection c, String table, List<String> columns) throws SQLException {
    this.copy = c.unwrap(PGConnection.class).getCopyAPI()
        .copyIn("COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN");
  }

  /** True if {@code c} is (or wraps) a PgJDBC connection; false if the driver is another or absent. */
  static boolean isAvailable(Connection c) {
    try {
      return c.isWrapperFor(PGConnection.class);
    } catch (SQLException | LinkageError e) {
      return false;
    }
  }

  @Override
  void add(Object[] row) throws SQLException {
    for (int i = 0; i < row.length; i++) {
      if (i > 0) {
        buf.append('\t');
      }
      Object v = row[i];
      if (v instanceof String) {
        escape((String) v, buf);
      } else {
        buf.append(v); // numbers need no escaping
      }
    }
    buf.append('\n');
    pending++;
    if (buf.length() >= FLUSH_CHARS) {
      flush();
    }
  }

  /** COPY text format: backslash, newline, carriage return and tab are written as escapes. */
  static void escape(String s, StringBuilder out) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          out.append(ch);
      }
    }
  }

  private void flush() throws SQLException {
    if (buf.length() == 0) {
      return;
    }
    byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
    buf.setLength(0);
    copy.writeToCopy(bytes, 0, bytes.length);
    pending = 0;
  }

  @Override
  void finish() throws SQLException {
    flush();
    copy.endCopy();
  }

  @Override
  public void close() throws SQLException {
    if (copy.isActive()) {
      copy.cancelCopy();
    }
  }
}
