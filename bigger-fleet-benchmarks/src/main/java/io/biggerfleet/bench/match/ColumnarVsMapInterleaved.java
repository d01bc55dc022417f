package io.biggerfleet.bench.match;

import io.biggerfleet.FleetClient;
import io.biggerfleet.ManualClock;
import io.biggerfleet.device.AttributeSource;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.group.SelectorResolver;
import io.biggerfleet.spi.Versioned;
import io.biggerfleet.spi.WriteBatch;
import io.biggerfleet.store.InMemoryFleetStore;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Issue 20 goal 2: whole-fleet selection through the columnar group index against the hand-written
 * row loop over {@code HashMap<String, String>} of {@link MatchVsMapInterleaved}, on the same
 * {@link MapFleet} and the same six {@link MapSelections}. The fleet goes into an in-memory store under
 * a {@link FleetClient}; the columnar side is {@code fleet.selectors().resolve(expression).size()} —
 * what a rollout's or a tag command's selector costs (compile, index answer, snapshot). For each
 * selection, rounds of (map loop, columnar) in alternating order; prints the median of each and the
 * median of the per-round ratios map/columnar (above 1: the columnar path is faster), then the
 * geometric mean. Then: the incremental cost of an attribute change through the client against the
 * same write to the store alone, and heap per device of {@code Attributes} and of the columns and
 * bitmaps the selections built.
 *
 * <p>Run: {@code java -Xms8g -Xmx8g -cp bigger-fleet-benchmarks/target/benchmarks.jar
 * io.biggerfleet.bench.match.ColumnarVsMapInterleaved [devices=1000000] [rounds=7]}.
 */
public final class ColumnarVsMapInterleaved {
  private ColumnarVsMapInterleaved() {}

  static long sink;

