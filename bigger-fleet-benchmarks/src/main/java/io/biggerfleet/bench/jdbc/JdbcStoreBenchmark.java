package io.biggerfleet.bench.jdbc;

import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.jdbc.JdbcFleetStore;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.spi.WriteBatch;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Bulk work on the JDBC store, each measured once per invocation on a fresh database (H2 file and
 * embedded PostgreSQL):
 *
 * <ul>
 *   <li>{@code importDevices_batched}: one {@link WriteBatch} creating {@code devices} devices (the
 *       import of a 1,000,000-device fleet); baseline {@code importDevices_rowByRow}: one write per
 *       device, on {@code devices / rowByRowDivisor} devices (extrapolate by the divisor).
 *   <li>{@code writeProgress_batched}: one batch creating a progress record for every device (the
 *       bulk write of activating a 1,000,000-device rollout, which the rollout engine will do).
 *   <li>{@code updateProgress_pagesOf1000}: {@code updates} progress updates (version 1 → 2) written
 *       a changes-feed page (1,000) per batch; baseline {@code updateProgress_rowByRow}: one write per
 *       update on {@code updates / rowByRowDivisor} records.
 * </ul>
 *
 * Run (see docs/performance.md, "JDBC store"):
 * {@code java -jar bigger-fleet-benchmarks/target/benchmarks.jar 'bench.jdbc' -prof gc}
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 1)
@Measurement(iterations = 2)
@State(Scope.Benchmark)
public class JdbcStoreBenchmark {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Param({"h2", "postgres"})
  public String db;

  @Param({"1000000"})
  public int devices;

  @Param({"100000"})
  public int updates;

  @Param({"100"})
  public int rowByRowDivisor;

  private BenchDatabase database;
  private JdbcFleetStore store;
  private WriteBatch deviceBatch;
  private List<WriteBatch> deviceRows;
  private WriteBatch progressBatch;
  private List<WriteBatch> updatePages;
  private List<WriteBatch> updateRows;
  private WriteBatch progressSeed;

  static Device device(int i) {
    return Device.builder(DeviceId.of(String.format("%024x", i * 2654435761L), "api.pantahub.com"))
        .nick("device-" + i)
        .online(i % 3 != 0)
        .lastSeen(T0.plusSeconds(i))
        .revision(Integer.toString(i % 40))
        .systemAttributes(
            Map.of("Manufacturer", "Cisco", "Model", "121XPs", "Kernel", "4.10." + (i % 5)))
        .registryAttributes(Map.of("Device-Location", "lat:43.54,lon:-76.12"))
        .build();
  }

  static DeviceRolloutProgress progress(int i, String status, int rev) {
    return DeviceRolloutProgress.builder(
            "ROLLOUT1",
            DeviceId.of(String.format("%024x", i * 2654435761L), "api.pantahub.com"),
            1 + i % 5,
            T0.plusSeconds(i))
        .attempt(1)
        .rev(rev)
        .reported(status, 0, "")
        .build();
  }

  @Setup(Level.Trial)
  public void prepare(BenchmarkParams params) {
    database = new BenchDatabase(db);
    // Build only what the running benchmark writes, so its heap figure is its own.
    String bench = params.getBenchmark();
    if (bench.endsWith("importDevices_batched")) {
      WriteBatch.Builder all = WriteBatch.builder();
      for (int i = 0; i < devices; i++) {
        all.putDevice(device(i), 0);
      }
      deviceBatch = all.build();
    } else if (bench.endsWith("writeProgress_batched")) {
      WriteBatch.Builder activation = WriteBatch.builder();
      for (int i = 0; i < devices; i++) {
        activation.putProgress(progress(i, "QUEUE", -1), 0);
      }
      progressBatch = activation.build();
    } else if (bench.endsWith("importDevices_rowByRow")) {
      deviceRows = new ArrayList<>();
      for (int i = 0; i < devices / rowByRowDivisor; i++) {
        deviceRows.add(WriteBatch.builder().putDevice(device(i), 0).build());
      }
    } else {
      prepareUpdates();
    }
    System.gc();
    Runtime rt = Runtime.getRuntime();
    System.out.printf(
        "%n[jdbc bench] %s: heap used with its batches built: %d MiB (max %d MiB)%n",
        bench, (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
  }

  private void prepareUpdates() {
    WriteBatch.Builder seed = WriteBatch.builder();
    for (int i = 0; i < updates; i++) {
      seed.putProgress(progress(i, "NEW", 3), 0);
    }
    progressSeed = seed.build();
    updatePages = new ArrayList<>();
    for (int from = 0; from < updates; from += 1000) {
      WriteBatch.Builder page = WriteBatch.builder();
      for (int i = from; i < Math.min(updates, from + 1000); i++) {
        page.putProgress(progress(i, "DONE", 3), 1);
      }
      updatePages.add(page.build());
    }
    updateRows = new ArrayList<>();
    for (int i = 0; i < updates / rowByRowDivisor; i++) {
      updateRows.add(WriteBatch.builder().putProgress(progress(i, "DONE", 3), 1).build());
    }
  }

  private long cpuBefore;

  @Setup(Level.Invocation)
  public void freshStore() {
    store = database.fresh();
    cpuBefore = processCpuNanos();
  }

  /** CPU time of this JVM (for H2, all the database work; PostgreSQL's server runs in its own processes). */
  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean
        ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime()
        : -1;
  }

  /** For the update benchmarks: the records to update exist at version 1 (not timed). */
  private void seedProgress() {
    store.write(progressSeed);
  }

  @TearDown(Level.Invocation)
  public void closeStore() {
    Runtime rt = Runtime.getRuntime();
    System.out.printf(
        "[jdbc bench] heap used after the write: %d MiB; CPU time of this JVM: %.1f s%n",
        (rt.totalMemory() - rt.freeMemory()) >> 20, (processCpuNanos() - cpuBefore) / 1e9);
    store.close();
  }

  @TearDown(Level.Trial)
  public void cleanUp() throws IOException {
    database.close();
  }

  @Benchmark
  public long importDevices_batched() {
    store.write(deviceBatch);
    return store.deviceCount();
  }

  @Benchmark
  public long importDevices_rowByRow() {
    for (WriteBatch b : deviceRows) {
      store.write(b);
    }
    return store.deviceCount();
  }

  @Benchmark
  public int writeProgress_batched() {
    store.write(progressBatch);
    return progressBatch.size();
  }

  @State(Scope.Thread)
  public static class Seeded {
    @Setup(Level.Invocation)
    public void seed(JdbcStoreBenchmark b) {
      b.seedProgress();
    }
  }

  @Benchmark
  public int updateProgress_pagesOf1000(Seeded seeded) {
    for (WriteBatch b : updatePages) {
      store.write(b);
    }
    return updatePages.size();
  }

  @Benchmark
  public int updateProgress_rowByRow(Seeded seeded) {
    for (WriteBatch b : updateRows) {
      store.write(b);
    }
    return updateRows.size();
  }
}
