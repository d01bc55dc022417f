package io.biggerfleet.pantahub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.TrailState;
import io.biggerfleet.spi.StepMarker;
import io.biggerfleet.spi.StepRequest;
import io.biggerfleet.spi.TrailStep;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * The client sizes its concurrency from the hub's answers: posts slow down on 429/503, wait out
 * {@code Retry-After}, and a refused post is sent again while an unknown one is looked up first.
 */
class AdaptiveConcurrencyTest extends HubTestSupport {
  private final DeviceId dev = DeviceId.of(DEV, REGISTRY);
  private final StepMarker marker = StepMarker.of("ROLLOUT5", 1, 1);
  private final StepRequest request =
      new StepRequest(TrailState.of(Map.of("#spec", "pantavisor-service-system@1")), "m", marker);

  @Test
  void newClient_postsFourAtOnce_whateverItsMaximum() {
    assertThat(client().trails().postConcurrency()).isEqualTo(4);
    assertThat(clientBuilder()
            .token(token)
            .maxConcurrentRequests(2)
            .build()
            .trails()
            .postConcurrency())
        .isEqualTo(2);
  }

  @Test
  void post_refusedWith429_waitsRetryAfter_postsAgainWithoutALookup_andHalvesConcurrency()
      throws Exception {
    server.enqueue(
        new MockResponse.Builder().code(429).setHeader("Retry-After", "2").build());
    enqueue(step(
        DEV,
        8,
        "NEW",
        "'meta':{'bf-rollout':'ROLLOUT5','bf-step':'1','bf-attempt':'1'}".replace('\'', '"')));
    PantahubClient client = client();

    TrailStep posted = client.trails().post(dev, request);

    assertThat(posted.rev()).isEqualTo(8);
    assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
    RecordedRequest first = take();
    RecordedRequest second = take();
    assertThat(List.of(
            first.getMethod() + " " + first.getTarget(),
            second.getMethod() + " " + second.getTarget()))
        .as("a 429 was never processed: posted again, no look-up by marker in between")
        .containsExactly("POST /trails/" + DEV + "/steps", "POST /trails/" + DEV + "/steps");
    assertThat(body(second)).isEqualTo(body(first));
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(client.trails().postConcurrency()).as("halved from 4").isEqualTo(2);
  }

  @Test
  void post_answered503_looksUpTheMarkerBeforePostingAgain_andHalvesConcurrency() throws Exception {
    server.enqueue(
        new MockResponse.Builder().code(503).setHeader("Retry-After", "1").build());
    enqueue("[]"); // look-up by marker: nothing stored
    enqueue(step(DEV, 8, "NEW", ""));
    PantahubClient client = client();

    assertThat(client.trails().post(dev, request).rev()).isEqualTo(8);

    assertThat(sleeps)
        .as("Retry-After waited before the look-up, then the post's own backoff")
        .hasSize(2);
    assertThat(sleeps.get(0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(take().getMethod()).isEqualTo("POST");
    RecordedRequest lookup = take();
    assertThat(lookup.getMethod()).isEqualTo("GET");
    assertThat(lookup.getTarget()).startsWith("/trails/" + DEV + "/steps?progress.status=");
    assertThat(take().getMethod()).isEqualTo("POST");
    assertThat(client.trails().postConcurrency()).isEqualTo(2);
  }

  @Test
  void retryAfter_isWaitedOnce_andTheNextCallGoesStraightThrough() throws Exception {
    server.enqueue(
        new MockResponse.Builder().code(429).setHeader("Retry-After", "5").build());
    enqueue("[]");
    enqueue("[]");
    PantahubClient client = client();
    client
        .devices()
        .list(
            DeviceFilter.all()); // waits 5 s (the recording sleeper moves the clock), then retries
    client.devices().list(DeviceFilter.all());

    assertThat(sleeps).containsExactly(Duration.ofSeconds(5));
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(take().getTarget()).isEqualTo(take().getTarget());
  }

  @Test
  void retryAfter_longerThanThePolicyAllows_failsTheCall_butDoesNotHoldBackOthers() {
    server.enqueue(
        new MockResponse.Builder().code(429).setHeader("Retry-After", "3600").build());
    enqueue("[]");
    PantahubClient client = client();
    assertThatThrownBy(() -> client.devices().list(DeviceFilter.all()))
        .isInstanceOf(PantahubRateLimitedException.class);

    assertThat(client.devices().list(DeviceFilter.all())).isEmpty();
    assertThat(sleeps).isEmpty();
  }

  @Test
  void postAll_afterClose_isRefusedWithAClearMessage() {
    enqueue(step(DEV, 8, "NEW", ""));
    PantahubClient client = client();
    client.close();
    DeviceId other = DeviceId.of(DEV2, REGISTRY);
    assertThatThrownBy(() -> client.trails().postAll(Map.of(dev, request, other, request)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("client is closed");
  }
}