  public static void main(String[] args) {
    int devices = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    double attributesBytes = attributesBytesPerDevice(Math.min(devices, 200_000));

    MapFleet fleet = new MapFleet(devices, 42);
    InMemoryFleetStore store = new InMemoryFleetStore();
    fill(store, fleet);
    FleetClient client = FleetClient.builder()
        .store(store)
        .clock(ManualClock.at("2026-01-10T12:00:00Z"))
        .build();
    SelectorResolver selectors = client.selectors();
    selectors.resolve("/"); // builds the index (ordinals, no columns yet)
    long beforeColumns = used();
    Map<String, MapSelections.Selection> all = new TreeMap<>(MapSelections.ALL);
    for (Map.Entry<String, MapSelections.Selection> e : all.entrySet()) {
      long a = selectors.resolve(e.getValue().expression()).size();
      long b = MatchVsMapInterleaved.map(fleet.maps, e.getValue().hand());
      if (a != b || a == 0) {
        throw new IllegalStateException(
            e.getKey() + ": columnar and map disagree: " + a + " vs " + b);
      }
    }
    double columnBytes = (used() - beforeColumns) / (double) devices;

    System.out.printf("%-8s %12s %14s %10s%n", "name", "map ms", "columnar ms", "map/col");
    double logSum = 0;
    for (Map.Entry<String, MapSelections.Selection> e : all.entrySet()) {
      String expression = e.getValue().expression();
      var hand = e.getValue().hand();
      for (int w = 0;
          w < 200;
          w++) { // warm-up: let the JIT compile the columnar path as it has the map loop
        sink += selectors.resolve(expression).size()
            + (w % 100 == 0 ? MatchVsMapInterleaved.map(fleet.maps, hand) : 0);
      }
      double[] mapMs = new double[rounds];
      double[] colMs = new double[rounds];
      double[] ratio = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < 2; k++) {
          boolean mapFirst = (r + k) % 2 == 0;
          long t0 = System.nanoTime();
          if (mapFirst) {
            sink += MatchVsMapInterleaved.map(fleet.maps, hand);
            mapMs[r] = (System.nanoTime() - t0) / 1e6;
          } else {
            sink += selectors.resolve(expression).size();
            colMs[r] = (System.nanoTime() - t0) / 1e6;
          }
        }
        ratio[r] = mapMs[r] / colMs[r];
      }
      double med = median(ratio);
      logSum += Math.log(med);
      System.out.printf(
          "%-8s %12.2f %14.3f %9.1fx%n", e.getKey(), median(mapMs), median(colMs), med);
    }
    System.out.printf("geomean map/columnar: %.1fx%n", Math.exp(logSum / all.size()));

    updates(client, store, devices, rounds);
    System.out.printf(
        "heap: Attributes %.0f bytes/device (200,000-device sample), columns and bitmaps of the six"
            + " selections %.0f bytes/device, together %.0f bytes/device%n",
        attributesBytes, columnBytes, attributesBytes + columnBytes);
  }

  /**
   * Attribute changes that move a device in a column ({@code Fleet-Level}, read by a numeric selection
   * made first so its column exists): a third of them new distinct values, so codes are added and merged
   * into the sorted order. Against the same device write to the store alone (the index misses those; it
   * diffs against its own copy of the device on the next client write).
   */
  private static void updates(
      FleetClient client, InMemoryFleetStore store, int devices, int rounds) {
    Random rnd = new Random(7);
    DeviceId[] ids = new DeviceId[10_000];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = id(rnd.nextInt(devices));
    }
    double[] clientUs = new double[rounds];
    double[] storeUs = new double[rounds];
    int[] serial = {0};
    sink +=
        client.selectors().resolve("Fleet-Level > 2").size(); // builds the column the changes move
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < 2; k++) {
        boolean clientFirst = (r + k) % 2 == 0;
        long t0 = System.nanoTime();
        for (DeviceId id : ids) {
          String v =
              Integer.toString(serial[0]++ % 3 == 0 ? 1000 + serial[0] : 1 << (serial[0] % 4));
          if (clientFirst) {
            sink += client.setFleetAttribute(id, "Fleet-Level", v).tags().size();
          } else {
            Versioned<Device> d = store.device(id).orElseThrow();
            Device now = d.value().toBuilder()
                .attribute(AttributeSource.FLEET, "Fleet-Level", v)
                .build();
            store.write(WriteBatch.builder().putDevice(now, d.version()).build());
            sink += now.tags().size();
          }
        }
        double us = (System.nanoTime() - t0) / 1e3 / ids.length;
        if (clientFirst) {
          clientUs[r] = us;
        } else {
          storeUs[r] = us;
        }
      }
    }
    long level = client
        .selectors()
        .resolve("Fleet-Level > 2")
        .size(); // the column answers after the changes
    if (level == 0) {
      throw new IllegalStateException("Fleet-Level > 2 selects no device after the changes");
    }
    System.out.printf(
        "attribute change: through the client (store + index + columns) %.1f us, store write alone"
            + " %.1f us, index and columns %.1f us (medians of %d rounds of %,d changes)%n",
        median(clientUs), median(storeUs), median(clientUs) - median(storeUs), rounds, ids.length);
  }

  static DeviceId id(int i) {
    return DeviceId.of(String.format("dev%07d", i), "bench.example");
  }

  private static void fill(InMemoryFleetStore store, MapFleet fleet) {
    WriteBatch.Builder b = WriteBatch.builder();
    for (int i = 0; i < fleet.maps.size(); i++) {
      Map<String, String> m = fleet.maps.get(i);
      Device.Builder d = Device.builder(id(i)).nick(m.get("Device-Name"));
      String tags = m.get("Fleet-Tags");
      if (!tags.isEmpty()) {
        d.tags(List.of(tags.split(",")));
      }
      for (Map.Entry<String, String> e : m.entrySet()) {
        if (!e.getKey().equals("Device-Name") && !e.getKey().equals("Fleet-Tags")) {
          d.attribute(AttributeSource.SYSTEM, e.getKey(), e.getValue());
        }
      }
      b.putDevice(d.build(), 0);
      if (i % 10_000 == 9_999) {
        store.write(b.build());
        b = WriteBatch.builder();
      }
    }
    store.write(b.build());
  }

  /** Heap per device of the fleet's {@code Attributes} alone, on a sample (the maps dropped). */
  private static double attributesBytesPerDevice(int n) {
    long base = used();
    MapFleet sample = new MapFleet(n, 42);
    sample.maps.clear();
    long with = used() - 4L * n; // minus the Attributes[] array itself
    if (sample.attributes[n - 1] == null) {
      throw new AssertionError();
    }
    return (with - base) / (double) n;
  }

  private static long used() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 5; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  private static double median(double[] xs) {
    double[] c = xs.clone();
    Arrays.sort(c);
    return c[c.length / 2];
  }
}
