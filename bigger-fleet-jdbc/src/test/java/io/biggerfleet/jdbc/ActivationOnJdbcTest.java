package io.biggerfleet.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.ManualClock;
import io.biggerfleet.WriteConflictException;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.event.EventType;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.group.SelectorResolver;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.rollout.Rollouts;
import io.biggerfleet.spi.Versioned;
import io.biggerfleet.spi.WriteBatch;
import io.biggerfleet.testing.FakeTrails;
import io.biggerfleet.testing.SimFleet;
import java.util.Collections;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Activating a rollout on the JDBC stores, whose records the engine streams to the database
 * ({@code FleetStore.writeCreatingProgress}: PostgreSQL {@code COPY}, H2 batches): every device is
 * queued in its step in the one write, and a failure late in the stream leaves the rollout a DRAFT
 * with no record and no event written.
 */
class ActivationOnJdbcTest {
  private static final int DEVICES = 3_000;
  private final ManualClock clock = ManualClock.at("2026-03-01T00:00:00Z");

  private static JdbcFleetStore open(String db) {
    return (db.equals("h2") ? TestDatabases.freshH2() : TestDatabases.freshPostgres())
        .batchRows(500)
        .open();
  }

  private Rollouts engine(JdbcFleetStore store) {
    FakeTrails trails =
        new FakeTrails("sim.io", clock, FakeTrails.allSucceed()).addObject(SimFleet.NEW_KERNEL);
    WriteBatch.Builder b = WriteBatch.builder();
    for (int i = 0; i < DEVICES; i++) {
      DeviceId id = DeviceId.of(String.format("dev-%05d", i), "sim.io");
      b.putDevice(
          Device.builder(id)
              .online(true)
              .tags(i % 10 == 0 ? java.util.List.of("canary") : java.util.List.of())
              .build(),
          0);
      trails.addDevice(id, SimFleet.factoryState());
    }
    store.write(b.build());
    Rollouts rollouts =
        Rollouts.over(store, clock, Map.of("sim.io", trails), resolver(store), "test");
    rollouts.create(Rollout.builder("R1")
        .change("set kernel=" + SimFleet.NEW_KERNEL)
        .message("kernel")
        .devices("/")
        .time("1d")
        .timeout("1h")
        .success("50%,50%")
        .build());
    rollouts.addStep("R1", "/tag/canary", "1h", "1h", "100%,100%");
    return rollouts;
  }

  private static SelectorResolver resolver(JdbcFleetStore store) {
    return selector -> {
      String tag = selector.startsWith("/tag/") ? selector.substring(5) : null;
      SortedSet<DeviceId> out = new TreeSet<>();
      for (Versioned<Device> d : store.devices()) {
        if (tag == null || d.value().tags().contains(tag)) {
          out.add(d.value().id());
        }
      }
      return Collections.unmodifiableSortedSet(out);
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void activate_queuesEveryDeviceInItsStep_inOneWrite(String db) {
    try (JdbcFleetStore store = open(db)) {
      Rollouts rollouts = engine(store);

      rollouts.activate("R1");

      java.util.List<Versioned<DeviceRolloutProgress>> records = store.progress("R1");
      assertThat(records).hasSize(DEVICES);
      assertThat(records).filteredOn(v -> v.value().step() == 1).hasSize(DEVICES / 10);
      assertThat(records).extracting(v -> v.value().status()).containsOnly(DeviceStatus.WAITING);
      assertThat(records).extracting(Versioned::version).containsOnly(1L);
      assertThat(store.rollout("R1").orElseThrow().value().state()).isEqualTo(RolloutState.ACTIVE);
      assertThat(store.events(0, 100))
          .extracting(FleetEvent::type)
          .contains(EventType.ROLLOUT_STATE_CHANGED, EventType.STEP_STARTED);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void activate_whenALateRecordAlreadyExists_failsWholly_leavingTheDraftAndNoRecord(String db) {
    try (JdbcFleetStore store = open(db)) {
      Rollouts rollouts = engine(store);
      DeviceId late = DeviceId.of(String.format("dev-%05d", DEVICES - 2), "sim.io");
      DeviceRolloutProgress stray =
          DeviceRolloutProgress.builder("R1", late, 2, clock.instant()).build();
      store.write(WriteBatch.builder().putProgress(stray, 0).build());
      long eventsBefore = store.events(0, 1000).size();

      assertThatThrownBy(() -> rollouts.activate("R1"))
          .isInstanceOf(WriteConflictException.class)
          .hasMessageContaining(late.toString());

      assertThat(store.progress("R1")).extracting(Versioned::value).containsExactly(stray);
      assertThat(store.rollout("R1").orElseThrow().value().state()).isEqualTo(RolloutState.DRAFT);
      assertThat(store.events(0, 1000)).hasSize((int) eventsBefore);

      store.write(WriteBatch.builder().deleteProgress("R1", late, 1).build());
      rollouts.activate("R1");
      assertThat(store.progress("R1")).hasSize(DEVICES);
    }
  }
}
