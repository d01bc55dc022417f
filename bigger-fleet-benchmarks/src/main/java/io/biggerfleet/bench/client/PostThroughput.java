package io.biggerfleet.bench.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biggerfleet.FleetClient;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.pantahub.PantahubClient;
import io.biggerfleet.pantahub.sim.PantahubSimulator;
import io.biggerfleet.pantahub.sim.Scenario;
import io.biggerfleet.pantahub.sim.SimClock;
import io.biggerfleet.pantahub.sim.SimDevice;
import io.biggerfleet.spi.DeviceTrails;
import io.biggerfleet.spi.ProgressPage;
import io.biggerfleet.spi.StepMarker;
import io.biggerfleet.spi.StepRequest;
import io.biggerfleet.spi.TrailStep;
import io.biggerfleet.store.InMemoryFleetStore;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 17 target 3: one rollout engine (in-memory store) posting one big step to every device of a
 * simulated hub, against the bare hub serving the same requests to a tight client loop in the same run.
 *
 * <p>Per device the engine reads the trail's latest step and posts the new one; the bare loop sends the
 * same HTTP requests ({@code GET .pvrremote}, {@code GET steps/{rev}}, {@code POST steps}) from
 * {@code threads} plain threads with one {@link HttpClient} and no SDK. Both run on a fresh simulator on
 * a {@link SimClock} (devices do not act, so only posting is measured), in this JVM: CPU per post is the
 * whole process's CPU (client and hub) divided by the posts.
 *
 * <p>Usage: {@code java -Xmx3g -cp benchmarks.jar io.biggerfleet.bench.client.PostThroughput
 * [devices=100000] [threads=16] [rounds=1]}. Rounds alternate bare and engine runs; the best of each is
 * reported with its ratio.
 */
public final class PostThroughput {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REGISTRY = "sim.pantahub.local";

  private PostThroughput() {}

  record Result(
      String what, int posts, double seconds, double p50Ms, double p99Ms, double cpuMsPerPost) {
    double rate() {
      return posts / seconds;
    }

    String line() {
      return String.format(
          Locale.ROOT,
          "%-7s %7d posts in %6.2f s = %7.0f posts/s, p50 %6.2f ms, p99 %7.2f ms, "
              + "CPU %.3f ms/post",
          what,
          posts,
          seconds,
          rate(),
          p50Ms,
          p99Ms,
          cpuMsPerPost);
    }
  }

