package io.biggerfleet.bench.pantahub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A tiny Pantahub stand-in for benchmarks: a JDK {@code com.sun.net.httpserver} server on loopback that
 * answers canned, pre-serialized responses in the real shapes ({@code pantahub-api.md}) for
 * {@code GET /devices/}, {@code GET /trails/summary}, {@code POST /trails/{id}/steps} and
 * {@code GET /changes/steps}. It does no validation and keeps no state beyond a post counter, so the
 * figures measure the client (HTTP, JSON, mapping, concurrency), not a simulator. An optional service
 * latency per post models a remote hub. TCP_NODELAY is on (see the static initializer).
 */
final class CannedHub implements AutoCloseable {
  static {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
    // delayed
    // ACK: ~40 ms per small response, which would measure TCP timers instead of the client.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  static final String T0 = "2024-05-06T17:00:00Z";
  private final HttpServer server;
  private final ExecutorService pool;
  private final byte[] devices;
  private final byte[] summaries;
  private String[] changeItems = new String[0];
  private Instant[] changeTimes = new Instant[0];
  private final AtomicInteger posts = new AtomicInteger();
  private volatile long postLatencyNanos;

  CannedHub(int deviceCount, int changeCount) throws IOException {
    devices = buildDevices(deviceCount);
    summaries = buildSummaries(deviceCount);
    buildChanges(changeCount, deviceCount);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
    pool = Executors.newFixedThreadPool(64);
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  String baseUri() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void postLatency(long micros) {
    postLatencyNanos = TimeUnit.MICROSECONDS.toNanos(micros);
  }

  int posts() {
    return posts.get();
  }

  static String hex(int i) {
    return String.format("%024x", i + 1);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      in.readAllBytes();
    }
    String path = ex.getRequestURI().getPath();
    String method = ex.getRequestMethod();
    byte[] body;
    if (method.equals("GET") && path.equals("/devices/")) {
      body = devices;
    } else if (method.equals("GET") && path.equals("/trails/summary")) {
      body = summaries;
    } else if (method.equals("POST") && path.startsWith("/trails/") && path.endsWith("/steps")) {
      if (postLatencyNanos > 0) {
        LockSupport.parkNanos(postLatencyNanos);
      }
      String id = path.substring("/trails/".length(), path.length() - "/steps".length());
      int rev = posts.incrementAndGet();
      body = ("{\"id\":\"" + id + "-" + rev + "\",\"trail-id\":\"" + id + "\",\"rev\":" + rev
              + ",\"commit-msg\":\"bench\",\"meta\":{\"bf-attempt\":\"1\",\"bf-rollout\":\"BENCH\",\"bf-step\":\"1\"},"
              + "\"progress\":{\"log\":\"\",\"progress\":0,\"status\":\"NEW\",\"status-msg\":\"\"},"
              + "\"progress-time\":\"1970-01-01T00:00:00Z\",\"state\":{\"#spec\":\"pantavisor-service-system@1\"},"
              + "\"step-time\":\"" + T0 + "\"}")
          .getBytes(StandardCharsets.UTF_8);
    } else if (method.equals("GET") && path.equals("/changes/steps")) {
      Map<String, String> q = query(ex.getRequestURI().getRawQuery());
      body = changesAfter(
          Instant.parse(q.getOrDefault("page[after]", "1970-01-01T00:00:00Z")),
          Integer.parseInt(q.getOrDefault("page[size]", "0")));
    } else {
      body = "{\"Error\":\"Resource not found\"}".getBytes(StandardCharsets.UTF_8);
      send(ex, 404, body);
      return;
    }
    send(ex, 200, body);
  }

  private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> m = new HashMap<>();
    if (raw != null) {
      for (String p : raw.split("&")) {
        int eq = p.indexOf('=');
        if (eq > 0) {
          m.put(
              URLDecoder.decode(p.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return m;
  }

  private static byte[] buildDevices(int n) {
    StringBuilder sb = new StringBuilder(n * 600).append('[');
    for (int i = 0; i < n; i++) {
      String id = hex(i);
      sb.append(i == 0 ? "" : ",")
          .append("{\"id\":\"")
          .append(id)
          .append("\",\"prn\":\"prn:::devices:/")
          .append(id)
          .append("\",\"nick\":\"device_")
          .append(i)
          .append("\",\"owner\":\"prn:::accounts:/5f1a9c3e8b2d4a0012345678\",")
          .append(
              "\"secret\":\"k3j9x0q2m7w1c5z\",\"public\":false,\"time-created\":\"2024-05-03T08:12:44.120Z\",")
          .append("\"time-modified\":\"2024-05-06T17:02:10.551Z\",\"user-meta\":{\"site\":\"site-")
          .append(i % 50)
          .append("\",\"ring\":\"")
          .append(i % 10 == 0 ? "canary" : "main")
          .append("\"},\"device-meta\":{")
          .append("\"pantavisor.arch\":\"aarch64/64/EL\",\"pantavisor.revision\":\"")
          .append(i % 7)
          .append("\",\"pantavisor.version\":\"019-rc4\",\"pantahub.online\":\"")
          .append(i % 3 != 0)
          .append("\",\"interfaces\":{\"eth0\":[\"10.0.")
          .append(i % 250)
          .append(".2\"]}},")
          .append("\"garbage\":false,\"mark_public_processed\":false}");
    }
    return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] buildSummaries(int n) {
    StringBuilder sb = new StringBuilder(n * 500).append('[');
    for (int i = 0; i < n; i++) {
      String id = hex(i);
      sb.append(i == 0 ? "" : ",")
          .append("{\"deviceid\":\"")
          .append(id)
          .append("\",\"device\":\"prn:::devices:/")
          .append(id)
          .append("\",\"device-nick\":\"device_")
          .append(i)
          .append("\",\"revision\":8,")
          .append(
              "\"progress-revision\":7,\"progress\":100,\"public\":false,\"state-sha\":\"4be1\",\"status\":\"DONE\",")
          .append("\"status-msg\":\"Update finished\",\"timestamp\":\"2024-05-06T17:05:02Z\",")
          .append(
              "\"step-time\":\"2024-05-06T16:58:00Z\",\"progress-time\":\"2024-05-06T17:01:40Z\",")
          .append("\"trail-touched-time\":\"2024-05-06T17:01:40Z\",\"real-ip\":\"203.0.113.7\"}");
    }
    return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }

  private void buildChanges(int count, int devices) {
    String[] statuses = {"QUEUED", "DOWNLOADING", "INPROGRESS", "TESTING", "DONE"};
    Instant t0 = Instant.parse(T0);
    changeItems = new String[count];
    changeTimes = new Instant[count];
    for (int i = 0; i < count; i++) {
      String id = hex(i % devices);
      Instant t = t0.plusMillis(i);
      changeTimes[i] = t;
      changeItems[i] =
          "{\"id\":\"" + id + "-8\",\"trail-id\":\"" + id + "\",\"rev\":8,\"commit-msg\":\"bench\","
              + "\"meta\":{\"bf-attempt\":\"1\",\"bf-rollout\":\"BENCH\",\"bf-step\":\"1\",\"ticket\uFF2Eid\":\"7\"},"
              + "\"progress\":{\"progress\":" + 20 * (i % 5) + ",\"status\":\"" + statuses[i % 5]
              + "\",\"status-msg\":\"\","
              + "\"log\":\"\"},\"state\":{\"#spec\":\"pantavisor-service-system@1\"},"
              + "\"step-time\":\"2024-05-06T16:58:00Z\",\"progress-time\":\"" + t
              + "\",\"time-modified\":\"" + t + "\"}";
    }
  }

  /** Items strictly after {@code after}, oldest first, like the hub's after-mode. */
  private byte[] changesAfter(Instant after, int size) {
    int lo = 0;
    int hi = changeTimes.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (changeTimes[mid].isAfter(after)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    int end = Math.min(changeTimes.length, lo + Math.min(size, 250));
    if (size <= 0 || lo >= end) {
      return "{\"links\":{},\"data\":[]}".getBytes(StandardCharsets.UTF_8);
    }
    StringBuilder sb = new StringBuilder(450 * (end - lo))
        .append("{\"links\":{\"next\":\"http://hub/changes/steps?page[size]=")
        .append(size)
        .append("&page[after]=")
        .append(changeTimes[end - 1])
        .append("\",\"prev\":\"http://hub/changes/steps\"},\"data\":[");
    for (int i = lo; i < end; i++) {
      sb.append(i == lo ? "" : ",").append(changeItems[i]);
    }
    return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
