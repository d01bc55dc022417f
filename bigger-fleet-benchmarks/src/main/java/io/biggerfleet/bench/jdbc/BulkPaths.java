package io.biggerfleet.bench.jdbc;

import io.biggerfleet.ManualClock;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.group.SelectorResolver;
import io.biggerfleet.jdbc.JdbcFleetStore;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.rollout.Rollouts;
import io.biggerfleet.spi.FleetStore;
import io.biggerfleet.spi.WriteBatch;
import io.biggerfleet.testing.FakeTrails;
import io.biggerfleet.testing.SimFleet;
import java.util.Collections;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Issue 17, target 1: the bulk store paths against the path they replace, interleaved round by round
 * in one JVM (the machine is shared and noisy: compare the ratio of a round).
 *
 * <ul>
 *   <li>{@code import}: one {@link WriteBatch} creating {@code n} devices (built once, not timed) into
 *       an empty store. New: PostgreSQL {@code COPY}. Baseline: JDBC batches of 1,000 INSERTs with
 *       {@code reWriteBatchedInserts} (the store's connections hide PgJDBC). On H2 both are batches.
 *   <li>{@code activate}: {@code Rollouts.activate} of a two-step rollout (1 % canary, FINAL) over
 *       {@code n} devices, end to end, on an empty store. The selectors resolve from ids held in memory,
 *       as the group index answers them. New: records streamed through
 *       {@code writeCreatingProgress}. Baseline: the path before, one {@code WriteBatch} of every record
 *       (that method's default) sent as INSERT batches. Peak extra heap from {@link HeapWatch}.
 *   <li>A fourth argument containing {@code nobaseline} skips the baselines.
 * </ul>
 *
 * <pre>{@code java -Xmx4g -cp bigger-fleet-benchmarks/target/benchmarks.jar io.biggerfleet.bench.jdbc.BulkPaths postgres 1000000 2 import,activate}</pre>
 */
public final class BulkPaths {
  static final String REGISTRY = "sim.io";

  private BulkPaths() {}

  public static void main(String[] args) throws Exception {
    String db = args.length > 0 ? args[0] : "postgres";
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    String what = args.length > 3 ? args[3] : "import,activate";
    System.out.printf(
        "[bulk] %s, %,d devices, %d rounds, max heap %d MiB%n",
        db, n, rounds, Runtime.getRuntime().maxMemory() >> 20);
    try (BenchDatabase database = new BenchDatabase(db)) {
      boolean baseline = !what.contains("nobaseline");
      if (what.contains("import")) {
        imports(database, n, rounds, baseline);
      }
      if (what.contains("activate")) {
        activations(database, n, rounds, baseline);
      }
    }
  }

  private static void imports(BenchDatabase database, int n, int rounds, boolean baseline) {
    WriteBatch.Builder b = WriteBatch.builder();
    for (int i = 0; i < n; i++) {
      b.putDevice(JdbcStoreBenchmark.device(i), 0);
    }
    WriteBatch batch = b.build();
    for (int round = 1; round <= rounds; round++) {
      double base = baseline ? timeImport(database, batch, false) : Double.NaN;
      double now = timeImport(database, batch, true);
      System.out.printf(
          "[bulk] %s import %,d devices round %d: baseline (INSERT batches) %.2f s, COPY %.2f s,"
              + " ratio %.2f%n",
          database, n, round, base, now, now / base);
    }
  }

  private static double timeImport(BenchDatabase database, WriteBatch batch, boolean copy) {
    try (JdbcFleetStore store = database.fresh(copy)) {
      long cpu0 = cpuNanos();
      long t0 = System.nanoTime();
      store.write(batch);
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "[bulk]   import (%s): %.2f s wall, %.2f s CPU of this JVM%n",
          copy ? "COPY" : "INSERT batches", s, (cpuNanos() - cpu0) / 1e9);
      if (store.deviceCount() != batch.devices().size()) {
        throw new IllegalStateException("import lost devices");
      }
      return s;
    }
  }

  private static void activations(BenchDatabase database, int n, int rounds, boolean baseline) {
    SortedSet<DeviceId> all = new TreeSet<>();
    SortedSet<DeviceId> canary = new TreeSet<>();
    for (int i = 0; i < n; i++) {
      DeviceId id = DeviceId.of(String.format("dev-%07d", i), REGISTRY);
      all.add(id);
      if (i % 100 == 0) {
        canary.add(id);
      }
    }
    SelectorResolver resolver =
        s -> Collections.unmodifiableSortedSet(s.equals("/tag/canary") ? canary : all);
    for (int round = 1; round <= rounds; round++) {
      double[] base =
          baseline ? activate(database, resolver, n, true) : new double[] {Double.NaN, 0, 0};
      double[] now = activate(database, resolver, n, false);
      System.out.printf(
          "[bulk] %s activate %,d devices round %d: baseline (one WriteBatch) %.2f s, peak extra heap"
              + " %d MiB, allocated %d MiB; streamed %.2f s, peak extra heap %d MiB, allocated %d MiB; time ratio %.2f%n",
          database,
          n,
          round,
          base[0],
          (long) base[1],
          (long) base[2],
          now[0],
          (long) now[1],
          (long) now[2],
          now[0] / base[0]);
    }
  }

  /** CPU time of this JVM (PostgreSQL's server works in its own processes besides). */
  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Seconds, peak extra heap MiB, allocated MiB. */
  private static double[] activate(
      BenchDatabase database, SelectorResolver resolver, int n, boolean oneBatch) {
    // The baseline is the path before: one WriteBatch of every record, sent as INSERT batches.
    try (JdbcFleetStore jdbc = database.fresh(!oneBatch)) {
      FleetStore store = oneBatch ? new OneBatchStore(jdbc) : jdbc;
      ManualClock clock = ManualClock.at("2026-03-01T00:00:00Z");
      FakeTrails trails =
          new FakeTrails(REGISTRY, clock, FakeTrails.allSucceed()).addObject(SimFleet.NEW_KERNEL);
      Rollouts rollouts = Rollouts.over(store, clock, Map.of(REGISTRY, trails), resolver, "bench");
      rollouts.create(Rollout.builder("R1")
          .change("set kernel=" + SimFleet.NEW_KERNEL)
          .message("bench")
          .devices("/")
          .time("1d")
          .timeout("1h")
          .success("85%,99%")
          .build());
      rollouts.addStep("R1", "/tag/canary", "2h", "1h", "100%,100%");
      double seconds;
      try (HeapWatch heap = new HeapWatch()) {
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        rollouts.activate("R1");
        seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
            "[bulk]   activate (%s): %.2f s wall, %.2f s CPU of this JVM%n",
            oneBatch ? "one batch" : "streamed", seconds, (cpuNanos() - cpu0) / 1e9);
        long count = rollouts.get("R1").run().deviceCount();
        if (count != n) {
          throw new IllegalStateException("activated " + count + " devices, expected " + n);
        }
        return new double[] {seconds, heap.peakExtra() >> 20, heap.allocatedSince() >> 20};
      }
    }
  }
}
