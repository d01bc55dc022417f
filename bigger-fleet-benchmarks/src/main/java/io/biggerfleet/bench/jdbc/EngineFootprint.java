package io.biggerfleet.bench.jdbc;

import io.biggerfleet.FleetClient;
import io.biggerfleet.ManualClock;
import io.biggerfleet.device.AttributeSource;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.jdbc.JdbcFleetStore;
import io.biggerfleet.model.Group;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.spi.WriteBatch;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * Issue 17, target 5: heap per device that a {@link FleetClient} holds for a fleet on PostgreSQL (the
 * store itself holds nothing on the heap, so the heap is the engine's): the group index — every
 * {@link Device} with its attributes, record versions, attribute index and group membership bitmaps —
 * and the plan of an active rollout over every device. Measured as heap after full GCs: before the
 * client reads anything, after the index is built, after a two-step rollout over every device is
 * activated.
 *
 * <p>Devices as in the group benchmarks: 7 attributes of the three sources (manufacturer, model,
 * country, memory, kernel, site, ring) plus the built-ins, 5 % tagged canary; 656 groups four levels
 * deep.
 *
 * <pre>{@code java -Xmx4g -cp bigger-fleet-benchmarks/target/benchmarks.jar io.biggerfleet.bench.jdbc.EngineFootprint 1000000}</pre>
 */
public final class EngineFootprint {
  private static final String REGISTRY = "bench.example";
  private static final String[] MEM = {"64M", "128M", "256M", "512M", "1G", "2G", "4G", "8G"};
  private static final String[] KERNEL = {"4.9.3", "4.10.0", "4.14.1", "4.19.2", "5.4.2", "5.10.0"};

  private EngineFootprint() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    try (BenchDatabase db = new BenchDatabase("postgres");
        JdbcFleetStore store = db.fresh()) {
      fill(store, n);
      ManualClock clock = ManualClock.at("2026-03-01T00:00:00Z");
      long empty = HeapWatch.usedAfterFullGc();
      FleetClient client = FleetClient.builder()
          .store(store)
          .clock(clock)
          .trails(new FeedTrails(REGISTRY, List.of(), "R"))
          .build();
      int canaries = client.selectors().resolve("/canary").size(); // builds the index
      long indexed = HeapWatch.usedAfterFullGc();
      client
          .rollouts()
          .create(Rollout.builder("R")
              .change("set kernel=" + "b".repeat(64))
              .message("bench")
              .devices("/")
              .time("1d")
              .timeout("1h")
              .success("85%,99%")
              .build());
      client.rollouts().addStep("R", "/canary", "2h", "1h", "100%,100%");
      client.rollouts().activate("R");
      long planned = HeapWatch.usedAfterFullGc();
      System.out.printf("[footprint] %,d devices (%,d canary) on PostgreSQL%n", n, canaries);
      System.out.printf(
          "[footprint] group index (devices, attributes, versions, attribute index, 656 groups):"
              + " %.1f bytes/device%n",
          (indexed - empty) / (double) n);
      System.out.printf(
          "[footprint] rollout plan over every device: %.1f bytes/device%n",
          (planned - indexed) / (double) n);
      System.out.printf(
          "[footprint] together: %.1f bytes/device (target < 1,228)%n",
          (planned - empty) / (double) n);
      if (client.rollouts().get("R").run().deviceCount() != n) {
        throw new IllegalStateException("rollout does not hold every device");
      }
    }
  }

  private static void fill(JdbcFleetStore store, int n) {
    Random rnd = new Random(42);
    WriteBatch.Builder b = WriteBatch.builder();
    for (int i = 0; i < n; i++) {
      int model = rnd.nextInt(50);
      Device.Builder d = Device.builder(DeviceId.of(String.format("dev%07d", i), REGISTRY))
          .nick("n" + i)
          .online(true)
          .attribute(AttributeSource.SYSTEM, "Manufacturer", "m" + (model % 5))
          .attribute(AttributeSource.SYSTEM, "Model", "model" + model)
          .attribute(AttributeSource.SYSTEM, "Country", "c" + rnd.nextInt(30))
          .attribute(AttributeSource.SYSTEM, "Mem", MEM[rnd.nextInt(MEM.length)])
          .attribute(AttributeSource.SYSTEM, "Kernel", KERNEL[rnd.nextInt(KERNEL.length)])
          .attribute(AttributeSource.REGISTRY, "Device-Site", "site" + rnd.nextInt(1000))
          .attribute(AttributeSource.FLEET, "Fleet-Ring", "ring" + rnd.nextInt(10));
      if (rnd.nextInt(20) == 0) {
        d.addTag("canary");
      }
      b.putDevice(d.build(), 0);
      if (i % 50_000 == 49_999) {
        store.write(b.build());
        b = WriteBatch.builder();
      }
    }
    store.write(b.build());
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    WriteBatch.Builder g = WriteBatch.builder();
    g.putGroup(new Group("/canary", "/", "Fleet-Tags contains canary", t), 0);
    for (int k = 0; k < 5; k++) {
      String m = "/m" + k;
      g.putGroup(new Group(m, "/", "Manufacturer==\"m" + k + "\"", t), 0);
      for (int j = k; j < 50; j += 5) {
        String mp = m + "/model" + j;
        g.putGroup(new Group(mp, m, "Model==\"model" + j + "\"", t), 0);
        for (int q = 0; q < 4; q++) {
          String c = mp + "/c" + q;
          g.putGroup(
              new Group(
                  c,
                  mp,
                  "Country in [\"c" + q + "\", \"c" + (q + 10) + "\", \"c" + (q + 20) + "\"]",
                  t),
              0);
          g.putGroup(new Group(c + "/mem", c, "Mem >= 512M", t), 0);
          g.putGroup(new Group(c + "/ring", c, "Fleet-Ring in [\"ring1\", \"ring2\"]", t), 0);
        }
      }
    }
    store.write(g.build());
  }
}
