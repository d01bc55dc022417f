package io.biggerfleet.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Databases for tests: one embedded PostgreSQL per test JVM (started on first use, stopped at exit),
 * with a fresh schema per test; and fresh H2 in-memory databases.
 */
final class TestDatabases {
  private static final AtomicInteger NEXT = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private TestDatabases() {}

  static synchronized EmbeddedPostgres postgres() {
    if (postgres == null) {
      try {
        // Durability of the test server itself is irrelevant; skipping fsync keeps commits cheap.
        postgres = EmbeddedPostgres.builder()
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off")
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
      }
      EmbeddedPostgres started = postgres;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (IOException e) {
          // exiting anyway
        }
      }));
    }
    return postgres;
  }

  /** A JDBC URL of a new, empty schema of the shared embedded PostgreSQL. */
  static String freshPostgresSchema() {
    String schema = "t" + NEXT.incrementAndGet();
    try (Connection c = postgres().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create schema " + schema, e);
    }
    return postgresUrl() + "?currentSchema=" + schema;
  }

  static String postgresUrl() {
    return "jdbc:postgresql://localhost:" + postgres().getPort() + "/postgres";
  }

  /** A store on a fresh PostgreSQL schema. */
  static JdbcFleetStore.Builder freshPostgres() {
    return JdbcFleetStore.postgres(freshPostgresSchema(), "postgres", "").maxPoolSize(4);
  }

  /** A store on a fresh H2 in-memory database. */
  static JdbcFleetStore.Builder freshH2() {
    return JdbcFleetStore.h2InMemory("test" + NEXT.incrementAndGet()).maxPoolSize(4);
  }
}
