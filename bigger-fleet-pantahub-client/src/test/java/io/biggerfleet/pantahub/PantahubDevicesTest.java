package io.biggerfleet.pantahub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.spi.RegistryDevice;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class PantahubDevicesTest extends HubTestSupport {
  private static final String DEVICES =
      q("[{'id':'" + DEV + "','prn':'prn:::devices:/" + DEV + "','nick':'gw-berlin-01',"
          + "'owner':'prn:::accounts:/5f1a9c3e8b2d4a0012345678','secret':'k3j9x0q2m7w1c5z','public':false,"
          + "'time-created':'2024-05-03T08:12:44.120Z','time-modified':'2024-05-06T17:02:10.551Z',"
          + "'user-meta':{'site':'berlin','rack\uFF2Erow':'7'},"
          + "'device-meta':{'pantavisor.arch':'aarch64/64/EL','pantavisor.revision':'7','pantahub.online':'true',"
          + "'interfaces':{'eth0':['10.0.0.2']},'storage':{'free':1024}},"
          + "'garbage':false,'mark_public_processed':false},"
          + "{'id':'" + DEV2
          + "','nick':'gw-hamburg-02','user-meta':{},'device-meta':{'pantahub.online':'false'}}]");
  private static final String SUMMARY = q(
      "[{'deviceid':'" + DEV + "','device':'prn:::devices:/" + DEV + "',"
          + "'device-nick':'gw-berlin-01','revision':8,'progress-revision':7,'progress':100,'public':false,"
          + "'state-sha':'4be1','status':'DONE','status-msg':'Update finished','timestamp':'2024-05-06T17:05:02Z',"
          + "'step-time':'2024-05-06T16:58:00Z','progress-time':'2024-05-06T17:01:40Z'},"
          + "{'deviceid':'" + DEV2
          + "','revision':3,'progress-revision':2,'status':'DONE','timestamp':'2024-05-01T00:00:00Z'}]");

  @Test
  void devices_joinsDeviceListWithTrailSummaries_andMapsMetaToAttributes() throws Exception {
    enqueue(SUMMARY);
    enqueue(DEVICES);
    List<RegistryDevice> devices;
    try (Stream<RegistryDevice> s = client().devices().devices()) {
      devices = s.collect(Collectors.toList());
    }

    RegistryDevice d = devices.get(0);
    assertThat(d.id()).isEqualTo(DeviceId.of(DEV, REGISTRY));
    assertThat(d.nick()).isEqualTo("gw-berlin-01");
    assertThat(d.online()).isTrue();
    assertThat(d.revision()).contains("7");
    assertThat(d.lastSeen()).contains(Instant.parse("2024-05-06T17:05:02Z"));
    assertThat(d.systemAttributes())
        .containsEntry("pantavisor.arch", "aarch64/64/EL")
        .containsEntry("interfaces", "{\"eth0\":[\"10.0.0.2\"]}")
        .containsEntry("storage", "{\"free\":1024}");
    assertThat(d.registryAttributes())
        .containsExactly(Map.entry("site", "berlin"), Map.entry("rack.row", "7"));
    RegistryDevice d2 = devices.get(1);
    assertThat(d2.online()).isFalse();
    assertThat(d2.revision())
        .as("no pantavisor.revision: falls back to summary progress-revision")
        .contains("2");

    RecordedRequest summary = take();
    assertThat(summary.getMethod()).isEqualTo("GET");
    assertThat(summary.getTarget()).isEqualTo("/trails/summary");
    RecordedRequest list = take();
    assertThat(list.getTarget())
        .as("no unknown params: they would filter everything out")
        .isEqualTo("/devices/");
    assertThat(list.getHeaders().get("Authorization")).isEqualTo("Bearer " + token.value());
    assertThat(list.getHeaders().get("User-Agent")).isEqualTo("fleet-test/1.0");
  }

  @Test
  void devices_whenSummaryIsForbidden_listsDevicesWithoutLastSeen() throws Exception {
    enqueue(403, q("{'error':'REST-ERR-ID-1','code':403}"));
    enqueue(DEVICES);
    List<RegistryDevice> devices = client().devices().devices().collect(Collectors.toList());
    assertThat(devices).hasSize(2);
    assertThat(devices.get(0).lastSeen()).isEmpty();
    assertThat(devices.get(0).revision()).contains("7");
  }

  @Test
  void list_sendsFilterAsQueryWithStoredFormOfDottedMetaKeys() throws Exception {
    enqueue("[]");
    DeviceFilter f = DeviceFilter.builder()
        .startsWith("nick", "gw-")
        .deviceMeta("pantavisor.arch", "arm64")
        .notEqualTo("user-meta.site", "berlin")
        .build();
    assertThat(client().devices().list(f)).isEmpty();
    RecordedRequest r = take();
    assertThat(r.getUrl().encodedPath()).isEqualTo("/devices/");
    assertThat(r.getUrl().queryParameter("nick")).isEqualTo("^gw-");
    assertThat(r.getUrl().queryParameter("device-meta.pantavisor\uFF2Earch")).isEqualTo("arm64");
    assertThat(r.getUrl().queryParameter("user-meta.site")).isEqualTo("!berlin");
    assertThat(r.getUrl().querySize()).isEqualTo(3);
  }

  @Test
  void startsWith_quotesRegexMetacharacters_soThePrefixMatchesLiterally() throws Exception {
    enqueue("[]");
    enqueue("[]");
    DeviceFilter f = DeviceFilter.builder().startsWith("nick", "gw.1+a(b)|c").build();
    assertThat(client().devices().list(f)).isEmpty();
    assertThat(client()
            .devices()
            .list(DeviceFilter.builder()
                .startsWith("user-meta.site", "^[x]{2}*?$\\")
                .build()))
        .isEmpty();

    RecordedRequest r = take();
    assertThat(r.getUrl().queryParameter("nick")).isEqualTo("^gw\\.1\\+a\\(b\\)\\|c");
    assertThat(r.getTarget())
        .as("sent percent-encoded")
        .isEqualTo("/devices/?nick=%5Egw%5C.1%5C%2Ba%5C%28b%5C%29%5C%7Cc");
    assertThat(take().getUrl().queryParameter("user-meta.site"))
        .isEqualTo("^\\^\\[x\\]\\{2\\}\\*\\?\\$\\\\");
  }

  @Test
  void filter_rejectsUnknownFieldsAndOperatorLikeValues() {
    assertThatThrownBy(() -> DeviceFilter.builder().equalTo("page", "1"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'page' is not supported");
    assertThatThrownBy(() -> DeviceFilter.builder().equalTo("nick", "!x"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("operator");
    assertThatThrownBy(() -> DeviceFilter.builder().equalTo("nick", "a").startsWith("nick", "b"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("twice");
  }

  @Test
  void device_readsOneDeviceAndItsSummary() throws Exception {
    enqueue(q("{'id':'" + DEV
        + "','nick':'gw-berlin-01','owner-nick':'alice','user-meta':{'site':'berlin'},"
        + "'device-meta':{'pantavisor.revision':'7'}}"));
    enqueue(SUMMARY.substring(1, SUMMARY.indexOf("},{") + 1));
    RegistryDevice d = client().devices().device(DeviceId.of(DEV, REGISTRY)).orElseThrow();
    assertThat(d.registryAttributes()).containsEntry("site", "berlin");
    assertThat(d.lastSeen()).contains(Instant.parse("2024-05-06T17:05:02Z"));
    assertThat(take().getTarget()).isEqualTo("/devices/" + DEV);
    assertThat(take().getTarget()).isEqualTo("/trails/" + DEV + "/summary");
  }

  @Test
  void device_whenHubSaysNotFound_isEmpty() {
    enqueue(404, q("{'Error':'Resource not found'}"));
    assertThat(client().devices().device(DeviceId.of(DEV, REGISTRY))).isEmpty();
  }

  @Test
  void device_ofAnotherRegistryOrANonPantahubId_isEmptyWithoutACall() {
    assertThat(client().devices().device(DeviceId.of(DEV, "api.pantahub.com"))).isEmpty();
    assertThat(client().devices().device(DeviceId.of("DEVICEID-1", REGISTRY))).isEmpty();
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void userMeta_ofAnotherRegistry_isRefusedWithoutACall() {
    assertThatThrownBy(() -> client().devices().userMeta(DeviceId.of(DEV, "api.pantahub.com")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("registry 'api.pantahub.com'")
        .hasMessageContaining(REGISTRY);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void patchUserMeta_sendsPatchWithJsonBody_andReturnsPatchedKeys() throws Exception {
    enqueue(q("{'site':'berlin','ring':'canary'}"));
    Map<String, String> out = client()
        .devices()
        .patchUserMeta(
            DeviceId.of(DEV, REGISTRY), new java.util.LinkedHashMap<>(Map.of("ring", "canary")));
    assertThat(out).containsEntry("ring", "canary");
    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("PATCH");
    assertThat(r.getTarget()).isEqualTo("/devices/" + DEV + "/user-meta");
    assertThat(r.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(body(r)).isEqualTo("{\"ring\":\"canary\"}");
  }

  @Test
  void replaceUserMeta_sendsPut_andUserMetaReadsTheMap() throws Exception {
    enqueue(q("{'a':'1'}"));
    enqueue(q("{'a':'1','n':5}"));
    DeviceId id = DeviceId.of(DEV, REGISTRY);
    client().devices().replaceUserMeta(id, Map.of("a", "1"));
    assertThat(client().devices().userMeta(id)).containsEntry("n", "5");
    RecordedRequest put = take();
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(body(put)).isEqualTo("{\"a\":\"1\"}");
    assertThat(take().getMethod()).isEqualTo("GET");
  }

  @Test
  void devices_whenListIsNotAnArray_failsNamingTheEndpoint() {
    enqueue("[]");
    enqueue(q("{'devices':[]}"));
    assertThatThrownBy(() -> client().devices().devices())
        .isInstanceOf(PantahubException.class)
        .hasMessageContaining("GET /devices/")
        .hasMessageContaining("array");
  }
}
