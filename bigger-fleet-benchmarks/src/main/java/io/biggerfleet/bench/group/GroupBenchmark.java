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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Groups at fleet scale (issue 4): 1,000,000 devices, 1,000 groups five levels deep with mixed
 * expressions ({@link GroupFleet}). Each target has a baseline measured in the same run:
 *
 * <ul>
 *   <li>{@link #buildAllMemberships} vs {@link #baselineScanOneExpression}: building all 1,000
 *       memberships from scratch vs one plain pass of one expression over every device;
 *   <li>{@link #lsCountMidLevel} / {@link #lsMidLevel} vs {@link #baselineScanCountMidLevel}: the
 *       device count (and full listing) of a level-3 group vs counting it by a plain scan;
 *   <li>{@link #attributeChange} vs {@link #baselineStoreWrite}: a fleet attribute change through
 *       {@link FleetClient} (store write + index maintenance) vs the same store write alone;
 *   <li>{@link #resolveGlob} vs {@link #resolveGroupPath}: a glob over paths vs the exact path.
 * </ul>
 *
 * Run (one JVM, one shared fleet): {@code java -Xmx10g -jar bigger-fleet-benchmarks/target/benchmarks.jar
 * 'bench.group' -f 0 -wi 2 -w 2s -i 3 -r 2s}
 */
@State(Scope.Benchmark)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx8g", "-Xms8g"})
public class GroupBenchmark {
  static final String MID = "/m0/model0/c0";

  @Param("1000000")
  public int devices;

  private InMemoryFleetStore store;
  private FleetClient fleet;
  private Matcher oneExpression;
  private List<Matcher> midChain;
  private DeviceId[] changeIds;
  private String[] changeValues;
  private int next;

  /**
   * The filled store and client, kept across benchmarks of one JVM: filling a million devices takes
   * longer than measuring. With {@code -f 0} every benchmark of the run shares one fleet.
   */
  private static InMemoryFleetStore cachedStore;

  private static FleetClient cachedFleet;
  private static List<Group> cachedGroups;
  private static int cachedDevices;

  @Setup(Level.Trial)
  public void setUp() {
    synchronized (GroupBenchmark.class) {
      if (cachedStore == null || cachedDevices != devices) {
        cachedStore = null;
        cachedFleet = null;
        Runtime rt = Runtime.getRuntime();
        long before = usedAfterGc(rt);
        cachedStore = new InMemoryFleetStore();
        cachedGroups = GroupFleet.fill(cachedStore, devices);
        long withStore = usedAfterGc(rt);
        cachedFleet = FleetClient.builder()
            .store(cachedStore)
            .clock(ManualClock.at("2026-01-10T12:00:00Z"))
            .build();
        long t0 = System.nanoTime();
        cachedFleet.selectors().resolve("/"); // first use builds every membership
        long buildMs = (System.nanoTime() - t0) / 1_000_000;
        long withIndex = usedAfterGc(rt);
        cachedDevices = devices;
        System.out.printf(
            "%n[heap] %d devices: store %d bytes/device; index with %d groups %d bytes/device;"
                + " first build %d ms%n",
            devices,
            (withStore - before) / devices,
            cachedGroups.size(),
            (withIndex - withStore) / devices,
            buildMs);
      }
      store = cachedStore;
      fleet = cachedFleet;
    }
    List<Group> groups = cachedGroups;
    oneExpression = Matchers.standard().compile("Manufacturer==\"m0\"");
    Map<String, Group> byPath = new TreeMap<>();
    groups.forEach(g -> byPath.put(g.path(), g));
    midChain = new java.util.ArrayList<>();
    for (String p = MID; !p.equals("/"); p = byPath.get(p).parent()) {
      midChain.add(0, Matchers.standard().compile(byPath.get(p).expression()));
    }
    Random rnd = new Random(7);
    changeIds = new DeviceId[10_000];
    changeValues = new String[10_000];
    for (int i = 0; i < changeIds.length; i++) {
      changeIds[i] = GroupFleet.id(rnd.nextInt(devices));
      changeValues[i] = "ring" + rnd.nextInt(10);
    }
  }

  private static long usedAfterGc(Runtime rt) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  // ------------------------------------------------------------------ build

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int buildAllMemberships() {
    fleet.reloadGroups();
    return fleet.selectors().resolve("/").size();
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int baselineScanOneExpression() {
    int n = 0;
    for (Versioned<Device> d : store.devices()) {
      if (oneExpression.matches(d.value())) {
        n++;
      }
    }
    return n;
  }

  // ------------------------------------------------------------------ ls

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int lsCountMidLevel() {
    return fleet.selectors().resolve(MID).size();
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int lsMidLevel() {
    return fleet.ls(MID).entries().size();
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int baselineScanCountMidLevel() {
    int n = 0;
    for (Versioned<Device> v : store.devices()) {
      boolean in = true;
      for (int i = 0; i < midChain.size() && in; i++) {
        in = midChain.get(i).matches(v.value());
      }
      if (in) {
        n++;
      }
    }
    return n;
  }

  // ------------------------------------------------------------------ attribute changes

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @OperationsPerInvocation(10_000)
  public int attributeChange() {
    int h = 0;
    for (int i = 0; i < changeIds.length; i++) {
      int k = (next + i) % changeIds.length;
      h += fleet
          .setFleetAttribute(
              changeIds[k], "Fleet-Ring", changeValues[(k + next) % changeValues.length])
          .tags()
          .size();
    }
    next++;
    return h;
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @OperationsPerInvocation(10_000)
  public int baselineStoreWrite() {
    int h = 0;
    for (int i = 0; i < changeIds.length; i++) {
      int k = (next + i) % changeIds.length;
      Versioned<Device> v = store.device(changeIds[k]).orElseThrow();
      Device d = v.value().toBuilder()
          .attribute(
              AttributeSource.FLEET, "Fleet-Ring", changeValues[(k + next) % changeValues.length])
          .build();
      store.write(WriteBatch.builder().putDevice(d, v.version()).build());
      h += d.tags().size();
    }
    next++;
    // The index missed these writes; it stays self-consistent (a later client write of a device
    // diffs
    // against the version the index holds), so no rebuild is needed.
    return h;
  }

  // ------------------------------------------------------------------ selectors

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int resolveGlob() {
    return fleet.selectors().resolve("/m0/*/c1/**").size();
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int resolveGroupPath() {
    return fleet.selectors().resolve("/m0").size();
  }
}
