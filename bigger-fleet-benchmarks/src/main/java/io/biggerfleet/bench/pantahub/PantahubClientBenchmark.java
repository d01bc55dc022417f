package io.biggerfleet.bench.pantahub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.TrailState;
import io.biggerfleet.pantahub.AccessToken;
import io.biggerfleet.pantahub.PantahubClient;
import io.biggerfleet.pantahub.PostOutcome;
import io.biggerfleet.spi.ProgressPage;
import io.biggerfleet.spi.RegistryDevice;
import io.biggerfleet.spi.StepMarker;
import io.biggerfleet.spi.StepRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The Pantahub client against a canned loopback hub ({@link CannedHub}): list 100,000 devices, post
 * 10,000 steps, drain a changes feed of 100,000 progress updates. Each workload has a same-run
 * baseline: posts with bounded concurrency ({@code postAll}, 16 in flight) vs a plain sequential loop
 * of {@code post}; listing and draining via the client vs a plain loop of raw {@code HttpClient} +
 * Jackson tree parsing (no mapping), i.e. the client's overhead over the bare minimum.
 *
 * <p>Run: {@code java -jar bigger-fleet-benchmarks/target/benchmarks.jar 'bench.pantahub' -f 1 -wi 1 -w 2s -i 3 -r 2s}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx3g"})
public class PantahubClientBenchmark {
  static final String REGISTRY = "bench.pantahub.local";
  static final ObjectMapper JSON = new ObjectMapper();

  static PantahubClient client(CannedHub hub, int concurrency) {
    return PantahubClient.builder()
        .baseUri(hub.baseUri())
        .registryName(REGISTRY)
        .token(AccessToken.of("bench-token"))
        .maxConcurrentRequests(concurrency)
        .build();
  }

  static HttpClient plainHttp() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  static JsonNode plainGet(HttpClient http, String url) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Bearer bench-token")
        .header("User-Agent", "bench")
        .GET()
        .build();
    return JSON.readTree(http.send(req, HttpResponse.BodyHandlers.ofByteArray()).body());
  }

  /** 100,000 devices plus their trail summaries. */
  @State(Scope.Benchmark)
  public static class Devices {
    CannedHub hub;
    PantahubClient client;
    HttpClient http;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      hub = new CannedHub(100_000, 0);
      client = client(hub, 16);
      http = plainHttp();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      hub.close();
    }
  }

  @Benchmark
  public long list100kDevices_client(Devices s) {
    try (Stream<RegistryDevice> d = s.client.devices().devices()) {
      return d.count();
    }
  }

  @Benchmark
  public long list100kDevices_plainLoop(Devices s) throws Exception {
    JsonNode summaries = plainGet(s.http, s.hub.baseUri() + "/trails/summary");
    JsonNode devices = plainGet(s.http, s.hub.baseUri() + "/devices/");
    return summaries.size() + devices.size();
  }

  /** 10,000 step posts; {@code latencyMicros} of service time per post on the hub. */
  @State(Scope.Benchmark)
  public static class Posts {
    @Param({"0", "1000"})
    public long latencyMicros;

    CannedHub hub;
    PantahubClient client;
    Map<DeviceId, StepRequest> requests;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      hub = new CannedHub(1, 0);
      hub.postLatency(latencyMicros);
      client = client(hub, 16);
      TrailState state = TrailState.of(Map.of(
          "#spec",
          "pantavisor-service-system@1",
          "bsp/kernel.img",
          "5be7" + "0".repeat(60),
          "bsp/run.json",
          "{\"linux\":\"kernel.img\"}"));
      StepRequest req = new StepRequest(state, "bench", StepMarker.of("BENCH", 1, 1));
      requests = new LinkedHashMap<>();
      for (int i = 0; i < 10_000; i++) {
        requests.put(DeviceId.of(CannedHub.hex(i), REGISTRY), req);
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      hub.close();
    }
  }

  @Benchmark
  public long post10kSteps_boundedConcurrent16(Posts s) {
    List<PostOutcome> out = s.client.trails().postAll(s.requests);
    return out.stream().filter(PostOutcome::succeeded).count();
  }

  @Benchmark
  public long post10kSteps_sequentialLoop(Posts s) {
    long n = 0;
    for (Map.Entry<DeviceId, StepRequest> e : s.requests.entrySet()) {
      n += s.client.trails().post(e.getKey(), e.getValue()).rev() > 0 ? 1 : 0;
    }
    return n;
  }

  /** A changes feed of 100,000 progress updates in pages of 250. */
  @State(Scope.Benchmark)
  public static class Changes {
    CannedHub hub;
    PantahubClient client;
    HttpClient http;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      hub = new CannedHub(1000, 100_000);
      client = client(hub, 16);
      http = plainHttp();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      hub.close();
    }
  }

  @Benchmark
  public long drain100kChanges_client(Changes s) {
    long n = 0;
    String cursor = null;
    while (true) {
      ProgressPage p = s.client.trails().progressSince(cursor, 250);
      if (p.steps().isEmpty()) {
        return n;
      }
      n += p.steps().size();
      cursor = p.nextCursor();
    }
  }

  @Benchmark
  public long drain100kChanges_plainLoop(Changes s) throws Exception {
    long n = 0;
    String after = "1970-01-01T00:00:00Z";
    while (true) {
      JsonNode page = plainGet(
          s.http,
          s.hub.baseUri() + "/changes/steps?page%5Bsize%5D=250&page%5Bafter%5D="
              + URLEncoder.encode(after, StandardCharsets.UTF_8));
      JsonNode data = page.get("data");
      if (data == null || data.size() == 0) {
        return n;
      }
      n += data.size();
      String next = page.path("links").path("next").asText();
      after = URLDecoder.decode(
          next.substring(next.indexOf("page[after]=") + "page[after]=".length()),
          StandardCharsets.UTF_8);
    }
  }
}
