package io.biggerfleet.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * What differs between the databases the store supports: column types and how migrations are
 * serialized between instances. Everything else is plain SQL both understand.
 */
public enum Dialect {
  H2 {
    @Override
    String keyText(int length) {
      // H2's default collation compares like String.compareTo, the order FleetStore promises.
      return "VARCHAR(" + length + ")";
    }

    @Override
    String docText() {
      return "CHARACTER VARYING";
    }
  },
  POSTGRES {
    @Override
    String keyText(int length) {
      // "C" compares code points, like String.compareTo for the ASCII keys Bigger Fleet uses; a
      // locale
      // collation would sort "a-b" and "ab" differently from the in-memory store.
      return "VARCHAR(" + length + ") COLLATE \"C\"";
    }

    @Override
    String docText() {
      return "TEXT";
    }
  };

  /** Column type of a key or indexed text column of at most {@code length} characters. */
  abstract String keyText(int length);

  /** Column type of a JSON document. */
  abstract String docText();

  /** The dialect of the database behind {@code c}. */
  public static Dialect of(Connection c) throws SQLException {
    String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    if (product.contains("h2")) {
      return H2;
    }
    if (product.contains("postgres")) {
      return POSTGRES;
    }
    throw new SQLException(
        "Unsupported database '" + c.getMetaData().getDatabaseProductName()
            + "': bigger-fleet-jdbc supports H2 and PostgreSQL",
        "0A000");
  }
}