  public static void main(String[] args) throws Exception {
    int devices = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    System.out.printf(
        Locale.ROOT,
        "devices %d, client threads/concurrency %d, cores %d, load %.2f%n",
        devices,
        threads,
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    Result bestBare = null;
    Result bestEngine = null;
    for (int r = 0; r < rounds; r++) {
      Result bare = bare(devices, threads);
      System.out.println(bare.line());
      Result engine = engine(devices, threads);
      System.out.println(engine.line());
      System.out.printf(
          Locale.ROOT,
          "round %d: engine/bare posts/s %.2f, CPU/post %.2f, load %.2f%n",
          r + 1,
          engine.rate() / bare.rate(),
          engine.cpuMsPerPost / bare.cpuMsPerPost,
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      bestBare = bestBare == null || bare.rate() > bestBare.rate() ? bare : bestBare;
      bestEngine = bestEngine == null || engine.rate() > bestEngine.rate() ? engine : bestEngine;
    }
    System.out.printf(
        Locale.ROOT,
        "%nbest bare:   %s%nbest engine: %s%nratio engine/bare posts/s %.2f, CPU/post %.2f%n",
        bestBare.line(),
        bestEngine.line(),
        bestEngine.rate() / bestBare.rate(),
        bestEngine.cpuMsPerPost / bestBare.cpuMsPerPost);
  }

  private static PantahubSimulator sim(int devices, int threads) {
    return PantahubSimulator.builder()
        .scenario(Scenario.generated(devices, 1))
        .clock(SimClock.at("2026-03-02T09:00:00Z"))
        .httpThreads(Math.max(4, threads))
        .start();
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** The same three requests per device from plain threads: the hub's speed as this machine serves it. */
  static Result bare(int devices, int threads) throws Exception {
    try (PantahubSimulator sim = sim(devices, threads)) {
      HttpClient http =
          HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      String base = sim.baseUri().toString().replaceAll("/$", "");
      HttpResponse<String> login = http.send(
          HttpRequest.newBuilder(URI.create(base + "/auth/login"))
              .header("Content-Type", "application/json")
              .header("User-Agent", "bare-loop")
              .POST(HttpRequest.BodyPublishers.ofString(
                  "{\"username\":\"user1\",\"password\":\"user1\"}"))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      String token = "Bearer " + JSON.readTree(login.body()).get("token").asText();
      List<String> ids = sim.devices().stream().map(SimDevice::id).toList();
      long[] lat = new long[ids.size()];
      AtomicInteger next = new AtomicInteger();
      AtomicLong failures = new AtomicLong();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      long cpu0 = cpuNanos();
      long t0 = System.nanoTime();
      Future<?>[] fs = new Future<?>[threads];
      for (int t = 0; t < threads; t++) {
        fs[t] = pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < ids.size(); i = next.getAndIncrement()) {
            long s = System.nanoTime();
            try {
              String trail = base + "/trails/" + ids.get(i);
              JsonNode remote = JSON.readTree(get(http, trail + "/.pvrremote", token));
              String url = remote.get("step-get-url").asText();
              JsonNode step = JSON.readTree(
                  get(http, trail + "/steps/" + url.substring(url.lastIndexOf('/') + 1), token));
              ObjectNode body = JSON.createObjectNode();
              body.put("rev", -1).put("commit-msg", "bare").set("state", step.get("state"));
              body.putObject("meta").put("bench", "bare");
              HttpResponse<byte[]> p = http.send(
                  HttpRequest.newBuilder(URI.create(trail + "/steps"))
                      .header("Authorization", token)
                      .header("User-Agent", "bare-loop")
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());
              if (p.statusCode() != 200) {
                failures.incrementAndGet();
              }
              JSON.readTree(p.body());
            } catch (Exception e) {
              failures.incrementAndGet();
            }
            lat[i] = System.nanoTime() - s;
          }
          return null;
        });
      }
      for (Future<?> f : fs) {
        f.get();
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      long cpu = cpuNanos() - cpu0;
      pool.shutdown();
      if (failures.get() > 0) {
        System.out.println("bare: " + failures.get() + " failed posts");
      }
      return result("bare", ids.size(), secs, lat, cpu);
    }
  }

  private static byte[] get(HttpClient http, String url, String token) throws Exception {
    HttpResponse<byte[]> r = http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", token)
            .header("User-Agent", "bare-loop")
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(url + " -> " + r.statusCode());
    }
    return r.body();
  }

  /** One engine, in-memory store, one rollout with one step over every device, all due at once. */
  static Result engine(int devices, int threads) throws Exception {
    SimClock clock = SimClock.at("2026-03-02T09:00:00Z");
    try (PantahubSimulator sim = PantahubSimulator.builder()
        .scenario(Scenario.generated(devices, 1))
        .clock(clock)
        .httpThreads(Math.max(4, threads))
        .start()) {
      PantahubClient hub = PantahubClient.builder()
          .baseUri(sim.baseUri())
          .clock(clock)
          .registryName(REGISTRY)
          .maxConcurrentRequests(threads)
          .login("user1", "user1".toCharArray())
          .build();
      Timed trails = new Timed(hub.trails(), devices);
      FleetClient fleet = FleetClient.builder()
          .registry(hub.devices())
          .trails(trails)
          .store(new InMemoryFleetStore())
          .clock(clock)
          .build();
      long i0 = System.nanoTime();
      fleet.importDevices();
      String kernel =
          sim.putObject("user1", "kernel", "kernel 5.15".getBytes(StandardCharsets.UTF_8));
      fleet
          .rollouts()
          .create(Rollout.builder("R")
              .change("set kernel=" + kernel)
              .message("update kernel")
              .devices("/")
              .time("0s")
              .timeout("12h")
              .success("85%,90%")
              .build());
      System.out.printf(
          Locale.ROOT, "engine: import and create %.2f s%n", (System.nanoTime() - i0) / 1e9);
      long cpu0 = cpuNanos();
      long t0 = System.nanoTime();
      fleet.rollouts().activate("R");
      long ta = System.nanoTime();
      while (trails.posts.get() < devices && fleet.rollouts().tick() > 0) {
        // every device is due now: ticks post until none is left
      }
      fleet.rollouts().tick();
      double secs = (System.nanoTime() - t0) / 1e9;
      long cpu = cpuNanos() - cpu0;
      long posted = fleet.rollouts().progress("R").stream()
          .filter(d -> d.status() == DeviceStatus.POSTED)
          .count();
      System.out.printf(
          Locale.ROOT,
          "engine: activate %.2f s, %d of %d devices POSTED, %d posts sent, "
              + "post concurrency at the end %d%n",
          (ta - t0) / 1e9,
          posted,
          devices,
          trails.posts.get(),
          trails.postConcurrency());
      if (trails.firstPost.get() > 0) {
        System.out.printf(
            Locale.ROOT,
            "engine: posting window (first read to last post) %.2f s%n",
            (trails.lastPost.get() - trails.firstPost.get()) / 1e9);
      }
      return result(
          "engine", trails.posts.get(), secs, Arrays.copyOf(trails.lat, trails.posts.get()), cpu);
    }
  }

  private static Result result(String what, int posts, double secs, long[] lat, long cpuNanos) {
    long[] s = lat.clone();
    Arrays.sort(s);
    double p50 = s.length == 0 ? 0 : s[(int) (s.length * 0.50)] / 1e6;
    double p99 = s.length == 0 ? 0 : s[Math.min(s.length - 1, (int) (s.length * 0.99))] / 1e6;
    return new Result(what, posts, secs, p50, p99, posts == 0 ? 0 : cpuNanos / 1e6 / posts);
  }

  /** Times each device's read-then-post (latest() start to post() end) and counts posts. */
  static final class Timed implements DeviceTrails {
    final DeviceTrails d;
    final long[] lat;
    final AtomicInteger posts = new AtomicInteger();
    final AtomicLong firstPost = new AtomicLong();
    final AtomicLong lastPost = new AtomicLong();
    final ThreadLocal<Long> readStart = new ThreadLocal<>();

    Timed(DeviceTrails d, int devices) {
      this.d = d;
      this.lat = new long[devices * 2];
    }

    @Override
    public String registry() {
      return d.registry();
    }

    @Override
    public TrailStep latest(DeviceId device) {
      long s = System.nanoTime();
      firstPost.compareAndSet(0, s);
      readStart.set(s);
      return d.latest(device);
    }

    @Override
    public Optional<TrailStep> step(DeviceId device, int rev) {
      return d.step(device, rev);
    }

    @Override
    public TrailStep post(DeviceId device, StepRequest request) {
      Long s = readStart.get();
      long start = s == null ? System.nanoTime() : s;
      TrailStep out = d.post(device, request);
      long end = System.nanoTime();
      int n = posts.getAndIncrement();
      if (n < lat.length) {
        lat[n] = end - start;
      }
      lastPost.accumulateAndGet(end, Math::max);
      readStart.remove();
      return out;
    }

    @Override
    public Optional<TrailStep> find(DeviceId device, StepMarker marker) {
      return d.find(device, marker);
    }

    @Override
    public boolean cancel(DeviceId device, int rev) {
      return d.cancel(device, rev);
    }

    @Override
    public ProgressPage progressSince(String cursor, int limit) {
      return d.progressSince(cursor, limit);
    }

    @Override
    public boolean objectExists(String sha256) {
      return d.objectExists(sha256);
    }

    @Override
    public int postConcurrency() {
      return d.postConcurrency();
    }

    @Override
    public List<String> errorLog(DeviceId device, int rev, int maxLines) {
      return d.errorLog(device, rev, maxLines);
    }
  }
}
