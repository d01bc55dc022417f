package io.biggerfleet.jdbc.internal;

import java.util.List;
import java.util.function.Function;

/**
 * One versioned schema change: its number, a description and the SQL statements that make it, written
 * per {@link Dialect}. Migrations are only ever appended to {@link Migrations#ALL}; a released one is
 * never edited.
 */
final class Migration {
  final int version;
  final String description;
  private final Function<Dialect, List<String>> statements;

  Migration(int version, String description, Function<Dialect, List<String>> statements) {
    this.version = version;
    this.description = description;
    this.statements = statements;
  }

  List<String> statements(Dialect d) {
    return statements.apply(d);
  }
}
