package io.biggerfleet.jdbc.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * PostgreSQL's {@code COPY table (columns) FROM STDIN} in text format through PgJDBC's copy API: rows
 * are escaped into a byte buffer that is sent every {@link #FLUSH_BYTES} bytes, so memory stays at one
 * buffer however many rows go through. The rows become part of the connection's open transaction.
 *
 * <p>Loaded only for PostgreSQL connections (the PgJDBC driver is an optional dependency).
 */
final class CopyInsert extends BulkInsert {
  /** Bytes per send (256 KiB). */
  static final int FLUSH_BYTES = 1 << 18;

  private final CopyIn copy;
  private byte[] buf = new byte[FLUSH_BYTES + 8192];
  private int len;

  CopyInsert(Connection c, String table, List<String> columns) throws SQLException {
    this.copy = c.unwrap(PGConnection.class)
        .getCopyAPI()
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
    rows++;
    for (int i = 0; i < row.length; i++) {
      if (i > 0) {
        put((byte) '\t');
      }
      Object v = row[i];
      escape(v instanceof String ? (String) v : v.toString()); // numbers: digits only
    }
    put((byte) '\n');
    pending++;
    if (len >= FLUSH_BYTES) {
      flush();
    }
  }

  private void put(byte b) {
    if (len == buf.length) {
      buf = java.util.Arrays.copyOf(buf, buf.length * 2);
    }
    buf[len++] = b;
  }

  /**
   * Appends {@code s} in UTF-8, in COPY text format: backslash, newline, carriage return and tab are
   * written as escapes. ASCII is copied byte by byte; a string with other characters is encoded whole.
   */
  private void escape(String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      if (s.charAt(i) >= 0x80) {
        StringBuilder escaped = new StringBuilder(n + 8);
        escape(s, escaped);
        byte[] utf8 = escaped.toString().getBytes(StandardCharsets.UTF_8);
        for (byte b : utf8) {
          put(b);
        }
        return;
      }
    }
    if (len + 2 * n > buf.length) {
      buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + 2 * n));
    }
    for (int i = 0; i < n; i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '\\':
          buf[len++] = '\\';
          buf[len++] = '\\';
          break;
        case '\n':
          buf[len++] = '\\';
          buf[len++] = 'n';
          break;
        case '\r':
          buf[len++] = '\\';
          buf[len++] = 'r';
          break;
        case '\t':
          buf[len++] = '\\';
          buf[len++] = 't';
          break;
        default:
          buf[len++] = (byte) ch;
      }
    }
  }

  /** COPY text format escapes of {@code s}, as characters. */
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
    if (len == 0) {
      return;
    }
    copy.writeToCopy(buf, 0, len);
    len = 0;
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
