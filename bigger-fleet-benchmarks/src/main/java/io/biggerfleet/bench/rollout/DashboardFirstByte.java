package io.biggerfleet.bench.rollout;

import io.biggerfleet.FleetClient;
import io.biggerfleet.dashboard.FleetDashboard;
import io.biggerfleet.model.Rollout;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The dashboard's pages served with n devices in the store (default 1,000,000): time to first byte and
 * payload size — the first request to each page of a new dashboard ("first"), and warm (median of 20)
 * — and how long after start the overview has its index counts (online, per group). Same-run
 * baseline: the same fleet shape with 1,000 devices, served first (so it also pays the JVM's class
 * loading and JIT warm-up, which the big run then does not). The rollout covers every device (a
 * canary step over 1 % and FINAL), activated, one engine tick done.
 *
 * <pre>
 * java -Xmx6g -cp bigger-fleet-benchmarks/target/benchmarks.jar io.biggerfleet.bench.rollout.DashboardFirstByte 1000000
 * </pre>
 */
public final class DashboardFirstByte {
  private static final String[] PAGES = {
    "/", "/rollout?name=R1", "/devices?q=%2Fcanary", "/groups", "/events", "/nothing-here"
  };

  private DashboardFirstByte() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    run(1_000);
    run(n);
  }

  private static void run(int n) throws Exception {
    long t0 = System.nanoTime();
    BenchFleet bench = new BenchFleet(n);
    FleetClient fleet = FleetClient.builder()
        .store(bench.store)
        .trails(new BenchFleet.QuietTrails())
        .clock(bench.clock)
        .build();
    fleet.addGroup("/", "/canary", "Fleet-Tags contains \"canary\"");
    fleet.addGroup("/", "/sim", "Registry == \"sim.io\"");
    fleet
        .rollouts()
        .create(Rollout.builder("R1")
            .change("set kernel=" + BenchFleet.SHA)
            .message("bench")
            .devices("/")
            .time("1d")
            .timeout("1h")
            .success("85%,99%")
            .build());
    fleet.rollouts().addStep("R1", "/canary", "2h", "1h", "100%,100%");
    fleet.rollouts().activate("R1");
    bench.clock.advance(java.time.Duration.ofMinutes(30));
    fleet.rollouts().tick();
    System.out.printf(
        "%n%,d devices, groups /canary and /sim, rollout R1 active (setup %.1f s)%n",
        fleet.deviceCount(), (System.nanoTime() - t0) / 1e9);
    try (FleetDashboard d = FleetDashboard.builder(fleet).start()) {
      long started = System.nanoTime();
      System.out.println(
          "page                      first TTFB   warm TTFB (median of 20)   payload");
      for (String p : PAGES) {
        double[] first = fetch(d, p);
        List<Double> warm = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          warm.add(fetch(d, p)[0]);
        }
        Collections.sort(warm);
        System.out.printf(
            "%-25s %8.1f ms   %8.1f ms                 %,8d bytes%n",
            p, first[0], warm.get(10), (long) first[1]);
      }
      while (body(d, "/").contains(">counting<")) {
        Thread.sleep(20);
      }
      System.out.printf(
          "overview index counts ready %.0f ms after start%n", (System.nanoTime() - started) / 1e6);
    }
  }

  /** Time to the first body byte (ms) and the body size. */
  private static double[] fetch(FleetDashboard d, String path) throws Exception {
    HttpURLConnection c =
        (HttpURLConnection) new URL(d.uri().resolve(path).toString()).openConnection();
    long start = System.nanoTime();
    int status = c.getResponseCode();
    InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
    int first = in.read();
    double ttfb = (System.nanoTime() - start) / 1e6;
    long size = first < 0 ? 0 : 1 + in.readAllBytes().length;
    in.close();
    return new double[] {ttfb, size};
  }

  private static String body(FleetDashboard d, String path) throws Exception {
    HttpURLConnection c =
        (HttpURLConnection) new URL(d.uri().resolve(path).toString()).openConnection();
    try (InputStream in = c.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
