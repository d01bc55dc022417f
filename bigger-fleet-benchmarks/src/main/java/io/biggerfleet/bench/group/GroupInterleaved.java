package io.biggerfleet.bench.group;

import io.biggerfleet.FleetClient;
import io.biggerfleet.ManualClock;
import io.biggerfleet.device.AttributeSource;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.match.Matcher;
import io.biggerfleet.match.Matchers;
import io.biggerfleet.model.Group;
import io.biggerfleet.spi.Versioned;
import io.biggerfleet.spi.WriteBatch;
import io.biggerfleet.store.InMemoryFleetStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.IntSupplier;

/**
 * A companion to {@link GroupBenchmark} for busy machines: one JVM, one fleet ({@link GroupFleet}),
 * and for each target, rounds of (target, baseline) run back to back; reports the median time of each
 * and the median of the per-round ratios, which hold up when the machine's load changes over minutes.
 * Also prints heap used per device by the store and by the group index.
 *
 * <p>Run: {@code java -Xms6g -Xmx6g -cp bigger-fleet-benchmarks/target/benchmarks.jar
 * io.biggerfleet.bench.group.GroupInterleaved [devices] [rounds]}.
 */
public final class GroupInterleaved {
  private GroupInterleaved() {}

  public static void main(String[] args) {
    int devices = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Runtime rt = Runtime.getRuntime();
    long before = used(rt);
    long t0 = System.nanoTime();
    InMemoryFleetStore store = new InMemoryFleetStore();
    List<Group> groups = GroupFleet.fill(store, devices);
    long fillMs = (System.nanoTime() - t0) / 1_000_000;
    long withStore = used(rt);
    FleetClient fleet = FleetClient.builder()
        .store(store)
        .clock(ManualClock.at("2026-01-10T12:00:00Z"))
        .build();
    t0 = System.nanoTime();
    fleet.selectors().resolve("/");
    long firstBuildMs = (System.nanoTime() - t0) / 1_000_000;
    long withIndex = used(rt);
    System.out.printf(
        "fleet: %,d devices, %d groups (fill %,d ms, first build %,d ms)%n",
        devices, groups.size(), fillMs, firstBuildMs);
    System.out.printf(
        "heap: store %,d bytes/device, group index %,d bytes/device%n",
        (withStore - before) / devices, (withIndex - withStore) / devices);

    Matcher one = Matchers.standard().compile("Manufacturer==\"m0\"");
    Map<String, Group> byPath = new TreeMap<>();
    groups.forEach(g -> byPath.put(g.path(), g));
    List<Matcher> chain = new ArrayList<>();
    for (String p = GroupBenchmark.MID; !p.equals("/"); p = byPath.get(p).parent()) {
      chain.add(0, Matchers.standard().compile(byPath.get(p).expression()));
    }
    Random rnd = new Random(7);
    DeviceId[] ids = new DeviceId[10_000];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = GroupFleet.id(rnd.nextInt(devices));
    }
    int[] round = {0};

    System.out.printf(
        "%-34s %12s %-30s %12s %9s%n", "target", "median", "baseline", "median", "ratio");
    compare(
        "build all 1,000 memberships (ms)",
        1,
        () -> {
          fleet.reloadGroups();
          return fleet.selectors().resolve("/").size();
        },
        "one expression, plain scan",
        1,
        () -> {
          int n = 0;
          for (Versioned<Device> d : store.devices()) {
            n += one.matches(d.value()) ? 1 : 0;
          }
          return n;
        },
        rounds);
    compare(
        "count of " + GroupBenchmark.MID + " (ms)",
        1,
        () -> fleet.selectors().resolve(GroupBenchmark.MID).size(),
        "same count, plain scan",
        1,
        () -> {
          int n = 0;
          for (Versioned<Device> d : store.devices()) {
            boolean in = true;
            for (int i = 0; i < chain.size() && in; i++) {
              in = chain.get(i).matches(d.value());
            }
            n += in ? 1 : 0;
          }
          return n;
        },
        rounds);
    compare(
        "ls " + GroupBenchmark.MID + " entries (ms)",
        1,
        () -> fleet.ls(GroupBenchmark.MID).entries().size(),
        "same count, plain scan",
        1,
        () -> 0,
        0);
    compare(
        "attribute change, client (us)",
        ids.length,
        () -> {
          int h = 0;
          round[0]++;
          for (int i = 0; i < ids.length; i++) {
            h += fleet
                .setFleetAttribute(ids[i], "Fleet-Ring", "ring" + ((i + round[0]) % 10))
                .tags()
                .size();
          }
          return h;
        },
        "same write, store only",
        ids.length,
        () -> {
          int h = 0;
          round[0]++;
          for (int i = 0; i < ids.length; i++) {
            Versioned<Device> v = store.device(ids[i]).orElseThrow();
            Device d = v.value().toBuilder()
                .attribute(AttributeSource.FLEET, "Fleet-Ring", "ring" + ((i + round[0]) % 10))
                .build();
            store.write(WriteBatch.builder().putDevice(d, v.version()).build());
            h += d.tags().size();
          }
          // The index missed these writes; it stays self-consistent (the next client write of a
          // device
          // diffs against the version the index holds), so no rebuild is needed for this benchmark.
          return h;
        },
        rounds);
    compare(
        "glob /m0/*/c1/** (ms)",
        1,
        () -> fleet.selectors().resolve("/m0/*/c1/**").size(),
        "exact path /m0",
        1,
        () -> fleet.selectors().resolve("/m0").size(),
        rounds);
  }

  /** Keeps the results of timed calls alive, so the JIT cannot drop the work. */
  static int sink;

  /** Runs rounds of (a, b) in alternating order; prints medians per operation and the median ratio a/b. */
  private static void compare(
      String aName, int aOps, IntSupplier a, String bName, int bOps, IntSupplier b, int rounds) {
    if (rounds == 0) { // no baseline: time the target alone
      double[] t = new double[5];
      sink += a.getAsInt();
      for (int r = 0; r < t.length; r++) {
        long t0 = System.nanoTime();
        sink += a.getAsInt();
        t[r] = (System.nanoTime() - t0) / 1e6 / aOps;
      }
      System.out.printf("%-34s %12.3f%n", aName, median(t));
      return;
    }
    double scaleA = aName.endsWith("(us)") ? 1e3 : 1e6;
    double scaleB = aName.endsWith("(us)") ? 1e3 : 1e6;
    sink += a.getAsInt(); // warm-up
    sink += b.getAsInt();
    double[] ta = new double[rounds];
    double[] tb = new double[rounds];
    double[] ratio = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < 2; k++) {
        boolean first = (k + r) % 2 == 0;
        long t0 = System.nanoTime();
        sink += (first ? a : b).getAsInt();
        double ns = System.nanoTime() - t0;
        if (first) {
          ta[r] = ns / scaleA / aOps;
        } else {
          tb[r] = ns / scaleB / bOps;
        }
      }
      ratio[r] = ta[r] / tb[r];
    }
    System.out.printf(
        "%-34s %12.3f %-30s %12.3f %8.3fx%n", aName, median(ta), bName, median(tb), median(ratio));
  }

  private static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    return c[c.length / 2];
  }

  private static long used(Runtime rt) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
