package io.biggerfleet.group.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.device.AttributeSource;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.match.Matchers;
import io.biggerfleet.model.Group;
import io.biggerfleet.spi.WriteBatch;
import io.biggerfleet.store.InMemoryFleetStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class FleetIndexTest {
  private final InMemoryFleetStore store = new InMemoryFleetStore();
  private final FleetIndex index = new FleetIndex(store, new MatchConditions(Matchers.standard()));
  private final IndexedSelectorResolver resolver = new IndexedSelectorResolver(index);

  private void write(WriteBatch b) {
    store.write(b);
    index.onWrite(b);
  }

  private static Device device(String id, String model) {
    return Device.builder(DeviceId.parse(id))
        .attribute(AttributeSource.SYSTEM, "Model", model)
        .build();
  }

  @Test
  void resolvedSet_devicesArrivingAfterTheBuild_iterateInIdOrder() {
    write(WriteBatch.builder()
        .putDevice(device("b@r", "x"), 0)
        .putDevice(device("d@r", "x"), 0)
        .build());
    assertThat(resolver.resolve("/")).hasSize(2); // builds the index: b, d in sorted ordinals
    write(WriteBatch.builder()
        .putDevice(device("c@r", "x"), 0)
        .putDevice(device("a@r", "x"), 0)
        .putDevice(device("e@r", "x"), 0)
        .build());

    SortedSet<DeviceId> all = resolver.resolve("/");

    assertThat(new ArrayList<>(all))
        .extracting(DeviceId::toString)
        .containsExactly("a@r", "b@r", "c@r", "d@r", "e@r");
    assertThat(all.first()).hasToString("a@r");
    assertThat(all.last()).hasToString("e@r");
    assertThat(all).contains(DeviceId.parse("c@r")).doesNotContain(DeviceId.parse("z@r"));
    assertThat(all.headSet(DeviceId.parse("c@r")))
        .extracting(DeviceId::toString)
        .containsExactly("a@r", "b@r");
  }

  @Test
  void resolvedSet_isASnapshotUnaffectedByLaterWrites() {
    write(WriteBatch.builder().putDevice(device("a@r", "x"), 0).build());
    write(WriteBatch.builder()
        .putGroup(new Group("/x", "/", "Model==\"x\"", Instant.EPOCH), 0)
        .build());
    SortedSet<DeviceId> before = resolver.resolve("/x");

    write(WriteBatch.builder().putDevice(device("b@r", "x"), 0).build());

    assertThat(before).extracting(DeviceId::toString).containsExactly("a@r");
    assertThat(resolver.resolve("/x")).hasSize(2);
  }

  @Test
  void bulkImport_marksStaleAndTheNextReadRebuildsFromTheStore() {
    write(WriteBatch.builder()
        .putGroup(new Group("/x", "/", "Model==\"x\"", Instant.EPOCH), 0)
        .build());
    assertThat(resolver.resolve("/x")).isEmpty();
    WriteBatch.Builder bulk = WriteBatch.builder();
    for (int i = 0; i <= FleetIndex.REBUILD_AFTER_NEW_DEVICES; i++) {
      bulk.putDevice(device("d" + i + "@r", i % 2 == 0 ? "x" : "y"), 0);
    }

    write(bulk.build());

    assertThat(resolver.resolve("/x")).hasSize(FleetIndex.REBUILD_AFTER_NEW_DEVICES / 2 + 1);
  }

  @Test
  void lateNotification_olderThanWhatTheIndexHas_isIgnored() {
    Device v1 = device("a@r", "x");
    Device v2 = device("a@r", "y");
    write(WriteBatch.builder()
        .putGroup(new Group("/y", "/", "Model==\"y\"", Instant.EPOCH), 0)
        .build());
    WriteBatch first = WriteBatch.builder().putDevice(v1, 0).build();
    WriteBatch second = WriteBatch.builder().putDevice(v2, 1).build();
    store.write(first);
    assertThat(resolver.resolve("/y")).isEmpty(); // index built here, sees v1 (version 1)
    store.write(second);

    index.onWrite(second);
    index.onWrite(first); // arrives late

    assertThat(resolver.resolve("/y")).extracting(DeviceId::toString).containsExactly("a@r");
  }

  @Test
  void removedDevice_leavesEveryGroup() {
    write(WriteBatch.builder()
        .putDevice(device("a@r", "x"), 0)
        .putDevice(device("b@r", "x"), 0)
        .putGroup(new Group("/x", "/", "Model==\"x\"", Instant.EPOCH), 0)
        .build());
    assertThat(resolver.resolve("/x")).hasSize(2);

    write(WriteBatch.builder().deleteDevice(DeviceId.parse("a@r"), 1).build());

    assertThat(resolver.resolve("/x")).extracting(DeviceId::toString).containsExactly("b@r");
    assertThat(resolver.resolve("/")).extracting(DeviceId::toString).containsExactly("b@r");
    List<String> ids = new ArrayList<>();
    new TreeSet<>(resolver.resolve("/")).forEach(d -> ids.add(d.toString()));
    assertThat(ids).containsExactly("b@r");
  }
}
