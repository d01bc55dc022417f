package io.biggerfleet.bench.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.biggerfleet.pantahub.sim.PantahubSimulator;
import io.biggerfleet.pantahub.sim.Scenario;
import io.biggerfleet.pantahub.sim.SimDevice;
import io.biggerfleet.pantahub.sim.Timing;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scale and load of the Pantahub simulator: builds a fleet of N simulated devices (heap after GC is
 * reported; run with {@code -Xmx1g} to prove the budget), then drives a fleet-app request mix over
 * loopback HTTP while the devices take the posted steps in real time, and compares the throughput with
 * the same mix against an eleven-device baseline measured in the same run.
 *
 * <p>Usage: {@code java -Xmx1g -cp benchmarks.jar io.biggerfleet.bench.sim.SimLoadBenchmark
 * [devices=100000] [clients=4] [seconds=15]}. The load generator runs in the same JVM, on the same two
 * cores, so the figures are a lower bound for the server.
 */
public final class SimLoadBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Share of requests that post a step (each makes a device walk QUEUED … DONE). */
  private static final int POST_PERCENT = 5;

  private static final Timing FAST = Timing.builder()
      .pickup(Duration.ofMillis(500))
      .phase(Duration.ofMillis(100))
      .reboot(Duration.ofMillis(200))
      .testing(Duration.ofMillis(300))
      .jitter(0.5)
      .build();

  private SimLoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    int devices = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 15;

    Scenario small = Scenario.generated(1000, 1).toBuilder().timing(FAST).build();
    Result ceiling =
        run("ceiling (1000 devices, 404 route: HTTP stack only)", small, clients, seconds, true);
    Result baseline = run("baseline (1000 generated devices)", small, clients, seconds, false);
    Result big = run(
        "fleet (" + devices + " generated devices)",
        Scenario.generated(devices, 1).toBuilder().timing(FAST).build(),
        clients,
        seconds,
        false);
    System.out.printf(
        Locale.ROOT,
        "%nratio fleet/baseline throughput: %.2f, fleet/ceiling: %.2f%n",
        big.rps / baseline.rps,
        big.rps / ceiling.rps);
    System.out.printf(
        Locale.ROOT,
        "ratio fleet/baseline CPU per request: %.2f%n",
        big.cpuPerRequest / baseline.cpuPerRequest);
  }

  private record Result(double rps, double cpuPerRequest) {}

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static Result run(
      String label, Scenario scenario, int clients, int seconds, boolean ceilingOnly)
      throws Exception {
    long t0 = System.nanoTime();
    PantahubSimulator sim = PantahubSimulator.builder()
        .scenario(scenario)
        .realTime(Duration.ofMillis(50))
        .httpThreads(4)
        .start();
    double startS = (System.nanoTime() - t0) / 1e9;
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    System.out.printf(
        Locale.ROOT,
        "%s: started in %.1f s, heap after GC %d MiB (max %d MiB)%n",
        label,
        startS,
        heap >> 20,
        Runtime.getRuntime().maxMemory() >> 20);
    try {
      HttpClient http =
          HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      String base = sim.baseUri().toString();
      String token = login(http, base);
      List<SimDevice> all = sim.devices();
      String[] ids = all.stream().map(SimDevice::id).toArray(String[]::new);
      String state =
          get(http, base + "/trails/" + ids[0] + "/steps/0/state", token).body();
      // Watch from "now", as a rollout engine does: newest change so far.
      String startCursor = JSON.readTree(get(
                  http,
                  base + "/changes/steps?page[size]=1&page[before]=2100-01-01T00:00:00Z",
                  token)
              .body())
          .path("data")
          .path(0)
          .path("time-modified")
          .asText();
      AtomicBoolean measuring = new AtomicBoolean(false);
      AtomicBoolean stop = new AtomicBoolean(false);
      AtomicLong ops = new AtomicLong();
      AtomicLong errors = new AtomicLong();
      AtomicLong posts = new AtomicLong();
      long[][] latencies = new long[clients][];
      List<Thread> threads = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int me = c;
        Thread t = new Thread(
            () -> {
              KeepAliveClient client = new KeepAliveClient(sim.baseUri(), token);
              long[] lat = new long[2_000_000];
              int n = 0;
              String cursor = startCursor;
              ThreadLocalRandom rnd = ThreadLocalRandom.current();
              while (!stop.get()) {
                String id = ids[rnd.nextInt(ids.length)];
                int pick = rnd.nextInt(100);
                long s = System.nanoTime();
                try {
                  KeepAliveClient.Answer r;
                  if (ceilingOnly) {
                    r = client.get("/nothing/here");
                    if (r.status() == 404) {
                      r = null;
                    }
                  } else if (pick < POST_PERCENT) {
                    r = client.send(
                        "POST",
                        "/trails/" + id + "/steps",
                        "{\"rev\":-1,\"commit-msg\":\"load\",\"state\":" + state + "}");
                    if (measuring.get()) {
                      posts.incrementAndGet();
                    }
                  } else if (pick < 50) {
                    r = client.get(
                        "/trails/" + id + "/steps?progress.status=%7B%22%24exists%22%3Atrue%7D"
                            + "&fields=rev,progress");
                  } else if (pick < 70) {
                    r = client.get("/devices/" + id);
                  } else if (pick < 80) {
                    r = client.get("/changes/steps?page[size]=100&page[after]=" + cursor);
                    // cheap cursor extraction: the load generator should not spend the CPU on
                    // parsing pages
                    int i = r.body().indexOf("page[after]=");
                    if (i > 0) {
                      cursor = r.body()
                          .substring(i + "page[after]=".length(), r.body().indexOf('"', i));
                    }
                  } else if (pick < 90) {
                    r = client.get("/trails/" + id + "/steps");
                  } else {
                    r = client.get("/trails/" + id + "/summary");
                  }
                  if (r != null && r.status() != 200) {
                    errors.incrementAndGet();
                  }
                } catch (Exception e) {
                  errors.incrementAndGet();
                }
                if (measuring.get()) {
                  ops.incrementAndGet();
                  if (n < lat.length) {
                    lat[n++] = System.nanoTime() - s;
                  }
                }
              }
              latencies[me] = Arrays.copyOf(lat, n);
              try {
                client.close();
              } catch (java.io.IOException e) {
                errors.incrementAndGet();
              }
            },
            "load-" + c);
        t.start();
        threads.add(t);
      }
      Thread.sleep(5_000); // warm-up (a benchmark, not a test: real time is the point here)
      measuring.set(true);
      long m0 = System.nanoTime();
      long c0 = cpuNanos();
      long g0 = gcMillis();
      Thread.sleep(seconds * 1000L);
      measuring.set(false);
      double elapsed = (System.nanoTime() - m0) / 1e9;
      double cpu = (cpuNanos() - c0) / 1e9;
      long gc = gcMillis() - g0;
      stop.set(true);
      for (Thread t : threads) {
        t.join();
      }
      long[] merged =
          Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
      double rps = ops.get() / elapsed;
      long done = sim.devices().stream().filter(d -> d.runningRevision() > 0).count();
      System.out.printf(
          Locale.ROOT,
          "%s: %.0f requests/s over %d clients, p50 %.2f ms, p99 %.2f ms, "
              + "%d errors, %d steps posted while measuring, %d devices already run a new revision%n",
          label,
          rps,
          clients,
          pct(merged, 0.50),
          pct(merged, 0.99),
          errors.get(),
          posts.get(),
          done);
      heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      double cpuPerRequest = cpu / ops.get();
      System.out.printf(
          Locale.ROOT,
          "%s: process CPU %.0f us/request (server + load generator) -> %.0f requests/s"
              + " if the JVM had both cores to itself; GC %d ms of %.0f s; heap in use at end %d MiB%n",
          label,
          cpuPerRequest * 1e6,
          2 / cpuPerRequest,
          gc,
          elapsed,
          heap >> 20);
      return new Result(rps, cpuPerRequest);
    } finally {
      sim.close();
    }
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(b -> Math.max(0, b.getCollectionTime()))
        .sum();
  }

  private static double pct(long[] sorted, double p) {
    return sorted.length == 0
        ? 0
        : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
  }

  private static String login(HttpClient http, String base) throws Exception {
    HttpResponse<String> r = http.send(
        HttpRequest.newBuilder(URI.create(base + "/auth/login"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(
                "{\"username\":\"user1\",\"password\":\"user1\"}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body()).get("token").asText();
  }

  private static HttpResponse<String> get(HttpClient http, String url, String token)
      throws Exception {
    return send(http, HttpRequest.newBuilder(URI.create(url)).GET(), token);
  }

  private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder b, String token)
      throws Exception {
    return http.send(
        b.header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
