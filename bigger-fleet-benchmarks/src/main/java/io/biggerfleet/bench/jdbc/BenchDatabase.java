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
  private final java.util.List<com.zaxxer.hikari.HikariDataSource> pools =
      new java.util.ArrayList<>();

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
    return fresh(true);
  }

  /**
   * A new store on an empty database; with {@code copy} false on PostgreSQL its connections hide
   * PgJDBC (as a proxy that cannot be unwrapped does), so bulk creates go as JDBC batches of INSERTs
   * with {@code reWriteBatchedInserts}: the baseline the {@code COPY} path is compared with.
   */
  JdbcFleetStore fresh(boolean copy) {
    int n = NEXT.incrementAndGet();
    if (postgres == null) {
      return JdbcFleetStore.h2File(dir.resolve("fleet" + n)).open();
    }
    String schema = "b" + n;
    if (!copy) {
      createSchema(schema);
      org.postgresql.ds.PGSimpleDataSource pg = new org.postgresql.ds.PGSimpleDataSource();
      pg.setURL("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?currentSchema="
          + schema + "&reWriteBatchedInserts=true");
      pg.setUser("postgres");
      com.zaxxer.hikari.HikariConfig cfg = new com.zaxxer.hikari.HikariConfig();
      cfg.setDataSource(withoutVendorInterfaces(pg));
      cfg.setMaximumPoolSize(10);
      com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource(cfg);
      pools.add(pool);
      return JdbcFleetStore.dataSource(pool).open();
    }
    createSchema(schema);
    return JdbcFleetStore.postgres(
            "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?currentSchema="
                + schema,
            "postgres",
            "")
        .open();
  }

  private static javax.sql.DataSource withoutVendorInterfaces(javax.sql.DataSource ds) {
    return (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(
        BenchDatabase.class.getClassLoader(),
        new Class<?>[] {javax.sql.DataSource.class},
        (proxy, method, args) -> {
          Object out = call(ds, method, args);
          if (!(out instanceof Connection)) {
            return out;
          }
          Connection real = (Connection) out;
          return java.lang.reflect.Proxy.newProxyInstance(
              BenchDatabase.class.getClassLoader(),
              new Class<?>[] {Connection.class},
              (p, m, a) ->
                  m.getName().equals("isWrapperFor") ? a[0] == Connection.class : call(real, m, a));
        });
  }

  private static Object call(Object target, java.lang.reflect.Method m, Object[] args)
      throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private void createSchema(String schema) {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    pools.forEach(com.zaxxer.hikari.HikariDataSource::close);
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
