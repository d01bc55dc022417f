package io.biggerfleet.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.WriteConflictException;
import io.biggerfleet.device.AttributeSource;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.event.EventType;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.Group;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.spi.FleetStore;
import io.biggerfleet.spi.Versioned;
import io.biggerfleet.spi.WriteBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link FleetStore} must have. A store implementation's test extends this class
 * and supplies {@link #newStore()} (a fresh, empty store per test). Ships in {@code bigger-fleet-testing}.
 */
public abstract class FleetStoreContractTest {
  protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  protected FleetStore store;

  /** A fresh, empty store. Called once before each test. */
  protected abstract FleetStore newStore();

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  protected static Device device(String id) {
    return Device.builder(DeviceId.parse(id))
        .nick("nick-" + id.substring(0, id.indexOf('@')))
        .online(true)
        .lastSeen(T0)
        .revision("3")
        .systemAttributes(Map.of("Model", "121XPs"))
        .registryAttributes(Map.of("Device-Location", "lat:1,lon:2"))
        .attribute(AttributeSource.FLEET, "Fleet-Owner", "ops")
        .tags(List.of("canary", "beta"))
        .build();
  }

  private static Group group(String path) {
    return new Group(path, "/", "Model==\"121XPs\"", T0);
  }

  private static Rollout rollout(String name) {
    return TestRecords.rollout(
        name, RolloutState.DRAFT, "set kernel=abc", "update kernel", "/", T0);
  }

  private static DeviceRolloutProgress progress(String rollout, String device, String status) {
    return TestRecords.progress(rollout, DeviceId.parse(device), 1, 1, 4, status, "msg", T0);
  }

  private static FleetEvent event(String subject) {
    return FleetEvent.of(T0, EventType.DEVICE_TAGGED, subject, "test", "Tag added");
  }

  @Test
  void putDevice_thenRead_returnsEqualDeviceAtVersion1() {
    Device d = device("A@r.io");
    store.write(WriteBatch.builder().putDevice(d, 0).build());

    Versioned<Device> read = store.device(d.id()).orElseThrow();
    assertThat(read.value()).isEqualTo(d);
    assertThat(read.value().attributes()).isEqualTo(d.attributes());
    assertThat(read.value().systemId()).isEqualTo(d.systemId());
    assertThat(read.version()).isEqualTo(1);
  }

  @Test
  void devices_areListedSortedById_andCounted() {
    store.write(WriteBatch.builder()
        .putDevice(device("C@r.io"), 0)
        .putDevice(device("A@r.io"), 0)
        .putDevice(device("B@q.io"), 0)
        .build());

    assertThat(store.devices())
        .extracting(v -> v.value().id().toString())
        .containsExactly("A@r.io", "B@q.io", "C@r.io");
    assertThat(store.deviceCount()).isEqualTo(3);
  }

  @Test
  void updateWithCurrentVersion_bumpsVersion() {
    Device d = device("A@r.io");
    store.write(WriteBatch.builder().putDevice(d, 0).build());
    Device changed = d.toBuilder().addTag("late").build();

    store.write(WriteBatch.builder().putDevice(changed, 1).build());

    Versioned<Device> read = store.device(d.id()).orElseThrow();
    assertThat(read.version()).isEqualTo(2);
    assertThat(read.value().tags()).contains("late");
  }

  @Test
  void updateWithStaleVersion_isRejected_andChangesNothing() {
    Device d = device("A@r.io");
    store.write(WriteBatch.builder().putDevice(d, 0).build());
    store.write(
        WriteBatch.builder().putDevice(d.toBuilder().addTag("first").build(), 1).build());

    assertThatThrownBy(() -> store.write(WriteBatch.builder()
            .putDevice(d.toBuilder().addTag("second").build(), 1)
            .build()))
        .isInstanceOf(WriteConflictException.class)
        .hasMessageContaining("A@r.io");

    Versioned<Device> read = store.device(d.id()).orElseThrow();
    assertThat(read.version()).isEqualTo(2);
    assertThat(read.value().tags()).contains("first").doesNotContain("second");
  }

  @Test
  void createOfExistingRecord_isRejected() {
    store.write(WriteBatch.builder().putGroup(group("/g"), 0).build());

    assertThatThrownBy(
            () -> store.write(WriteBatch.builder().putGroup(group("/g"), 0).build()))
        .isInstanceOf(WriteConflictException.class);
  }

  @Test
  void batch_isAllOrNothing_whenOneWriteConflicts() {
    store.write(WriteBatch.builder().putDevice(device("A@r.io"), 0).build());

    WriteBatch mixed = WriteBatch.builder()
        .putDevice(device("B@r.io"), 0)
        .putGroup(group("/g"), 0)
        .putRollout(rollout("R1"), 0)
        .putProgress(progress("R1", "B@r.io", "NEW"), 0)
        .appendEvent(event("B@r.io"))
        .putDevice(device("A@r.io"), 0) // conflicts: A exists at version 1
        .build();
    assertThatThrownBy(() -> store.write(mixed)).isInstanceOf(WriteConflictException.class);

    assertThat(store.device(DeviceId.parse("B@r.io"))).isEmpty();
    assertThat(store.group("/g")).isEmpty();
    assertThat(store.rollout("R1")).isEmpty();
    assertThat(store.progress("R1")).isEmpty();
    assertThat(store.events(0, 10)).isEmpty();
    assertThat(store.deviceCount()).isEqualTo(1);
  }

  @Test
  void delete_withCurrentVersion_removes_andStaleDeleteIsRejected() {
    store.write(WriteBatch.builder().putRollout(rollout("R1"), 0).build());
    store.write(WriteBatch.builder()
        .putRollout(rollout("R1").toBuilder().restoredState(RolloutState.ACTIVE).build(), 1)
        .build());

    assertThatThrownBy(
            () -> store.write(WriteBatch.builder().deleteRollout("R1", 1).build()))
        .isInstanceOf(WriteConflictException.class);
    assertThat(store.rollout("R1")).isPresent();

    store.write(WriteBatch.builder().deleteRollout("R1", 2).build());
    assertThat(store.rollout("R1")).isEmpty();
  }

  @Test
  void deleteOfAbsentRecord_isRejected() {
    assertThatThrownBy(
            () -> store.write(WriteBatch.builder().deleteGroup("/nope", 1).build()))
        .isInstanceOf(WriteConflictException.class);
  }

  @Test
  void groups_roundTrip_sortedByPath() {
    store.write(
        WriteBatch.builder().putGroup(group("/b"), 0).putGroup(group("/a/x"), 0).build());

    assertThat(store.groups()).extracting(v -> v.value().path()).containsExactly("/a/x", "/b");
    assertThat(store.group("/b").orElseThrow().value()).isEqualTo(group("/b"));
  }

  @Test
  void rollouts_roundTrip_sortedByName() {
    Rollout r5 = rollout("ROLLOUT5");
    store.write(WriteBatch.builder()
        .putRollout(r5, 0)
        .putRollout(rollout("ROLLOUT1"), 0)
        .build());

    assertThat(store.rollouts())
        .extracting(v -> v.value().name())
        .containsExactly("ROLLOUT1", "ROLLOUT5");
    assertThat(store.rollout("ROLLOUT5").orElseThrow().value()).isEqualTo(r5);
  }

  @Test
  void progress_isKeptPerRollout_sortedByDevice() {
    store.write(WriteBatch.builder()
        .putProgress(progress("R1", "B@r.io", "DONE"), 0)
        .putProgress(progress("R1", "A@r.io", "ERROR"), 0)
        .putProgress(progress("R2", "A@r.io", "NEW"), 0)
        .build());

    assertThat(store.progress("R1"))
        .extracting(v -> v.value().device().toString())
        .containsExactly("A@r.io", "B@r.io");
    assertThat(store.progress("R2")).hasSize(1);
    assertThat(store.progress("R1", DeviceId.parse("A@r.io")).orElseThrow().value())
        .isEqualTo(progress("R1", "A@r.io", "ERROR"));
    assertThat(store.progress("R3")).isEmpty();
  }

  @Test
  void progressPage_startsAfterTheGivenDevice_andStopsAtTheLimit() {
    store.write(WriteBatch.builder()
        .putProgress(progress("R1", "C@r.io", "DONE"), 0)
        .putProgress(progress("R1", "A@r.io", "ERROR"), 0)
        .putProgress(progress("R1", "B@r.io", "NEW"), 0)
        .putProgress(progress("R1", "D@r.io", "NEW"), 0)
        .putProgress(progress("R2", "AA@r.io", "NEW"), 0)
        .build());
    assertThat(store.progress("R1", null, 2))
        .extracting(v -> v.value().device().toString())
        .containsExactly("A@r.io", "B@r.io");
    assertThat(store.progress("R1", DeviceId.parse("B@r.io"), 2))
        .extracting(v -> v.value().device().toString())
        .containsExactly("C@r.io", "D@r.io");
    assertThat(store.progress("R1", DeviceId.parse("D@r.io"), 2)).isEmpty();
    assertThat(store.progress("R3", null, 5)).isEmpty();
    assertThat(store.progress("R1", null, 0)).isEmpty();
  }

  @Test
  void events_getIncreasingSeq_andPageByAfterSeq() {
    store.write(
        WriteBatch.builder().appendEvent(event("a")).appendEvent(event("b")).build());
    store.write(WriteBatch.builder().appendEvent(event("c")).build());

    List<FleetEvent> all = store.events(0, 100);
    assertThat(all).extracting(FleetEvent::subject).containsExactly("a", "b", "c");
    assertThat(all).extracting(FleetEvent::seq).containsExactly(1L, 2L, 3L);
    assertThat(store.events(1, 1)).extracting(FleetEvent::subject).containsExactly("b");
    assertThat(store.events(3, 10)).isEmpty();
    assertThat(all.get(0).type()).isEqualTo(EventType.DEVICE_TAGGED);
    assertThat(all.get(0).time()).isEqualTo(T0);
  }

  @Test
  void progressOfManyDevices_returnsThoseWithARecordInThatRollout() {
    store.writeCreatingProgress(WriteBatch.builder().build(), generated("R1", MANY, -1));
    store.write(WriteBatch.builder()
        .putProgress(progress("R2", "D00001@r.io", "DONE"), 0)
        .build());
    List<DeviceId> asked = new ArrayList<>();
    for (int i = 0; i < MANY + 5; i += 2) { // every other device, and five past the last
      asked.add(DeviceId.parse(String.format("D%05d@r.io", i)));
    }
    asked.add(DeviceId.parse("D00001@elsewhere.io"));

    Map<DeviceId, Versioned<DeviceRolloutProgress>> read = store.progress("R1", asked);

    assertThat(read).hasSize((MANY + 1) / 2);
    for (Map.Entry<DeviceId, Versioned<DeviceRolloutProgress>> e : read.entrySet()) {
      assertThat(e.getValue()).isEqualTo(store.progress("R1", e.getKey()).orElseThrow());
    }
    assertThat(store.progress("R2", asked)).isEmpty();
    assertThat(store.progress("R1", List.of())).isEmpty();
  }

  // ------------------------------------------------------- writeCreatingProgress (bulk activation)

  /** Progress of {@code n} devices {@code D00000@r.io}..., generated as they are iterated. */
  private static Iterable<DeviceRolloutProgress> generated(String rollout, int n, int failAt) {
    return () -> new java.util.Iterator<>() {
      private int i;

      @Override
      public boolean hasNext() {
        return i < n;
      }

      @Override
      public DeviceRolloutProgress next() {
        if (i == failAt) {
          throw new IllegalStateException("generator failed at record " + i);
        }
        int k = i++;
        return TestRecords.progress(
            rollout,
            DeviceId.parse(String.format("D%05d@r.io", k)),
            1 + k % 3,
            0,
            -1,
            k % 2 == 0 ? "QUEUED" : "DONE",
            k % 5 == 0 ? "tab\there \"quoted\" back\\slash\nnewline é" : "",
            T0);
      }
    };
  }

  /** A big enough count that stores streaming in chunks of 1,000 send several chunks. */
  private static final int MANY = 2_500;

  @Test
  void writeCreatingProgress_createsEveryRecordAtVersion1_withTheBatch() {
    store.write(WriteBatch.builder().putRollout(rollout("R1"), 0).build());
    Rollout active =
        rollout("R1").toBuilder().restoredState(RolloutState.ACTIVE).build();

    store.writeCreatingProgress(
        WriteBatch.builder()
            .putRollout(active, 1)
            .appendEvent(event("activated"))
            .build(),
        generated("R1", MANY, -1));

    List<Versioned<DeviceRolloutProgress>> read = store.progress("R1");
    List<DeviceRolloutProgress> expected = new ArrayList<>();
    generated("R1", MANY, -1).forEach(expected::add);
    assertThat(read).extracting(Versioned::value).containsExactlyElementsOf(expected);
    assertThat(read).extracting(Versioned::version).containsOnly(1L);
    assertThat(store.rollout("R1").orElseThrow().value().state()).isEqualTo(RolloutState.ACTIVE);
    assertThat(store.events(0, 10)).extracting(FleetEvent::subject).containsExactly("activated");
  }

  @Test
  void writeCreatingProgress_whenTheGeneratorFailsMidway_writesNothing() {
    store.write(WriteBatch.builder().putRollout(rollout("R1"), 0).build());

    assertThatThrownBy(() -> store.writeCreatingProgress(
            WriteBatch.builder()
                .putRollout(
                    rollout("R1").toBuilder().restoredState(RolloutState.ACTIVE).build(), 1)
                .appendEvent(event("activated"))
                .build(),
            generated("R1", MANY, MANY - 10)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("record " + (MANY - 10));

    assertThat(store.progress("R1")).isEmpty();
    assertThat(store.rollout("R1").orElseThrow().version()).isEqualTo(1);
    assertThat(store.events(0, 10)).isEmpty();
  }

  @Test
  void writeCreatingProgress_whenOneRecordExists_isRejected_andWritesNothing() {
    DeviceRolloutProgress existing = generated("R1", MANY, -1).iterator().next();
    // an existing record late in the stream, after several chunks went out
    DeviceRolloutProgress late = TestRecords.progress(
        "R1", DeviceId.parse(String.format("D%05d@r.io", MANY - 3)), 1, 0, -1, "DONE", "", T0);
    store.write(
        WriteBatch.builder().putRollout(rollout("R1"), 0).putProgress(late, 0).build());

    assertThatThrownBy(() -> store.writeCreatingProgress(
            WriteBatch.builder()
                .putRollout(
                    rollout("R1").toBuilder().restoredState(RolloutState.ACTIVE).build(), 1)
                .appendEvent(event("activated"))
                .build(),
            generated("R1", MANY, -1)))
        .isInstanceOf(WriteConflictException.class)
        .hasMessageContaining(late.device().toString());

    assertThat(store.progress("R1")).extracting(Versioned::value).containsExactly(late);
    assertThat(store.progress("R1", existing.device())).isEmpty();
    assertThat(store.rollout("R1").orElseThrow().version()).isEqualTo(1);
    assertThat(store.events(0, 10)).isEmpty();
  }

  @Test
  void writeCreatingProgress_whenTheBatchConflicts_writesNoRecord() {
    store.write(WriteBatch.builder().putRollout(rollout("R1"), 0).build());
    store.write(WriteBatch.builder()
        .putRollout(rollout("R1").toBuilder().restoredState(RolloutState.ACTIVE).build(), 1)
        .build());

    assertThatThrownBy(() -> store.writeCreatingProgress(
            WriteBatch.builder()
                .putRollout(
                    rollout("R1").toBuilder().restoredState(RolloutState.PAUSED).build(), 1)
                .build(),
            generated("R1", MANY, -1)))
        .isInstanceOf(WriteConflictException.class)
        .hasMessageContaining("R1");

    assertThat(store.progress("R1")).isEmpty();
    assertThat(store.rollout("R1").orElseThrow().version()).isEqualTo(2);
  }

  @Test
  void writeCreatingProgress_whenADeviceIsNamedTwice_writesNothing() {
    DeviceRolloutProgress p = progress("R1", "A@r.io", "QUEUED");

    assertThatThrownBy(() -> store.writeCreatingProgress(
            WriteBatch.builder().appendEvent(event("x")).build(),
            List.of(p, progress("R1", "B@r.io", "QUEUED"), p)))
        .isInstanceOfAny(InvalidInputException.class, WriteConflictException.class)
        .hasMessageContaining("A@r.io");

    assertThat(store.progress("R1")).isEmpty();
    assertThat(store.events(0, 10)).isEmpty();
  }

  @Test
  void batchNamingTheSameRecordTwice_isRefusedBeforeReachingTheStore() {
    assertThatThrownBy(() ->
            WriteBatch.builder().putDevice(device("A@r.io"), 0).putDevice(device("A@r.io"), 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("twice");
  }

  @Test
  void readsReturnSnapshots_notLiveViews() {
    store.write(WriteBatch.builder().putDevice(device("A@r.io"), 0).build());
    List<Versioned<Device>> before = store.devices();

    store.write(WriteBatch.builder().putDevice(device("B@r.io"), 0).build());

    assertThat(before).hasSize(1);
  }

  @Test
  void concurrentReadModifyWriteFromManyThreads_neverLosesAnUpdate() throws Exception {
    DeviceId id = DeviceId.parse("COUNTER@r.io");
    store.write(WriteBatch.builder().putDevice(device(id.toString()), 0).build());
    int threads = 4;
    int incrementsPerThread = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger conflicts = new AtomicInteger();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < incrementsPerThread; i++) {
            while (true) {
              Versioned<Device> cur = store.device(id).orElseThrow();
              Device next =
                  cur.value().toBuilder().addTag("t" + thread + "-" + i).build();
              try {
                store.write(WriteBatch.builder().putDevice(next, cur.version()).build());
                break;
              } catch (WriteConflictException e) {
                conflicts.incrementAndGet();
              }
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    Versioned<Device> end = store.device(id).orElseThrow();
    // the two seeded tags plus one per increment: no update was lost
    assertThat(end.value().tags()).hasSize(2 + threads * incrementsPerThread);
    assertThat(end.version()).isEqualTo(1 + threads * incrementsPerThread);
  }
}
