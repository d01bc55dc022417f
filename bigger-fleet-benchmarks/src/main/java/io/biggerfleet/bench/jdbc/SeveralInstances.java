package io.biggerfleet.bench.jdbc;

import io.biggerfleet.FleetClient;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.jdbc.JdbcFleetStore;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.pantahub.PantahubClient;
import io.biggerfleet.pantahub.sim.PantahubSimulator;
import io.biggerfleet.pantahub.sim.Scenario;
import io.biggerfleet.rollout.RolloutLeasing;
import io.biggerfleet.spi.DeviceTrails;
import io.biggerfleet.spi.ProgressPage;
import io.biggerfleet.spi.RolloutLease;
import io.biggerfleet.spi.TrailStep;
import io.biggerfleet.spi.Versioned;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Issue 17 target 2, the real thing: several engine instances in separate JVMs (child processes) share
 * one large rollout on one embedded PostgreSQL and one Pantahub simulator. One step over all devices,
 * window 10 minutes of simulated time; the rollout is split into 16 partitions. Measures the posting
 * throughput with 1, 2 and 3 instances (devices posted per wall second, from activation until every
 * device is posted), then runs 3 instances again and kills one ({@link Process#destroyForcibly}, i.e.
 * {@code kill -9}) mid-step: reports how long until its partitions are held by the survivors, and checks
 * the simulator's trails (each device has exactly one step of the rollout) and the store (every device
 * record posted and complete).
 *
 * <p>All processes share one simulated clock: {@code epoch + (wall - epoch) × speed}, computed from the
 * wall clock with the same epoch and speed in every process.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.biggerfleet.bench.jdbc.SeveralInstances [devices=100000]
 * [speed=10] [instances=1,2,3] [leaseSeconds=300] [latencyMs=0] [inFlight=16] [kill=yes]}; window and
 * lease are in simulated time. {@code latencyMs} makes the simulator answer every request that much later
 * (wall time, {@code PantahubSimulator.Builder#responseLatency}, holding no CPU), {@code inFlight} bounds
 * each instance's requests in flight ({@code PantahubClient.Builder#maxConcurrentRequests}): with both, one
 * instance is latency-bound (about {@code inFlight / (2 × latency)} posts/s: a post is a read and a
 * write) rather than CPU-bound. {@code kill=no} skips the kill -9 run.
 */
public final class SeveralInstances {
  static final String ROLLOUT = "BIG";
  static final int PARTITIONS = 16;
  /**
   * Lease duration in simulated time (4th argument, default 5 min: 30 s of wall time at speed 10). It must
   * be longer than one tick's chunk of posts takes, or the holder loses its partitions mid-chunk.
   */
  static Duration lease = Duration.ofMinutes(5);
  /** Simulator response latency (wall time; 5th argument, default 0). */
  static Duration latency = Duration.ZERO;
  /** Requests in flight per instance (6th argument, default 16, the client's default). */
  static int inFlight = 16;

  private SeveralInstances() {}

  /** A clock running {@code speed} times faster than the wall clock from {@code epochMs} on; same in every process. */
  static Clock sharedClock(long epochMs, int speed) {
    return new Clock() {
      @Override
      public Instant instant() {
        long now = System.currentTimeMillis();
        return Instant.ofEpochMilli(epochMs + (now - epochMs) * speed);
      }

      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }
    };
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("child")) {
      child(args);
      return;
    }
    int devices = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int speed = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    String[] counts = (args.length > 2 ? args[2] : "1,2,3").split(",");
    lease = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 300);
    latency = Duration.ofMillis(args.length > 4 ? Long.parseLong(args[4]) : 0);
    inFlight = args.length > 5 ? Integer.parseInt(args[5]) : 16;
    boolean kill = args.length <= 6 || !args[6].equals("no");
    long epoch = System.currentTimeMillis();
    Clock clock = sharedClock(epoch, speed);
    System.out.printf(
        Locale.ROOT,
        "%d devices, %d partitions, lease %s simulated, speed %d, hub latency %d ms,"
            + " %d requests in flight per instance; %s UTC; load %s%n",
        devices,
        PARTITIONS,
        lease,
        speed,
        latency.toMillis(),
        inFlight,
        Instant.now(),
        load());
    try (EmbeddedPostgres pg =
        EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start()) {
      Map<Integer, Double> rates = new HashMap<>();
      for (String c : counts) {
        int n = Integer.parseInt(c.trim());
        Run r = new Run(pg, devices, clock, epoch, speed, "n" + n);
        try {
          r.prepare();
          double perS = r.postAll(n, false);
          rates.put(n, perS);
          System.out.printf(Locale.ROOT, "instances=%d: %.0f posts/s; load %s%n", n, perS, load());
        } finally {
          r.close();
        }
      }
      System.out.println();
      System.out.println("| instances | posts/s | ratio to 1 instance |");
      System.out.println("|---|---|---|");
      for (String c : counts) {
        int n = Integer.parseInt(c.trim());
        System.out.printf(
            Locale.ROOT,
            "| %d | %.0f | %.2f |%n",
            n,
            rates.get(n),
            rates.containsKey(1) ? rates.get(n) / rates.get(1) : Double.NaN);
      }
      if (kill) {
        Run k = new Run(pg, devices, clock, epoch, speed, "kill");
        try {
          k.prepare();
          k.postAll(3, true);
        } finally {
          k.close();
        }
      }
      System.out.println("load " + load());
    }
  }

  static String load() {
    try {
      return new String(
              Files.readAllBytes(Path.of("/proc/loadavg")),
              StandardCharsets.US_ASCII)
          .trim();
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  /** One measured run: a fresh schema, a fresh simulator, the rollout, n child instances. */
  static final class Run implements AutoCloseable {
    final EmbeddedPostgres pg;
    final int devices;
    final Clock clock;
    final long epoch;
    final int speed;
    final String schema;
    PantahubSimulator sim;
    JdbcFleetStore store;
    String url;
    PantahubClient hub;
    final List<Process> children = new ArrayList<>();

    Run(EmbeddedPostgres pg, int devices, Clock clock, long epoch, int speed, String schema) {
      this.pg = pg;
      this.devices = devices;
      this.clock = clock;
      this.epoch = epoch;
      this.speed = speed;
      this.schema = schema;
    }

    void prepare() throws Exception {
      try (Connection c = pg.getPostgresDatabase().getConnection();
          Statement st = c.createStatement()) {
        st.execute("CREATE SCHEMA " + schema);
      }
      url = "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres?currentSchema=" + schema;
      long t0 = System.nanoTime();
      sim = PantahubSimulator.builder()
          .scenario(Scenario.generated(devices, 1))
          .clock(clock)
          .realTime(Duration.ofMillis(100))
          .tokenLifetime(Duration.ofDays(30))
          .httpThreads(4)
          .responseLatency(latency)
          .start();
      hub = PantahubClient.builder()
          .baseUri(sim.baseUri())
          .clock(clock)
          .registryName("sim.local")
          .login("user1", "user1".toCharArray())
          .build();
      store = JdbcFleetStore.postgres(url, "postgres", "")
          .maxPoolSize(4)
          .clock(clock)
          .open();
      FleetClient fleet = FleetClient.builder()
          .registry(hub.devices())
          .trails(hub.trails())
          .store(store)
          .clock(clock)
          .actor("bench")
          .build();
      fleet.importDevices();
      String kernel =
          sim.putObject("user1", "kernel-bench", "kernel bench".getBytes(StandardCharsets.UTF_8));
      fleet
          .rollouts()
          .create(Rollout.builder(ROLLOUT)
              .change("set kernel=" + kernel)
              .message("bench")
              .devices("/")
              .time("10m")
              .timeout("1d")
              .success("0%,0%")
              .build());
      System.out.printf(
          Locale.ROOT,
          "  [%s] simulator with %d devices and store ready in %.1f s%n",
          schema,
          store.devices().size(),
          (System.nanoTime() - t0) / 1e9);
    }

    /** Starts n instances, activates, waits until every device is posted; returns posts per wall second. */
    double postAll(int n, boolean killOne) throws Exception {
      CountDownLatch ready = new CountDownLatch(n);
      for (int i = 0; i < n; i++) {
        children.add(start("engine-" + i, ready));
      }
      if (!ready.await(120, TimeUnit.SECONDS)) {
        throw new IllegalStateException("instances did not start");
      }
      FleetClient fleet = FleetClient.builder()
          .registry(hub.devices())
          .trails(hub.trails())
          .store(store)
          .clock(clock)
          .actor("bench")
          .build();
      long t0 = System.nanoTime();
      fleet.rollouts().activate(ROLLOUT);
      long[] cpu0 = cpu();
      boolean killed = !killOne;
      String victim = null;
      Set<Integer> orphaned = new HashSet<>();
      long killedAt = 0;
      long takenAt = 0;
      while (true) {
        Thread.sleep(250);
        int posted = posted();
        if (!killed && posted >= devices * 2 / 5) {
          Map<String, Set<Integer>> held = new HashMap<>();
          for (int k = 0; k < PARTITIONS; k++) {
            RolloutLease l = store.leases().current(ROLLOUT + "#p" + k).orElse(null);
            if (l != null && !l.isExpiredAt(clock.instant())) {
              held.computeIfAbsent(l.holder(), h -> new java.util.TreeSet<>()).add(k);
            }
          }
          System.out.println("  partitions before the kill: " + held);
          victim = held.containsKey("engine-1") || !held.containsKey("engine-2")
              ? "engine-1"
              : "engine-2";
          orphaned.addAll(held.getOrDefault(victim, Set.of()));
          children.get(victim.equals("engine-1") ? 1 : 2).destroyForcibly();
          killedAt = System.nanoTime();
          killed = true;
          System.out.printf(
              Locale.ROOT,
              "  kill -9 of %s at %d of %d posted; it held partitions %s%n",
              victim,
              posted,
              devices,
              orphaned);
        }
        if (killedAt > 0 && takenAt == 0 && takenOver(orphaned, victim)) {
          takenAt = System.nanoTime();
          double wall = (takenAt - killedAt) / 1e9;
          System.out.printf(
              Locale.ROOT,
              "  its partitions taken over after %.2f s wall = %.0f s simulated"
                  + " (lease %d s simulated)%n",
              wall,
              wall * speed,
              lease.toSeconds());
        }
        if (posted >= devices) {
          break;
        }
        if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(30)) {
          throw new IllegalStateException("not all posted after 30 min: " + posted);
        }
      }
      double s = (System.nanoTime() - t0) / 1e9;
      if (killOne) {
        check();
      } else {
        long[] cpu1 = cpu();
        double engines = (cpu1[0] - cpu0[0]) * 10.0 / devices;
        double simulator = (cpu1[1] - cpu0[1]) * 10.0 / devices;
        double postgres = (cpu1[2] - cpu0[2]) * 10.0 / devices;
        double total = engines + simulator + postgres;
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(
            Locale.ROOT,
            "  CPU per post (after activation): engines %.2f ms, simulator %.2f ms, PostgreSQL %.2f ms;"
                + " total %.2f ms: %d cores allow at most %.0f posts/s%n",
            engines,
            simulator,
            postgres,
            total,
            cores,
            cores * 1000 / total);
      }
      return devices / s;
    }

    /**
     * CPU time so far (clock ticks, 1/100 s on Linux) of the instances, of this JVM (the simulator, and
     * the benchmark's progress polls) and of every PostgreSQL process; zeros where /proc is unreadable.
     */
    long[] cpu() {
      long engines = 0;
      for (Process p : children) {
        engines += ticks(Path.of("/proc", Long.toString(p.pid())));
      }
      long self = ticks(Path.of("/proc/self"));
      long postgres = 0;
      try (DirectoryStream<Path> all =
          Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
        for (Path d : all) {
          try {
            if (Files.readString(d.resolve("comm")).startsWith("postgres")) {
              postgres += ticks(d);
            }
          } catch (java.io.IOException e) {
            // the process ended
          }
        }
      } catch (java.io.IOException e) {
        return new long[3];
      }
      return new long[] {engines, self, postgres};
    }

    /** utime + stime of the process at {@code dir} (/proc/PID), 0 if it is gone. */
    static long ticks(Path dir) {
      try {
        String stat = Files.readString(dir.resolve("stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
      } catch (java.io.IOException | RuntimeException e) {
        return 0;
      }
    }

    private boolean takenOver(Set<Integer> orphaned, String dead) {
      Instant now = clock.instant();
      for (int k : orphaned) {
        RolloutLease l = store.leases().current(ROLLOUT + "#p" + k).orElse(null);
        if (l == null || l.holder().equals(dead) || l.isExpiredAt(now)) {
          return false;
        }
      }
      return true;
    }

    /** Records out of WAITING/POSTING: posted (or already reported). */
    int posted() throws Exception {
      try (Connection c = pg.getPostgresDatabase().getConnection();
          Statement st = c.createStatement();
          java.sql.ResultSet rs =
              st.executeQuery("SELECT count(*) FROM " + schema + ".bf_progress WHERE rollout = '"
                  + ROLLOUT + "' AND status NOT IN ('WAITING', 'POSTING')")) {
        rs.next();
        return rs.getInt(1);
      }
    }

    /** The simulator's trails: each device has exactly one step of the rollout; every record posted. */
    void check() {
      DeviceTrails trails = hub.trails();
      Map<DeviceId, Set<Integer>> revs = new HashMap<>();
      String cursor = null;
      for (int page = 0; page < 100_000; page++) {
        ProgressPage pg = trails.progressSince(cursor, 1000);
        if (pg.steps().isEmpty()) {
          break;
        }
        for (TrailStep st : pg.steps()) {
          if (st.marker().isPresent() && st.marker().get().rollout().equals(ROLLOUT)) {
            revs.computeIfAbsent(st.device(), d -> new HashSet<>()).add(st.rev());
          }
        }
        cursor = pg.nextCursor();
      }
      long doubles = revs.values().stream().filter(r -> r.size() > 1).count();
      int lost = 0;
      int incomplete = 0;
      for (Versioned<DeviceRolloutProgress> v : store.progress(ROLLOUT)) {
        DeviceRolloutProgress p = v.value();
        if (!revs.containsKey(p.device())) {
          lost++;
        }
        if (p.attempt() < 1
            || p.status() == DeviceStatus.WAITING
            || p.status() == DeviceStatus.POSTING
            || p.rev() < 0) {
          incomplete++;
        }
      }
      System.out.printf(
          Locale.ROOT,
          "  check: %d devices with a step posted in the trails, %d with more than one"
              + " (double posts), %d records without a step in the trails (lost), %d records incomplete%n",
          revs.size(),
          doubles,
          lost,
          incomplete);
    }

    private Process start(String holder, CountDownLatch ready) throws Exception {
      String java =
          System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
      ProcessBuilder pb = new ProcessBuilder(
          java,
          "-Xmx400m",
          "-XX:+UseSerialGC",
          "-cp",
          System.getProperty("java.class.path"),
          SeveralInstances.class.getName(),
          "child",
          url,
          sim.baseUri().toString(),
          holder,
          Long.toString(epoch),
          Integer.toString(speed),
          Long.toString(lease.toSeconds()),
          Integer.toString(inFlight));
      pb.redirectErrorStream(true);
      Process p = pb.start();
      Thread t = new Thread(() -> {
        try (BufferedReader r =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            if (line.equals("ready")) {
              ready.countDown();
            } else {
              System.out.println("    [" + holder + "] " + line);
            }
          }
        } catch (java.io.IOException e) {
          // the child died
        }
      });
      t.setDaemon(true);
      t.start();
      return p;
    }

    @Override
    public void close() {
      for (Process p : children) {
        p.destroyForcibly();
      }
      for (Process p : children) {
        try {
          p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (store != null) {
        store.close();
      }
      if (sim != null) {
        sim.close();
      }
    }
  }

  /** A child instance: ticks the engine on the shared store and simulator until the rollout is finished. */
  static void child(String[] args) throws Exception {
    String url = args[1];
    String hubUri = args[2];
    String holder = args[3];
    Clock clock = sharedClock(Long.parseLong(args[4]), Integer.parseInt(args[5]));
    lease = Duration.ofSeconds(Long.parseLong(args[6]));
    PantahubClient hub = PantahubClient.builder()
        .baseUri(hubUri)
        .clock(clock)
        .registryName("sim.local")
        .maxConcurrentRequests(Integer.parseInt(args[7]))
        .login("user1", "user1".toCharArray())
        .build();
    try (JdbcFleetStore store =
        JdbcFleetStore.postgres(url, "postgres", "").maxPoolSize(4).clock(clock).open()) {
      FleetClient fleet = FleetClient.builder()
          .registry(hub.devices())
          .trails(hub.trails())
          .store(store)
          .clock(clock)
          .actor(holder)
          .leasing(
              RolloutLeasing.shared(store.leases(), holder).duration(lease).partitions(PARTITIONS))
          .build();
      System.out.println("ready");
      System.out.flush();
      while (true) {
        fleet.rollouts().tick();
        Versioned<Rollout> r = store.rollout(ROLLOUT).orElseThrow();
        if (r.value().state().isFinished()) {
          return;
        }
        Thread.sleep(50);
      }
    }
  }
}
