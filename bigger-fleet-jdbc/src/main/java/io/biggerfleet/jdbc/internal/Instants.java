package io.biggerfleet.jdbc.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Instants as two columns (epoch seconds, nanos): exact on both databases, and comparable in SQL. */
final class Instants {
  private Instants() {}

  static int bind(PreparedStatement ps, int i, Instant t) throws SQLException {
    ps.setLong(i, t.getEpochSecond());
    ps.setInt(i + 1, t.getNano());
    return i + 2;
  }

  static Instant read(ResultSet rs, int col) throws SQLException {
    return Instant.ofEpochSecond(rs.getLong(col), rs.getInt(col + 1));
  }
}
