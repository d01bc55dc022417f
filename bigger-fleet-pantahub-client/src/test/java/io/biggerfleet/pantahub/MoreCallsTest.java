package io.biggerfleet.pantahub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.device.DeviceId;
import java.time.Duration;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** The remaining calls: one summary, device-meta, single-status steps, current token, logout, builder checks. */
class MoreCallsTest extends HubTestSupport {
  private final DeviceId dev = DeviceId.of(DEV, REGISTRY);

  @Test
  void summary_ofOneDevice_andEmptyWhenHubAnswers403() throws Exception {
    enqueue(q("{'deviceid':'" + DEV
        + "','device-nick':'gw','revision':3,'progress-revision':3,'status':'DONE',"
        + "'timestamp':'2024-05-06T17:05:02Z'}"));
    enqueue(403, q("{'error':'REST-ERR-ID-1','code':403}"));
    assertThat(client().trails().summary(dev).orElseThrow().revision()).isEqualTo(3);
    assertThat(client().trails().summary(dev)).isEmpty();
    assertThat(take().getTarget()).isEqualTo("/trails/" + DEV + "/summary");
  }

  @Test
  void deviceMeta_readsDeviceMetaOfTheDevice() throws Exception {
    enqueue(q("{'id':'" + DEV
        + "','device-meta':{'pantavisor\uFF2Earch':'arm','sysinfo':{'uptime':5}}}"));
    assertThat(client().devices().deviceMeta(dev))
        .containsEntry("pantavisor.arch", "arm")
        .containsEntry("sysinfo", "{\"uptime\":5}");
    assertThat(take().getTarget()).isEqualTo("/devices/" + DEV);
  }

  @Test
  void steps_withOneStatus_sendsPlainEquality() throws Exception {
    enqueue("[" + step(DEV, 4, "QUEUED", "") + "]");
    assertThat(client().trails().steps(dev, List.of("QUEUED")))
        .extracting(s -> s.rev())
        .containsExactly(4);
    RecordedRequest r = take();
    assertThat(r.getUrl().queryParameter("progress.status")).isEqualTo("QUEUED");
  }

  @Test
  void currentToken_logsInWhenNeeded_andLogoutForgetsStoredToken() {
    AuthTest.MapStore store = new AuthTest.MapStore();
    enqueue("{\"token\":\"" + token.value() + "\"}");
    PantahubClient c =
        clientBuilder().login("alice", "pw".toCharArray()).tokenStore(store).build();
    assertThat(c.auth().currentToken()).isEqualTo(token);
    assertThat(store.tokens).containsKey(baseUri());
    c.auth().logout();
    assertThat(store.tokens).isEmpty();
  }

  @Test
  void currentToken_withoutAnyCredentials_isUnauthorized() {
    assertThatThrownBy(() -> clientBuilder().build().auth().currentToken())
        .isInstanceOf(PantahubUnauthorizedException.class)
        .hasMessageContaining("Not logged in");
  }

  @Test
  void registryName_defaultsToHostAndNonDefaultPort() {
    assertThat(PantahubClient.builder().build().registryName()).isEqualTo("api.pantahub.com");
    assertThat(PantahubClient.builder().baseUri("http://127.0.0.1:8080").build().registryName())
        .isEqualTo("127.0.0.1:8080");
    assertThat(PantahubClient.builder()
            .baseUri("https://Hub.Example.com:443/")
            .build()
            .registryName())
        .isEqualTo("hub.example.com");
  }

  @Test
  void builder_rejectsBadValuesWithClearMessages() {
    assertThatThrownBy(() -> PantahubClient.builder().baseUri("ftp://x"))
        .hasMessageContaining("http(s)");
    assertThatThrownBy(() -> PantahubClient.builder().baseUri("https://u:p@x"))
        .hasMessageContaining("user info")
        .hasMessageNotContaining("u:p");
    assertThatThrownBy(() -> PantahubClient.builder().maxConcurrentRequests(0))
        .hasMessageContaining("1..1024");
    assertThatThrownBy(() -> PantahubClient.builder().userAgent(" ")).hasMessageContaining("403");
    assertThatThrownBy(() -> PantahubClient.builder().requestTimeout(Duration.ZERO))
        .hasMessageContaining("positive");
  }

  @Test
  void newBuilder_makesAVariantWithTheSameConfiguration() throws Exception {
    PantahubClient base = client();
    PantahubClient variant = base.newBuilder().userAgent("other/2").build();
    enqueue("[]");
    variant.devices().list(DeviceFilter.all());
    RecordedRequest r = take();
    assertThat(r.getHeaders().get("User-Agent")).isEqualTo("other/2");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + token.value());
    assertThat(variant.registryName()).isEqualTo(base.registryName());
  }

  @Test
  void latest_whenHubHasNoPvrremote_usesHighestRevOfStepsList() throws Exception {
    enqueue(404, q("{'Error':'Resource not found'}"));
    enqueue("[" + step(DEV, 0, "DONE", "") + "," + step(DEV, 2, "NEW", "") + "]");
    enqueue(step(DEV, 2, "NEW", q("'state':{'#spec':'pantavisor-service-system@1'}")));
    assertThat(client().trails().latest(dev).rev()).isEqualTo(2);
    take();
    assertThat(take().getUrl().encodedPath()).isEqualTo("/trails/" + DEV + "/steps");
    assertThat(take().getTarget()).isEqualTo("/trails/" + DEV + "/steps/2");
  }
}
