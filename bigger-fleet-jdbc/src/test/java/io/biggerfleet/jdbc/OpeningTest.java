package io.biggerfleet.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.event.EventType;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.jdbc.JdbcStoreException.Reason;
import io.biggerfleet.spi.WriteBatch;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening a store: schema creation and upgrade, several instances at once, and databases that cannot be used. */
class OpeningTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir
  Path dir;

  private static Device device(String id) {
    return Device.builder(DeviceId.parse(id)).nick("n").build();
  }

  private static List<String> column(String url, String user, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url, user, "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static void execute(String url, String user, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private String h2Url() {
    return "jdbc:h2:file:" + dir.resolve("fleet").toAbsolutePath();
  }

  @Test
  void h2File_keepsEverythingAcrossReopen() {
    Path file = dir.resolve("fleet");
    try (JdbcFleetStore store = JdbcFleetStore.h2File(file).open()) {
      store.write(WriteBatch.builder()
          .putDevice(device("A@r.io"), 0)
          .appendEvent(FleetEvent.of(T0, EventType.DEVICES_IMPORTED, "/", "cli", "1 device"))
          .build());
    }

    try (JdbcFleetStore store = JdbcFleetStore.h2File(file).open()) {
      assertThat(store.device(DeviceId.parse("A@r.io")).orElseThrow().version()).isEqualTo(1);
      assertThat(store.events(0, 10)).extracting(FleetEvent::message).containsExactly("1 device");
    }
  }

  @Test
  void open_recordsEachMigrationOnce_andReopenChangesNothing() throws SQLException {
    Path file = dir.resolve("fleet");
    JdbcFleetStore.h2File(file).open().close();
    JdbcFleetStore.h2File(file).open().close();

    assertThat(column(h2Url(), "", "SELECT version FROM bf_schema_version ORDER BY version"))
        .containsExactly("1", "2")
        .hasSize(JdbcFleetStore.schemaVersion());
  }

  @Test
  void open_afterAStartThatDiedHalfWayThroughMigrating_completesTheSchema() throws SQLException {
    // H2 commits each DDL statement: a crash can leave some tables and no version row
    execute(
        h2Url(),
        "",
        "CREATE TABLE bf_schema_version (version INT NOT NULL PRIMARY KEY,"
            + " description VARCHAR(256) NOT NULL, installed_at VARCHAR(64) NOT NULL)");
    execute(
        h2Url(),
        "",
        "CREATE TABLE bf_device (dev_id VARCHAR(128) NOT NULL, registry VARCHAR(253) NOT NULL,"
            + " version BIGINT NOT NULL, doc CHARACTER VARYING NOT NULL, PRIMARY KEY (dev_id, registry))");

    try (JdbcFleetStore store = JdbcFleetStore.h2File(dir.resolve("fleet")).open()) {
      store.write(WriteBatch.builder()
          .putDevice(device("A@r.io"), 0)
          .appendEvent(FleetEvent.of(T0, EventType.DEVICES_IMPORTED, "/", "cli", "1 device"))
          .build());
      assertThat(store.events(0, 10)).hasSize(1);
    }
    assertThat(column(h2Url(), "", "SELECT version FROM bf_schema_version"))
        .containsExactly("1", "2");
  }

  @Test
  void open_onH2AtNewerSchemaVersion_failsWithSchemaTooNew_andWritesNothing() throws SQLException {
    JdbcFleetStore.h2File(dir.resolve("fleet")).open().close();
    execute(
        h2Url(),
        "",
        "INSERT INTO bf_schema_version VALUES (99, 'from the future', '2030-01-01T00:00:00Z')");
    List<String> tablesBefore = column(
        h2Url(),
        "",
        "SELECT table_name FROM information_schema.tables"
            + " WHERE table_schema = 'PUBLIC' ORDER BY table_name");

    assertThatThrownBy(() -> JdbcFleetStore.h2File(dir.resolve("fleet")).open())
        .isInstanceOfSatisfying(
            JdbcStoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SCHEMA_TOO_NEW))
        .hasMessageContaining("schema version 99")
        .hasMessageContaining("knows versions up to " + JdbcFleetStore.schemaVersion())
        .hasMessageContaining("Upgrade bigger-fleet-jdbc");

    assertThat(column(h2Url(), "", "SELECT version FROM bf_schema_version ORDER BY version"))
        .containsExactly("1", "2", "99");
    assertThat(column(
            h2Url(),
            "",
            "SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = 'PUBLIC' ORDER BY table_name"))
        .isEqualTo(tablesBefore);
  }

  @Test
  void open_onPostgresAtNewerSchemaVersion_failsWithSchemaTooNew() throws SQLException {
    String url = TestDatabases.freshPostgresSchema();
    JdbcFleetStore.postgres(url, "postgres", "").open().close();
    execute(
        url,
        "postgres",
        "INSERT INTO bf_schema_version VALUES (99, 'from the future', '2030-01-01T00:00:00Z')");

    assertThatThrownBy(() -> JdbcFleetStore.postgres(url, "postgres", "").open())
        .isInstanceOfSatisfying(
            JdbcStoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SCHEMA_TOO_NEW))
        .hasMessageContaining("schema version 99");
    assertThat(column(url, "postgres", "SELECT version FROM bf_schema_version ORDER BY version"))
        .containsExactly("1", "2", "99");
  }

  @Test
  void open_onPostgresAtVersion1_upgradesProgressPagesToLeaveRoomForInPlaceUpdates()
      throws SQLException {
    String url = TestDatabases.freshPostgresSchema();
    String options = "SELECT coalesce(array_to_string(reloptions, ','), '') FROM pg_class"
        + " WHERE relname = 'bf_progress' AND relnamespace = current_schema()::regnamespace";
    JdbcFleetStore.postgres(url, "postgres", "").open().close();
    assertThat(column(url, "postgres", options)).containsExactly("fillfactor=60");
    // as a database written by the release before migration 2 left it
    execute(url, "postgres", "ALTER TABLE bf_progress RESET (fillfactor)");
    execute(url, "postgres", "DELETE FROM bf_schema_version WHERE version = 2");
    assertThat(column(url, "postgres", options)).containsExactly("");

    JdbcFleetStore.postgres(url, "postgres", "").open().close();

    assertThat(column(url, "postgres", options)).containsExactly("fillfactor=60");
    assertThat(column(url, "postgres", "SELECT version FROM bf_schema_version ORDER BY version"))
        .containsExactly("1", "2");
  }

  @Test
  void open_onReadOnlyH2_failsWithReadOnly() {
    JdbcFleetStore.h2File(dir.resolve("fleet")).open().close();
    JdbcDataSource readOnly = new JdbcDataSource();
    readOnly.setURL(h2Url() + ";ACCESS_MODE_DATA=r");

    assertThatThrownBy(() -> JdbcFleetStore.dataSource(readOnly).open())
        .isInstanceOfSatisfying(
            JdbcStoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.READ_ONLY))
        .hasMessageContaining("writable");
  }

  @Test
  void open_onReadOnlyPostgres_failsWithReadOnly_whetherOrNotTheSchemaExists() {
    String url = TestDatabases.freshPostgresSchema();
    String readOnly = url + "&options=-c%20default_transaction_read_only%3Don";

    assertThatThrownBy(() -> JdbcFleetStore.postgres(readOnly, "postgres", "").open())
        .isInstanceOfSatisfying(
            JdbcStoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.READ_ONLY));

    JdbcFleetStore.postgres(url, "postgres", "").open().close();
    assertThatThrownBy(() -> JdbcFleetStore.postgres(readOnly, "postgres", "").open())
        .isInstanceOfSatisfying(
            JdbcStoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.READ_ONLY));
  }

  @Test
  void open_onUnreachablePostgres_failsWithUnreachable_withoutShowingThePassword() {
    assertThatThrownBy(() -> JdbcFleetStore.postgres(
                "jdbc:postgresql://127.0.0.1:1/fleet", "fleet", "s3cret-pw")
            .connectTimeout(Duration.ofSeconds(1))
            .open())
        .isInstanceOfSatisfying(
            JdbcStoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE))
        .hasMessageContaining("127.0.0.1:1")
        .hasMessageContaining("reachable")
        .hasMessageNotContaining("s3cret-pw");
  }

  @Test
  void open_withWrongPassword_failsWithUnreachable_withoutShowingIt() {
    String url = TestDatabases.postgresUrl();
    // the embedded server trusts local connections, so point at a database that does not exist
    // instead
    assertThatThrownBy(
            () -> JdbcFleetStore.postgres(url.replace("/postgres", "/nope"), "postgres", "wrong-pw")
                .open())
        .isInstanceOfSatisfying(
            JdbcStoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE))
        .hasMessageNotContaining("wrong-pw");
  }

  @Test
  void postgres_withUrlOfAnotherDatabase_isRejectedAtOnce() {
    assertThatThrownBy(
            () -> JdbcFleetStore.postgres("jdbc:mysql://db/fleet?password=hunter2", "u", "p"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("jdbc:postgresql:")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void toString_namesTheDatabase_butNeverThePassword() {
    String url = TestDatabases.freshPostgresSchema() + "&password=";
    try (JdbcFleetStore store =
        JdbcFleetStore.postgres(url, "postgres", "not-shown").open()) {
      assertThat(store.toString())
          .contains("PostgreSQL jdbc:postgresql://localhost")
          .contains("as postgres")
          .doesNotContain("not-shown");
    }
  }

  @Test
  void severalInstancesStartingAtOnce_onOnePostgres_migrateOnce_andAllWork() throws Exception {
    String url = TestDatabases.freshPostgresSchema();
    int instances = 4;
    ExecutorService pool = Executors.newFixedThreadPool(instances);
    CountDownLatch start = new CountDownLatch(1);
    List<JdbcFleetStore> stores = new ArrayList<>();
    try {
      List<Future<JdbcFleetStore>> opened = new ArrayList<>();
      for (int i = 0; i < instances; i++) {
        opened.add(pool.submit(() -> {
          start.await();
          return JdbcFleetStore.postgres(url, "postgres", "").maxPoolSize(2).open();
        }));
      }
      start.countDown();
      for (Future<JdbcFleetStore> f : opened) {
        stores.add(f.get(60, TimeUnit.SECONDS));
      }
      for (int i = 0; i < instances; i++) {
        stores
            .get(i)
            .write(WriteBatch.builder().putDevice(device("D" + i + "@r.io"), 0).build());
      }

      assertThat(stores.get(0).deviceCount()).isEqualTo(instances);
      assertThat(column(url, "postgres", "SELECT version FROM bf_schema_version"))
          .containsExactly("1", "2");
    } finally {
      stores.forEach(JdbcFleetStore::close);
      pool.shutdownNow();
    }
  }

  @Test
  void twoStoresOnOneInMemoryH2_shareIt_untilTheLastCloses() {
    JdbcFleetStore first = JdbcFleetStore.h2InMemory("shared-mem").open();
    JdbcFleetStore second = JdbcFleetStore.h2InMemory("shared-mem").open();
    first.write(WriteBatch.builder().putDevice(device("A@r.io"), 0).build());
    first.close();

    assertThat(second.deviceCount()).isEqualTo(1);
    second.close();
    try (JdbcFleetStore third = JdbcFleetStore.h2InMemory("shared-mem").open()) {
      assertThat(third.deviceCount()).isZero();
    }
  }

  @Test
  void h2InMemory_withBadName_isRejected() {
    assertThatThrownBy(() -> JdbcFleetStore.h2InMemory("a;INIT=RUNSCRIPT"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("a;INIT=RUNSCRIPT");
  }

  @Test
  void h2File_withSemicolonInPath_isRejected_beforeAnythingIsCreated() {
    assertThatThrownBy(() -> JdbcFleetStore.h2File(dir.resolve("fleet;INIT=RUNSCRIPT FROM 'x'")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("contains ';'");
    assertThat(dir.toFile().list()).isEmpty();
  }
}
