package io.biggerfleet.pantahub;

import io.biggerfleet.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** One MockWebServer per test, a manual clock, a recording sleeper and helpers for Pantahub answers. */
abstract class HubTestSupport {
  static final String DEV = "6634f0c2a7b1e4001f3c9a51";
  static final String DEV2 = "6634f0c2a7b1e4001f3c9a52";
  static final String REGISTRY = "sim.pantahub.local";
  static final String SHA = "5be7" + "0".repeat(60);

  MockWebServer server;
  ManualClock clock;
  final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
  final Sleeper recordingSleeper = d -> {
    sleeps.add(d);
    clock.advance(d);
  };
  AccessToken token;

  @BeforeEach
  void startServer() throws Exception {
    server = new MockWebServer();
    server.start();
    clock = ManualClock.at("2024-05-06T17:00:00Z");
    token = jwt(clock.instant().plus(Duration.ofHours(1)), "user-token-1");
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  String baseUri() {
    String s = server.url("/").toString();
    return s.substring(0, s.length() - 1);
  }

  PantahubClient.Builder clientBuilder() {
    return PantahubClient.builder()
        .baseUri(baseUri())
        .registryName(REGISTRY)
        .userAgent("fleet-test/1.0")
        .clock(clock)
        .sleeper(recordingSleeper)
        .requestTimeout(Duration.ofSeconds(5))
        .retryPolicy(RetryPolicy.builder()
            .maxAttempts(3)
            .baseDelay(Duration.ofMillis(100))
            .maxDelay(Duration.ofSeconds(2))
            .build());
  }

  PantahubClient client() {
    return clientBuilder().token(token).build();
  }

  /** An unsigned JWT with {@code exp}; {@code marker} makes tokens distinguishable. */
  static AccessToken jwt(Instant exp, String marker) {
    Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
    String header =
        enc.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String payload = enc.encodeToString(("{\"exp\":" + exp.getEpochSecond()
            + ",\"id\":\"alice\",\"m\":\"" + marker + "\",\"type\":\"USER\"}")
        .getBytes(StandardCharsets.UTF_8));
    return AccessToken.of(
        header + "." + payload + ".c2lnbmF0dXJl" + marker.replaceAll("[^A-Za-z0-9]", ""));
  }

  void enqueue(int code, String body) {
    server.enqueue(new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build());
  }

  void enqueue(String body) {
    enqueue(200, body);
  }

  RecordedRequest take() throws InterruptedException {
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("expected a request, none arrived");
    }
    return r;
  }

  static String body(RecordedRequest r) {
    return r.getBody() == null ? "" : r.getBody().utf8();
  }

  static String q(String json) {
    return json.replace('\'', '"');
  }

  static String step(String dev, int rev, String status, String extra) {
    return q("{'id':'" + dev + "-" + rev + "','trail-id':'" + dev + "','rev':" + rev
        + ",'commit-msg':'msg " + rev
        + "','progress':{'progress':0,'status':'" + status + "','status-msg':'','log':''},"
        + "'step-time':'2024-05-06T16:58:00.101Z','progress-time':'1970-01-01T00:00:00Z'"
        + (extra.isEmpty() ? "" : "," + extra) + "}");
  }
}
