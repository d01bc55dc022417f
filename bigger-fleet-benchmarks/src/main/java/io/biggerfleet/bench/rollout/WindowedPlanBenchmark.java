package io.biggerfleet.bench.rollout;

import io.biggerfleet.device.Device;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.MaintenanceWindow;
import io.biggerfleet.model.Pacing;
import io.biggerfleet.model.RateRamp;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.TimeZones;
import io.biggerfleet.spi.Versioned;
import io.biggerfleet.spi.WriteBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Planning a rollout over n devices (default 1,000,000) with a device-local maintenance window, devices in
 * 10 time zones, against the plain plan in the same run, interleaved: activation (membership, spreads,
 * the devices' zones, the window-aware gate time) plus the first engine round (where the current step's
 * per-device due times are worked out and its order sorted by them), and the plan preview of the DRAFT.
 * Prints the medians and the ratio windowed / plain (target: under 2).
 *
 * <p>{@code java -Xmx8g -cp bigger-fleet-benchmarks/target/benchmarks.jar
 * io.biggerfleet.bench.rollout.WindowedPlanBenchmark [devices] [rounds]}
 */
public final class WindowedPlanBenchmark {
  static final String[] ZONES = {
    "America/New_York",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Europe/Berlin",
    "Europe/London",
    "Asia/Hong Kong",
    "Asia/Kolkata",
    "Australia/Sydney",
    "Pacific/Auckland",
    "Africa/Cairo"
  };

  private WindowedPlanBenchmark() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    BenchFleet fleet = new BenchFleet(n);
    WriteBatch.Builder b = WriteBatch.builder();
    int k = 0;
    for (Versioned<Device> d : fleet.store.devices()) {
      b.putDevice(
          d.value().toBuilder()
              .registryAttributes(Map.of(TimeZones.ATTRIBUTE, ZONES[k % ZONES.length]))
              .build(),
          d.version());
      if (++k % 50_000 == 0) {
        fleet.store.write(b.build());
        b = WriteBatch.builder();
      }
    }
    fleet.store.write(b.build());
    List<Long> plainRun = new ArrayList<>();
    List<Long> windowRun = new ArrayList<>();
    List<Long> plainPreview = new ArrayList<>();
    List<Long> windowPreview = new ArrayList<>();
    for (int r = -1; r < rounds; r++) { // round -1 warms up
      for (boolean windowed :
          r % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
        String name = (windowed ? "W" : "P") + (r + 1);
        Rollout.Builder rb = Rollout.builder(name)
            .change("set kernel=" + BenchFleet.SHA)
            .message("bench")
            .devices("/")
            .time("5d")
            .timeout("1h")
            .success("85%,99%");
        if (windowed) {
          rb.pacing(new Pacing(MaintenanceWindow.parse("Mon-Fri 01:00-05:00"), RateRamp.NONE));
        }
        fleet.rollouts.create(rb.build());
        System.gc();
        long t0 = System.nanoTime();
        int devices = fleet.rollouts.plan(name).deviceCount();
        long t1 = System.nanoTime();
        fleet.rollouts.activate(name);
        fleet.rollouts.tick(name);
        long t2 = System.nanoTime();
        if (devices != n) {
          throw new IllegalStateException("planned " + devices + " devices, not " + n);
        }
        if (r >= 0) {
          (windowed ? windowPreview : plainPreview).add(t1 - t0);
          (windowed ? windowRun : plainRun).add(t2 - t1);
        }
        System.out.printf(
            Locale.ROOT,
            "round %d %-8s preview %8.1f ms  activate + first round %8.1f ms%n",
            r,
            windowed ? "windowed" : "plain",
            (t1 - t0) / 1e6,
            (t2 - t1) / 1e6);
        remove(fleet, name);
      }
    }
    report("activate + first round", plainRun, windowRun);
    report("plan preview (DRAFT)", plainPreview, windowPreview);
  }

  private static void report(String what, List<Long> plain, List<Long> windowed) {
    long p = median(plain);
    long w = median(windowed);
    System.out.printf(
        Locale.ROOT,
        "%-24s plain %8.1f ms  windowed (10 zones) %8.1f ms  ratio %.2f%n",
        what,
        p / 1e6,
        w / 1e6,
        (double) w / p);
  }

  private static long median(List<Long> xs) {
    long[] a = xs.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(a);
    return a[a.length / 2];
  }

  /** Deletes the rollout and its records straight in the store (as ActivateBenchmark does), so the next one does not conflict. */
  private static void remove(BenchFleet fleet, String name) {
    WriteBatch.Builder b = WriteBatch.builder();
    for (Versioned<DeviceRolloutProgress> p : fleet.store.progress(name)) {
      b.deleteProgress(name, p.value().device(), p.version());
    }
    fleet.store.rollout(name).ifPresent(v -> b.deleteRollout(name, v.version()));
    fleet.store.write(b.build());
  }
}
