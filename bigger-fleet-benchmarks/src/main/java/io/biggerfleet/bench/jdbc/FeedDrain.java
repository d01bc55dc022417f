package io.biggerfleet.bench.jdbc;

import io.biggerfleet.ManualClock;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.group.SelectorResolver;
import io.biggerfleet.jdbc.JdbcFleetStore;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.rollout.Rollouts;
import io.biggerfleet.spi.FleetStore;
import io.biggerfleet.spi.Versioned;
import io.biggerfleet.spi.WriteBatch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Issue 17, target 4: the rollout engine drains {@code n} changes from a registry's changes feed
 * (one per device: step 1 DONE) and records them: per page of 1,000 it reads the devices' records,
 * writes the updated records, a result event per device and the rollout's cursor in one batch.
 * Timed from the first page to the last ({@code Rollouts.tick} until the feed is drained); the plan is
 * loaded by an untimed tick before. Setup (untimed): activation, then every record set to POSTED
 * (attempt 1, rev 1) in pages.
 *
 * <p>New: the JDBC store as it is (a page's records read 500 per query, updates as one
 * {@code unnest} UPDATE per chunk). Baseline: the path before (records read one by one, updates as
 * JDBC batches of single-row UPDATEs): the store's connections hide PgJDBC and the per-device reads
 * are the SPI's default ({@link OneBatchStore}).
 *
 * <pre>{@code java -Xmx4g -cp bigger-fleet-benchmarks/target/benchmarks.jar io.biggerfleet.bench.jdbc.FeedDrain postgres 1000000 100000}</pre>
 */
public final class FeedDrain {
  private FeedDrain() {}

  public static void main(String[] args) throws Exception {
    String db = args.length > 0 ? args[0] : "postgres";
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int baselineN = args.length > 2 ? Integer.parseInt(args[2]) : n / 10;
    try (BenchDatabase database = new BenchDatabase(db)) {
      double base = drain(database, baselineN, false);
      double small = drain(database, baselineN, true);
      System.out.printf(
          "[drain] %s %,d changes: baseline (one read per device, single-row UPDATE batches) %.2f s,"
              + " new %.2f s, ratio %.2f%n",
          database, baselineN, base, small, small / base);
      double big = drain(database, n, true);
      System.out.printf(
          "[drain] %s %,d changes: new %.2f s (%.0f changes/s)%n", database, n, big, n / big);
    }
  }

  static double drain(BenchDatabase database, int n, boolean bulk) {
    List<DeviceId> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(DeviceId.of(String.format("dev-%07d", i), BulkPaths.REGISTRY));
    }
    SortedSet<DeviceId> all = Collections.unmodifiableSortedSet(new TreeSet<>(ids));
    SelectorResolver resolver = s -> all;
    try (JdbcFleetStore jdbc = database.fresh(bulk)) {
      FleetStore store = bulk ? jdbc : new OneBatchStore(jdbc);
      ManualClock clock = ManualClock.at("2026-03-01T00:00:00Z");
      FeedTrails trails = new FeedTrails(BulkPaths.REGISTRY, ids, "R1");
      Rollouts setup =
          Rollouts.over(jdbc, clock, Map.of(BulkPaths.REGISTRY, trails), resolver, "setup");
      setup.create(Rollout.builder("R1")
          .change("set kernel=" + "b".repeat(64))
          .message("bench")
          .devices("/")
          .time("1d")
          .timeout("1h")
          .success("85%,99%")
          .build());
      setup.activate("R1");
      markPosted(jdbc, "R1");
      Rollouts engine =
          Rollouts.over(store, clock, Map.of(BulkPaths.REGISTRY, trails), resolver, "bench");
      engine.tick("R1"); // loads the plan; the feed is still closed
      trails.open();
      long t0 = System.nanoTime();
      while (trails.served < n) {
        engine.tick("R1");
      }
      double s = (System.nanoTime() - t0) / 1e9;
      long done = engine.progress("R1").stream()
          .filter(p -> p.status() == DeviceStatus.SUCCEEDED)
          .count();
      if (done != n) {
        throw new IllegalStateException(done + " of " + n + " devices recorded as SUCCEEDED");
      }
      return s;
    }
  }

  /** Every record of {@code rollout} as if its step was posted: POSTED, attempt 1, rev 1. */
  private static void markPosted(FleetStore store, String rollout) {
    List<Versioned<DeviceRolloutProgress>> recs = store.progress(rollout);
    for (int from = 0; from < recs.size(); from += 10_000) {
      WriteBatch.Builder b = WriteBatch.builder();
      for (Versioned<DeviceRolloutProgress> v :
          recs.subList(from, Math.min(recs.size(), from + 10_000))) {
        b.putProgress(
            v.value().toBuilder().attempt(1).rev(1).status(DeviceStatus.POSTED).build(),
            v.version());
      }
      store.write(b.build());
    }
  }
}
