package io.biggerfleet.bench.jdbc;

import io.biggerfleet.jdbc.JdbcFleetStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The databases the JDBC benchmarks run on: an H2 file in a temporary folder (the CLI's default) and
 * an embedded PostgreSQL 14 started once per benchmark fork. Each {@link #fresh()} store is empty.
 */
final class BenchDatabase implements AutoCloseable {
  private static final AtomicInteger NEXT = new AtomicInteger();
  private final String kind;
  private final Path dir;
  private final EmbeddedPostgres postgres;

  BenchDatabase(String kind) {
    this.kind = kind;
    try {
      this.dir = Files.createTempDirectory("bf-bench-");
      this.postgres = kind.equals("postgres") ? EmbeddedPostgres.start() : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new store on an empty database (H2: a new file; PostgreSQL: a new schema). */
  JdbcFleetStore fresh() {
    int n = NEXT.incrementAndGet();
    if (postgres == null) {
      return JdbcFleetStore.h2File(dir.resolve("fleet" + n)).open();
    }
    String schema = "b" + n;
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return JdbcFleetStore.postgres("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?currentSchema="
        + schema, "postgres", "").open();
  }

  @Override
  public void close() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Override
  public String toString() {
    return kind;
  }
}
