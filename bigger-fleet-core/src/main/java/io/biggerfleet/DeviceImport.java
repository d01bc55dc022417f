package io.biggerfleet;

import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.event.EventType;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.spi.DeviceRegistry;
import io.biggerfleet.spi.FleetStore;
import io.biggerfleet.spi.RegistryDevice;
import io.biggerfleet.spi.Versioned;
import io.biggerfleet.spi.WriteBatch;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Imports devices from the configured registries into the store, for {@link FleetClient#importDevices()}:
 * new devices are added, known ones get their registry data refreshed and keep their fleet tags and
 * fleet attributes. Writes in chunks of {@value #IMPORT_CHUNK} devices, each retried on a write
 * conflict, then records one {@link EventType#DEVICES_IMPORTED} event. Immutable; safe to share.
 */
final class DeviceImport {
  private static final int IMPORT_CHUNK = 1000;

  private final Map<String, DeviceRegistry> registries;
  private final FleetStore store;
  private final Clock clock;
  private final String actor;
  private final Consumer<WriteBatch> afterWrite;

  /** {@code afterWrite} is told about every batch written (to keep group memberships current). */
  DeviceImport(
      Map<String, DeviceRegistry> registries,
      FleetStore store,
      Clock clock,
      String actor,
      Consumer<WriteBatch> afterWrite) {
    this.registries = registries;
    this.store = store;
    this.clock = clock;
    this.actor = actor;
    this.afterWrite = afterWrite;
  }

  /** Imports every device of every registry; see {@link FleetClient#importDevices()}. */
  ImportResult everything() {
    List<RegistryDevice> seen = new ArrayList<>();
    for (DeviceRegistry r : registries.values()) {
      try (Stream<RegistryDevice> s = r.devices()) {
        s.forEach(d -> {
          if (!d.id().registry().equals(r.name())) {
            throw new FleetException(
                "Registry '" + r.name() + "' returned device " + d.id() + " of another registry");
          }
          seen.add(d);
        });
      }
    }
    return store(seen);
  }

  /** Imports only {@code ids}, or nothing if one is missing; see {@link FleetClient#importDevices(Collection)}. */
  ImportResult only(Collection<DeviceId> ids) {
    Objects.requireNonNull(ids, "device ids");
    List<RegistryDevice> found = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (DeviceId id : new TreeSet<>(ids)) {
      Optional<RegistryDevice> d = registry(id).device(id);
      if (d.isPresent()) {
        found.add(d.get());
      } else {
        missing.add(id.toString());
      }
    }
    if (!missing.isEmpty()) {
      throw new NotFoundException("device", String.join(", ", missing));
    }
    return store(found);
  }

  private ImportResult store(List<RegistryDevice> seen) {
    Map<DeviceId, RegistryDevice> byId = new LinkedHashMap<>();
    for (RegistryDevice d : seen) {
      byId.put(d.id(), d);
    }
    List<DeviceId> ids = new ArrayList<>(byId.keySet());
    ids.sort(null);
    int[] counts = new int[3]; // added, updated, unchanged
    for (int from = 0; from < ids.size(); from += IMPORT_CHUNK) {
      List<DeviceId> chunk = ids.subList(from, Math.min(ids.size(), from + IMPORT_CHUNK));
      int[] c = ConflictRetry.retrying(() -> importChunk(chunk, byId));
      for (int i = 0; i < 3; i++) {
        counts[i] += c[i];
      }
    }
    if (!ids.isEmpty()) {
      store.write(WriteBatch.builder()
          .appendEvent(FleetEvent.of(
              clock.instant(),
              EventType.DEVICES_IMPORTED,
              registriesOf(ids),
              actor,
              "Imported " + ids.size() + " devices: " + counts[0] + " new, " + counts[1]
                  + " updated, " + counts[2] + " unchanged"))
          .build());
    }
    return new ImportResult(ids, counts[0], counts[1], counts[2]);
  }

  private static String registriesOf(List<DeviceId> ids) {
    return ids.stream()
        .map(DeviceId::registry)
        .distinct()
        .sorted()
        .collect(Collectors.joining(","));
  }

  private int[] importChunk(List<DeviceId> chunk, Map<DeviceId, RegistryDevice> byId) {
    int[] c = new int[3];
    WriteBatch.Builder batch = WriteBatch.builder();
    for (DeviceId id : chunk) {
      RegistryDevice r = byId.get(id);
      Optional<Versioned<Device>> current = store.device(id);
      Device.Builder b =
          current.map(v -> v.value().toBuilder()).orElseGet(() -> Device.builder(id));
      Device next = b.nick(r.nick())
          .online(r.online())
          .lastSeen(r.lastSeen().orElse(null))
          .revision(r.revision().orElse(null))
          .systemAttributes(r.systemAttributes())
          .registryAttributes(r.registryAttributes())
          .build();
      if (current.isEmpty()) {
        c[0]++;
        batch.putDevice(next, 0);
      } else if (!current.get().value().equals(next)) {
        c[1]++;
        batch.putDevice(next, current.get().version());
      } else {
        c[2]++;
      }
    }
    WriteBatch written = batch.build();
    store.write(written);
    afterWrite.accept(written);
    return c;
  }

  private DeviceRegistry registry(DeviceId id) {
    DeviceRegistry r = registries.get(id.registry());
    if (r == null) {
      throw new InvalidInputException(
          "No registry '" + id.registry() + "' is configured for device " + id + "; configured: "
              + (registries.isEmpty()
                  ? "none"
                  : String.join(", ", new TreeSet<>(registries.keySet()))));
    }
    return r;
  }
}
