package io.biggerfleet.pantahub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.TrailState;
import io.biggerfleet.spi.StepMarker;
import io.biggerfleet.spi.StepRequest;
import io.biggerfleet.spi.TrailStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

/** Retries, timeouts, dropped connections, malformed bodies and the never-blindly-retried step post. */
class FaultsTest extends HubTestSupport {
  private final DeviceId dev = DeviceId.of(DEV, REGISTRY);
  private final StepMarker marker = StepMarker.of("ROLLOUT5", 1, 1);
  private final StepRequest request =
      new StepRequest(TrailState.of(Map.of("#spec", "pantavisor-service-system@1")), "m", marker);
  private static final String WITH_MARKER =
      q("'meta':{'bf-rollout':'ROLLOUT5','bf-step':'1','bf-attempt':'1'}");

  @Test
  void get_after503and502_succeedsOnThirdAttempt_withJitteredBackoff() {
    enqueue(503, "");
    enqueue(502, "");
    enqueue("[]");
    assertThat(client().devices().list(DeviceFilter.all())).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(sleeps).hasSize(2);
    assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
    assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void get_whenEvery504_givesUpAfterPolicyAttempts_withTypedError() {
    for (int i = 0; i < 3; i++) {
      enqueue(504, "");
    }
    assertThatThrownBy(() -> client().devices().list(DeviceFilter.all()))
        .isInstanceOfSatisfying(PantahubException.class, e -> {
          assertThat(e.status()).isEqualTo(504);
          assertThat(e.getMessage()).contains("GET /devices/").contains("after 3 attempts");
        });
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void get_after429_waitsExactlyRetryAfter() {
    server.enqueue(
        new MockResponse.Builder().code(429).setHeader("Retry-After", "3").build());
    enqueue("[]");
    client().devices().list(DeviceFilter.all());
    assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void get_when429RetryAfterExceedsPolicy_throwsRateLimitedWithRetryAfter() {
    server.enqueue(new MockResponse.Builder()
        .code(429)
        .setHeader("Retry-After", "3600")
        .body("{\"error\":\"REST-ERR-ID-5\",\"code\":429}")
        .build());
    assertThatThrownBy(() -> client().devices().list(DeviceFilter.all()))
        .isInstanceOfSatisfying(
            PantahubRateLimitedException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofHours(1)));
    assertThat(sleeps).isEmpty();
  }

  @Test
  void get_whenServerErrors500_isNotRetried_andCarriesServerErrorId() {
    enqueue(500, q("{'error':'REST-ERR-ID-1714650123456789012','code':500}"));
    assertThatThrownBy(() -> client().trails().summaries())
        .isInstanceOfSatisfying(PantahubException.class, e -> {
          assertThat(e.status()).isEqualTo(500);
          assertThat(e.errorId()).contains("REST-ERR-ID-1714650123456789012");
          assertThat(e.getMessage())
              .contains("GET /trails/summary")
              .contains("REST-ERR-ID-1714650123456789012");
        });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void get_whenResponseIsSlowerThanTimeout_retriesAndSucceeds() {
    server.enqueue(new MockResponse.Builder()
        .code(200)
        .body("[]")
        .headersDelay(3, TimeUnit.SECONDS)
        .build());
    enqueue("[{\"id\":\"" + DEV + "\",\"nick\":\"n\"}]");
    PantahubClient c =
        clientBuilder().token(token).requestTimeout(Duration.ofMillis(300)).build();
    assertThat(c.devices().list(DeviceFilter.all())).hasSize(1);
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(sleeps).hasSize(1);
  }

  @Test
  void get_whenConnectionDrops_retriesAndSucceeds() {
    server.enqueue(new MockResponse.Builder()
        .onResponseStart(new SocketEffect.CloseSocket())
        .build());
    enqueue("[]");
    assertThat(client().devices().list(DeviceFilter.all())).isEmpty();
    // the JDK client may replay an idempotent GET on a dropped connection itself; either way: 2
    // requests
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void get_whenNothingListens_failsWithTransportErrorAfterRetries() {
    String base = baseUri();
    server.close();
    PantahubClient c = clientBuilder().baseUri(base).token(token).build();
    assertThatThrownBy(() -> c.devices().list(DeviceFilter.all()))
        .isInstanceOfSatisfying(PantahubTransportException.class, e -> {
          assertThat(e.status()).isZero();
          assertThat(e.getMessage()).contains("GET /devices/").contains("cannot connect");
        });
    assertThat(sleeps).hasSize(2);
  }

  @Test
  void get_whenJsonIsTruncated_failsNamingTheEndpoint() {
    enqueue("[{\"id\":\"" + DEV + "\",\"nick\":");
    assertThatThrownBy(() -> client().devices().list(DeviceFilter.all()))
        .isInstanceOf(PantahubException.class)
        .hasMessageContaining("GET /devices/ returned malformed JSON");
  }

  @Test
  void get_whenJsonHasUnexpectedShape_failsNamingEndpointAndField() {
    enqueue(q("{'links':{},'data':[{'id':'x-1','trail-id':'" + DEV + "','rev':'seven'}]}"));
    assertThatThrownBy(() -> client().trails().progressSince(null, 10))
        .isInstanceOf(PantahubException.class)
        .hasMessageContaining("GET /changes/steps")
        .hasMessageContaining("'rev'");
  }

  @Test
  void post_whenAnswer503_findsNoStepByMarker_postsAgainOnce() throws Exception {
    enqueue(503, "");
    enqueue("[" + step(DEV, 0, "DONE", "") + "]");
    enqueue(step(DEV, 1, "NEW", WITH_MARKER));
    TrailStep s = client().trails().post(dev, request);
    assertThat(s.rev()).isEqualTo(1);
    List<String> calls = calls(3);
    assertThat(calls)
        .containsExactly(
            "POST /trails/" + DEV + "/steps",
            "GET /trails/" + DEV + "/steps",
            "POST /trails/" + DEV + "/steps");
  }

  @Test
  void post_whenResponseTimesOut_butStepWasStored_returnsItWithoutPostingAgain() throws Exception {
    server.enqueue(new MockResponse.Builder()
        .code(200)
        .body(step(DEV, 1, "NEW", WITH_MARKER))
        .headersDelay(3, TimeUnit.SECONDS)
        .build());
    enqueue("[" + step(DEV, 0, "DONE", "") + "," + step(DEV, 1, "NEW", WITH_MARKER) + "]");
    enqueue(
        step(DEV, 1, "NEW", WITH_MARKER + q(",'state':{'#spec':'pantavisor-service-system@1'}")));
    PantahubClient c =
        clientBuilder().token(token).requestTimeout(Duration.ofMillis(300)).build();
    TrailStep s = c.trails().post(dev, request);
    assertThat(s.rev()).isEqualTo(1);
    assertThat(s.state()).isPresent();
    List<String> calls = calls(3);
    assertThat(calls)
        .filteredOn(x -> x.startsWith("POST"))
        .as("no duplicate step posted")
        .hasSize(1);
    assertThat(calls.get(1)).isEqualTo("GET /trails/" + DEV + "/steps");
  }

  @Test
  void post_whenConnectionDropsEveryTime_andNoStepStored_givesUpAfterPolicyAttempts()
      throws Exception {
    // Every POST is read in full and its connection dropped before the answer (the reply is lost,
    // so
    // the outcome is unknown); every look-up by marker finds nothing. A dispatcher, not a queue:
    // which
    // request arrives next must not depend on how the client's connections race.
    server.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        if ("POST".equals(r.getMethod())) {
          return new MockResponse.Builder()
              .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
              .build();
        }
        return new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/json")
            .body("[]")
            .build();
      }
    });
    assertThatThrownBy(() -> client().trails().post(dev, request))
        .isInstanceOf(PantahubException.class)
        .hasMessageContaining("no step with marker ROLLOUT5/step 1/attempt 1 was stored")
        .hasMessageContaining("3 attempts");
    assertThat(calls(6)).filteredOn(x -> x.startsWith("POST")).hasSize(3);
  }

  @Test
  void call_after401MidSession_refreshesOnceAndReplays() throws Exception {
    AccessToken fresh = jwt(clock.instant().plus(Duration.ofHours(1)), "user-token-2");
    enqueue(401, q("{'Error':'Not Authorized'}"));
    enqueue("{\"token\":\"" + fresh.value() + "\"}");
    enqueue("[]");
    assertThat(client().devices().list(DeviceFilter.all())).isEmpty();
    RecordedRequest first = take();
    assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer " + token.value());
    RecordedRequest refresh = take();
    assertThat(refresh.getMethod() + " " + refresh.getTarget()).isEqualTo("GET /auth/login");
    assertThat(refresh.getHeaders().get("Authorization")).isEqualTo("Bearer " + token.value());
    RecordedRequest replay = take();
    assertThat(replay.getTarget()).isEqualTo("/devices/");
    assertThat(replay.getHeaders().get("Authorization")).isEqualTo("Bearer " + fresh.value());
  }

  @Test
  void call_when401PersistsAfterRefresh_throwsUnauthorized() {
    AccessToken fresh = jwt(clock.instant().plus(Duration.ofHours(1)), "user-token-2");
    enqueue(401, q("{'Error':'Not Authorized'}"));
    enqueue("{\"token\":\"" + fresh.value() + "\"}");
    enqueue(401, q("{'Error':'Not Authorized'}"));
    assertThatThrownBy(() -> client().devices().list(DeviceFilter.all()))
        .isInstanceOfSatisfying(
            PantahubUnauthorizedException.class, e -> assertThat(e.status()).isEqualTo(401));
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void call_whenRefreshIsRefusedAndNoCredentials_throwsUnauthorized() {
    enqueue(401, q("{'Error':'Not Authorized'}"));
    enqueue(401, q("{'Error':'Not Authorized'}"));
    assertThatThrownBy(() -> client().devices().list(DeviceFilter.all()))
        .isInstanceOf(PantahubUnauthorizedException.class)
        .hasMessageContaining("log in again");
  }

  @Test
  void call_when403InsufficientScope_saysSo() {
    server.enqueue(new MockResponse.Builder()
        .code(403)
        .setHeader(
            "WWW-Authenticate", "Bearer realm=\"pantahub services\", error=\"insufficient_scope\"")
        .body("{\"error\":\"REST-ERR-ID-7\",\"code\":403}")
        .build());
    assertThatThrownBy(() -> client().trails().summaries())
        .isInstanceOfSatisfying(
            PantahubForbiddenException.class,
            e -> assertThat(e.insufficientScope()).isTrue());
  }

  @Test
  void call_when404RouterBody_isNotFound() {
    enqueue(404, q("{'Error':'Resource not found'}"));
    assertThatThrownBy(() -> client().auth().status())
        .isInstanceOf(PantahubNotFoundException.class)
        .hasMessageContaining("Resource not found");
  }

  @Test
  void concurrency_isBoundedByMaxConcurrentRequests() throws Exception {
    java.util.concurrent.atomic.AtomicInteger inFlight =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger peak =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
    server.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) throws InterruptedException {
        int now = inFlight.incrementAndGet();
        peak.accumulateAndGet(now, Math::max);
        gate.await(50, TimeUnit.MILLISECONDS);
        inFlight.decrementAndGet();
        return new MockResponse.Builder()
            .code(200)
            .body(step(r.getTarget().substring(8, 32), 1, "NEW", ""))
            .build();
      }
    });
    PantahubClient c = clientBuilder().token(token).maxConcurrentRequests(3).build();
    Map<DeviceId, StepRequest> reqs = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 20; i++) {
      reqs.put(DeviceId.of(String.format("%024x", i + 1), REGISTRY), request);
    }
    List<PostOutcome> out = c.trails().postAll(reqs);
    assertThat(out).allMatch(PostOutcome::succeeded);
    assertThat(peak.get()).isBetween(1, 3);
  }

  private List<String> calls(int n) throws InterruptedException {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      RecordedRequest r = take();
      out.add(r.getMethod() + " " + r.getUrl().encodedPath());
    }
    return out;
  }
}
