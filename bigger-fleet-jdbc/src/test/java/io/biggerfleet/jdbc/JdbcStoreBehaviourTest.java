package io.biggerfleet.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.WriteConflictException;
import io.biggerfleet.device.AttributeSource;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.event.EventType;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.spi.WriteBatch;
import io.biggerfleet.testing.contract.TestRecords;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Behaviour of the JDBC store beyond the shared contract, run on H2 and on PostgreSQL: exact round
 * trips, tolerance of documents written by a newer mapper, and all-or-nothing bulk writes when the
 * connection dies half-way.
 */
abstract class JdbcStoreBehaviourTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** A plain (unpooled) data source on a fresh, empty database. */
  abstract DataSource freshDataSource();

  /** Breaks {@code c} the way a crash or a network cut would. */
  abstract void breakConnection(Connection c);

  /**
   * Breaks {@code victim}, which is in the middle of a bulk write on this thread (on PostgreSQL in
   * {@code COPY} mode, where it cannot run a statement), from outside it.
   */
  abstract void breakFromOutside(DataSource ds, Connection victim);

  static Device device(int i) {
    return Device.builder(DeviceId.of(String.format("DEV-%06d", i), "hub.example.com"))
        .nick("dev-" + i)
        .online(i % 2 == 0)
        .lastSeen(T0.plusSeconds(i))
        .revision(Integer.toString(i % 7))
        .systemAttributes(Map.of("Model", "121XPs"))
        .tags(List.of("fleet"))
        .build();
  }

  @Test
  void device_withEveryKindOfAttribute_roundTripsExactly() {
    Map<String, String> system = new LinkedHashMap<>();
    system.put("Zeta", "last-added-first");
    system.put("Alpha", "1");
    Device d = Device.builder(DeviceId.parse("DEVICEID-5@cisco.com"))
        .nick("gardenpool-wifi \"quoted\" ünïcode")
        .online(false)
        .systemAttributes(system)
        .registryAttributes(Map.of("Device-Location", "lat:43.54,lon:-76.12"))
        .attribute(AttributeSource.FLEET, "Fleet-Owner", "ops")
        .attribute(AttributeSource.SYSTEM, "Fleet-Owner", "device-says")
        .systemId(42L)
        .tags(List.of("canary", "beta"))
        .build();
    try (JdbcFleetStore store = JdbcFleetStore.dataSource(freshDataSource()).open()) {
      store.write(WriteBatch.builder().putDevice(d, 0).build());

      Device read = store.device(d.id()).orElseThrow().value();

      assertThat(read).isEqualTo(d);
      assertThat(read.attributes().all())
          .containsExactlyElementsOf(d.attributes().all());
      assertThat(read.lastSeen()).isEmpty();
      assertThat(read.revision()).isEmpty();
      assertThat(read.systemId()).isEqualTo(42L);
    }
  }

  @Test
  void eventsAndProgress_keepNanosecondTimestamps() {
    Instant precise = Instant.parse("2026-03-04T05:06:07.123456789Z");
    DeviceRolloutProgress p = TestRecords.progress(
        "R1", DeviceId.parse("A@r.io"), 2, 3, 17, "INPROGRESS", "75%", precise);
    try (JdbcFleetStore store = JdbcFleetStore.dataSource(freshDataSource()).open()) {
      store.write(WriteBatch.builder()
          .putProgress(p, 0)
          .appendEvent(
              FleetEvent.of(precise, EventType.DEVICE_POSTED, "A@r.io", "engine", "posted rev 17"))
          .build());

      assertThat(store.progress("R1", p.device()).orElseThrow().value()).isEqualTo(p);
      assertThat(store.events(0, 1).get(0).time()).isEqualTo(precise);
    }
  }

  @Test
  void rolloutDocument_writtenByNewerVersionWithExtraFields_isStillRead() throws SQLException {
    DataSource ds = freshDataSource();
    Rollout r = TestRecords.rollout(
        "ROLLOUT5", RolloutState.ACTIVE, TestRecords.CHANGE, "update kernel", "/", T0);
    try (JdbcFleetStore store = JdbcFleetStore.dataSource(ds).open()) {
      store.write(WriteBatch.builder().putRollout(r, 0).build());
      try (Connection c = ds.getConnection()) {
        String doc;
        try (PreparedStatement read =
                c.prepareStatement("SELECT doc FROM bf_rollout WHERE name = 'ROLLOUT5'");
            java.sql.ResultSet rs = read.executeQuery()) {
          rs.next();
          doc = rs.getString(1);
        }
        com.fasterxml.jackson.databind.ObjectMapper json =
            new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode n =
            (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(doc);
        n.putObject("futureField").put("nested", 1);
        ((com.fasterxml.jackson.databind.node.ObjectNode) n.get("steps").get(0))
            .put("futureStepField", true);
        ((com.fasterxml.jackson.databind.node.ObjectNode) n.get("run")).put("futureRunField", "x");
        try (PreparedStatement ps =
            c.prepareStatement("UPDATE bf_rollout SET doc = ? WHERE name = 'ROLLOUT5'")) {
          ps.setString(1, json.writeValueAsString(n));
          assertThat(ps.executeUpdate()).isEqualTo(1);
        }
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new AssertionError(e);
      }

      assertThat(store.rollout("ROLLOUT5").orElseThrow().value()).isEqualTo(r);
    }
  }

  @Test
  void progressRow_storedWithTheOldNameQueued_isReadAsWaiting() throws SQLException {
    DataSource ds = freshDataSource();
    DeviceRolloutProgress p =
        TestRecords.progress("R1", DeviceId.parse("A@r.io"), 1, 0, -1, "QUEUE", "", T0);
    assertThat(p.status()).isEqualTo(DeviceStatus.WAITING);
    try (JdbcFleetStore store = JdbcFleetStore.dataSource(ds).open()) {
      store.write(WriteBatch.builder().putProgress(p, 0).build());
      try (Connection c = ds.getConnection();
          PreparedStatement ps = c.prepareStatement("UPDATE bf_progress SET status = 'QUEUED',"
              + " doc = REPLACE(doc, '\"WAITING\"', '\"QUEUED\"') WHERE rollout = 'R1'")) {
        assertThat(ps.executeUpdate()).isEqualTo(1);
      }
      try (Connection c = ds.getConnection();
          PreparedStatement read =
              c.prepareStatement("SELECT doc FROM bf_progress WHERE rollout = 'R1'");
          java.sql.ResultSet rs = read.executeQuery()) {
        rs.next();
        assertThat(rs.getString(1)).contains("\"status\":\"QUEUED\"");
      }
    }

    try (JdbcFleetStore store = JdbcFleetStore.dataSource(ds).open()) {
      assertThat(store.progress("R1", p.device()).orElseThrow().value()).isEqualTo(p);
      assertThat(store.progress("R1"))
          .extracting(v -> v.value().status())
          .containsExactly(DeviceStatus.WAITING);
    }
  }

  @Test
  void bulkCreate_whenOneRecordAlreadyExists_isRejectedNamingIt_andWritesNothing() {
    try (JdbcFleetStore store =
        JdbcFleetStore.dataSource(freshDataSource()).batchRows(100).open()) {
      store.write(WriteBatch.builder().putDevice(device(250), 0).build());
      WriteBatch.Builder bulk = WriteBatch.builder();
      for (int i = 0; i < 300; i++) {
        if (i != 250) {
          bulk.putDevice(device(i), 0);
        }
      }
      bulk.putDevice(device(250).toBuilder().nick("again").build(), 0);

      assertThatThrownBy(() -> store.write(bulk.build()))
          .isInstanceOf(WriteConflictException.class)
          .hasMessageContaining("device '" + device(250).id() + "'")
          .hasMessageContaining("expected version 0 (new) but it is at version 1");

      assertThat(store.deviceCount()).isEqualTo(1);
      assertThat(store.device(device(250).id()).orElseThrow().value().nick()).isEqualTo("dev-250");
    }
  }

  @Test
  void bulkWrite_whenConnectionDiesHalfWay_leavesNothingVisible_andCanBeRetried() {
    FailingDataSource failing =
        new FailingDataSource(freshDataSource(), (Consumer<Connection>) this::breakConnection);
    try (JdbcFleetStore store =
        JdbcFleetStore.dataSource(failing).batchRows(100).open()) {
      WriteBatch.Builder seed = WriteBatch.builder();
      for (int i = 0; i < 100; i++) {
        seed.putDevice(device(i), 0);
      }
      store.write(
          seed.appendEvent(FleetEvent.of(T0, EventType.DEVICES_IMPORTED, "/", "import", "100"))
              .build());
      WriteBatch.Builder bulk = WriteBatch.builder();
      for (int i = 100; i < 400; i++) {
        bulk.putDevice(device(i), 0);
      }
      bulk.putDevice(device(0).toBuilder().addTag("changed").build(), 1)
          .appendEvent(FleetEvent.of(T0, EventType.DEVICES_IMPORTED, "/", "import", "300"));
      WriteBatch batch = bulk.build();
      failing.breakBeforeBatch(
          2); // 1 of the 3 insert batches went through, then the connection dies

      assertThatThrownBy(() -> store.write(batch))
          .isInstanceOf(JdbcStoreException.class)
          .hasMessageContaining("writing WriteBatch[devices=301");
      assertThat(failing.batchesLeft()).isZero();

      assertThat(store.deviceCount()).isEqualTo(100);
      assertThat(store.device(device(150).id())).isEmpty();
      assertThat(store.device(device(0).id()).orElseThrow().value().tags())
          .doesNotContain("changed");
      assertThat(store.events(0, 10)).hasSize(1);

      store.write(batch);

      assertThat(store.deviceCount()).isEqualTo(400);
      assertThat(store.events(0, 10)).extracting(FleetEvent::seq).containsExactly(1L, 2L);
    }
  }

  @Test
  void writeCreatingProgress_whenConnectionDiesMidStream_leavesNothingVisible_andCanBeRetried() {
    DataSource plain = freshDataSource();
    Connection[] last = new Connection[1];
    DataSource recording = (DataSource) java.lang.reflect.Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
          Object out = method.invoke(plain, args);
          if (out instanceof Connection) {
            last[0] = (Connection) out;
          }
          return out;
        });
    int n = 5_000;
    try (JdbcFleetStore store =
        JdbcFleetStore.dataSource(recording).batchRows(500).open()) {
      Rollout draft =
          TestRecords.rollout("R1", RolloutState.DRAFT, TestRecords.CHANGE, "m", "/", T0);
      store.write(WriteBatch.builder().putRollout(draft, 0).build());
      WriteBatch activation = WriteBatch.builder()
          .putRollout(draft.toBuilder().restoredState(RolloutState.ACTIVE).build(), 1)
          .appendEvent(
              FleetEvent.of(T0, EventType.ROLLOUT_STATE_CHANGED, "R1", "engine", "DRAFT -> ACTIVE"))
          .build();
      boolean[] broken = new boolean[1];
      Iterable<DeviceRolloutProgress> dying = () -> java.util.stream.IntStream.range(0, n)
          .mapToObj(i -> {
            if (i == 4_000
                && !broken[0]) { // several chunks (and COPY buffers) have reached the database
              broken[0] = true;
              breakFromOutside(plain, last[0]);
            }
            return DeviceRolloutProgress.builder("R1", device(i).id(), 1, T0).build();
          })
          .iterator();

      assertThatThrownBy(() -> store.writeCreatingProgress(activation, dying))
          .isInstanceOf(JdbcStoreException.class);

      assertThat(store.progress("R1")).isEmpty();
      assertThat(store.rollout("R1").orElseThrow().value().state()).isEqualTo(RolloutState.DRAFT);
      assertThat(store.events(0, 10)).isEmpty();

      store.writeCreatingProgress(activation, dying);

      assertThat(store.progress("R1")).hasSize(n);
      assertThat(store.rollout("R1").orElseThrow().version()).isEqualTo(2);
      assertThat(store.events(0, 10)).hasSize(1);
    }
  }

  @Test
  void manyUpdates_withOneStaleVersion_areRejectedNamingIt_andChangeNothing() {
    try (JdbcFleetStore store =
        JdbcFleetStore.dataSource(freshDataSource()).batchRows(100).open()) {
      WriteBatch.Builder seed = WriteBatch.builder();
      for (int i = 0; i < 300; i++) {
        seed.putProgress(
            DeviceRolloutProgress.builder("R1", device(i).id(), 1, T0).build(), 0);
      }
      store.write(seed.build());
      DeviceRolloutProgress moved =
          DeviceRolloutProgress.builder("R1", device(250).id(), 2, T0).build();
      store.write(WriteBatch.builder().putProgress(moved, 1).build());
      WriteBatch.Builder page = WriteBatch.builder();
      for (int i = 0; i < 300; i++) {
        page.putProgress(TestRecords.progress("R1", device(i).id(), 1, 1, 5, "DONE", "ok", T0), 1);
      }

      assertThatThrownBy(() -> store.write(page.build()))
          .isInstanceOf(WriteConflictException.class)
          .hasMessageContaining("progress 'R1/" + device(250).id() + "'")
          .hasMessageContaining("expected version 1 but it is at version 2");

      assertThat(store.progress("R1"))
          .extracting(v -> v.value().status().name())
          .doesNotContain("SUCCEEDED");
      assertThat(store.progress("R1", device(250).id()).orElseThrow().value()).isEqualTo(moved);
    }
  }

  @Test
  void manyUpdates_atTheirVersions_applyEveryOne() {
    try (JdbcFleetStore store =
        JdbcFleetStore.dataSource(freshDataSource()).batchRows(100).open()) {
      WriteBatch.Builder seed = WriteBatch.builder();
      WriteBatch.Builder page = WriteBatch.builder();
      for (int i = 0; i < 300; i++) {
        seed.putProgress(
            DeviceRolloutProgress.builder("R1", device(i).id(), 1, T0).build(), 0);
        page.putProgress(
            TestRecords.progress("R1", device(i).id(), 1 + i % 2, 1, i, "DONE", "ok \t\"" + i, T0),
            1);
      }
      store.write(seed.build());
      WriteBatch updates = page.build();

      store.write(updates);

      assertThat(store.progress("R1"))
          .extracting(v -> v.value())
          .containsExactlyElementsOf(updates.progress().stream()
              .map(w -> w.value().get())
              .sorted(java.util.Comparator.comparing(DeviceRolloutProgress::device))
              .collect(java.util.stream.Collectors.toList()));
      assertThat(store.progress("R1")).extracting(v -> v.version()).containsOnly(2L);
    }
  }

  @Test
  void manyEventsInOneBatch_areNumberedInOrder_andKeepTextAndNanosExactly() {
    try (JdbcFleetStore store = JdbcFleetStore.dataSource(freshDataSource()).open()) {
      store.write(WriteBatch.builder()
          .appendEvent(FleetEvent.of(T0, EventType.DEVICE_POSTED, "first", "engine", "before"))
          .build());
      WriteBatch.Builder page = WriteBatch.builder();
      for (int i = 0; i < 200; i++) {
        page.appendEvent(FleetEvent.of(
            T0.plusNanos(i),
            EventType.DEVICE_RESULT,
            "D" + i + "@r.io",
            "engine",
            "R1: step 1 \\ tab\t new\nline ü " + i));
      }
      WriteBatch b = page.build();

      store.write(b);

      List<FleetEvent> read = store.events(1, 500);
      assertThat(read).hasSize(200);
      for (int i = 0; i < 200; i++) {
        FleetEvent e = read.get(i);
        assertThat(e.seq()).isEqualTo(i + 2L);
        assertThat(e.time()).isEqualTo(T0.plusNanos(i));
        assertThat(e.subject()).isEqualTo("D" + i + "@r.io");
        assertThat(e.message()).isEqualTo(b.events().get(i).message());
      }
    }
  }
}
