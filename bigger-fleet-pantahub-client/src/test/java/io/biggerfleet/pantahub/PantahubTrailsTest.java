package io.biggerfleet.pantahub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.biggerfleet.InvalidInputException;
import io.biggerfleet.NotFoundException;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.TrailState;
import io.biggerfleet.spi.ProgressStatus;
import io.biggerfleet.spi.StepMarker;
import io.biggerfleet.spi.StepRequest;
import io.biggerfleet.spi.TrailStep;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class PantahubTrailsTest extends HubTestSupport {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final DeviceId dev = DeviceId.of(DEV, REGISTRY);
  private final StepMarker marker = StepMarker.of("ROLLOUT5", 2, 1);
  private final String state = q("'state':{'#spec':'pantavisor-service-system@1','bsp/kernel.img':'"
      + SHA + "'," + "'bsp/run.json':{'initrd':'pantavisor','linux':'kernel.img','ratio':5.0E-1}}");

  @Test
  void latest_readsRevisionFromPvrremote_thenTheStepWithItsState() throws Exception {
    enqueue(q(
        "{'pvr-spec':'pvr-pantahub-1','json-key':'state','json-get-url':'https://elsewhere/trails/"
            + DEV + "/steps/7/state','step-get-url':'https://elsewhere/trails/" + DEV
            + "/steps/7'}"));
    enqueue(step(DEV, 7, "DONE", state));
    TrailStep s = client().trails().latest(dev);
    assertThat(s.rev()).isEqualTo(7);
    assertThat(s.progress().status()).isEqualTo(ProgressStatus.DONE);
    TrailState st = s.state().orElseThrow();
    assertThat(st.get("#spec")).isEqualTo("pantavisor-service-system@1");
    assertThat(st.get("bsp/kernel.img")).isEqualTo(SHA);
    assertThat(JSON.readTree(st.get("bsp/run.json")))
        .isEqualTo(
            JSON.readTree("{\"initrd\":\"pantavisor\",\"linux\":\"kernel.img\",\"ratio\":0.5}"));
    assertThat(s.postedAt()).contains(Instant.parse("2024-05-06T16:58:00.101Z"));
    assertThat(s.progress().reportedAt())
        .as("epoch progress-time = not reported yet")
        .isEmpty();
    assertThat(take().getTarget()).isEqualTo("/trails/" + DEV + "/.pvrremote");
    assertThat(take().getTarget())
        .as("server-built URLs are not followed; own base is used")
        .isEqualTo("/trails/" + DEV + "/steps/7");
  }

  @Test
  void liveness_readsTheRunningRevisionFromDeviceMeta_andLastSeenFromTheTrailSummary()
      throws Exception {
    enqueue(q("{'id':'" + DEV + "','nick':'n','device-meta':{'pantavisor.revision':'6'}}"));
    enqueue(
        q(
            "{'deviceid':'" + DEV
                + "','device-nick':'n','revision':7,'progress-revision':6,'progress':100,"
                + "'status':'DONE','status-msg':'','progress-time':'2024-05-06T17:00:00Z','timestamp':'2024-05-06T18:30:00Z'}"));

    var l = client().trails().liveness(dev).orElseThrow();

    assertThat(l.runningRev()).as("fell back from 7 to 6").isEqualTo(6);
    assertThat(l.lastSeen()).isEqualTo(Instant.parse("2024-05-06T18:30:00Z"));
    assertThat(take().getTarget()).isEqualTo("/devices/" + DEV);
    assertThat(take().getTarget()).isEqualTo("/trails/" + DEV + "/summary");
  }

  @Test
  void liveness_whenTheHubShowsNoSummary_isEmpty_andAnUnknownDeviceIsNotFound() {
    enqueue(q("{'id':'" + DEV + "','nick':'n','device-meta':{}}"));
    enqueue(403, q("{'Error':'forbidden'}"));
    assertThat(client().trails().liveness(dev)).isEmpty();

    enqueue(404, q("{'Error':'Resource not found'}"));
    assertThatThrownBy(() -> client().trails().liveness(dev)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void latest_whenTrailUnknown_hubAnswers500_andDeviceIsUnknown_throwsNotFound() {
    enqueue(500, q("{'error':'REST-ERR-ID-99','code':500}"));
    enqueue(404, q("{'Error':'Resource not found'}"));
    assertThatThrownBy(() -> client().trails().latest(dev))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(dev.toString());
  }

  @Test
  void post_sendsRevMinusOne_commitMessage_state_andMarkerInMeta() throws Exception {
    enqueue(step(
        DEV,
        8,
        "NEW",
        state + q(",'meta':{'bf-rollout':'ROLLOUT5','bf-step':'2','bf-attempt':'1'}")));
    TrailState st = TrailState.of(Map.of(
        "#spec",
        "pantavisor-service-system@1",
        "bsp/kernel.img",
        SHA,
        "bsp/run.json",
        "{\"linux\":\"kernel.img\"}"));
    TrailStep posted = client().trails().post(dev, new StepRequest(st, "update kernel", marker));

    assertThat(posted.rev()).isEqualTo(8);
    assertThat(posted.marker()).contains(marker);
    assertThat(posted.progress().status()).isEqualTo(ProgressStatus.NEW);
    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getTarget()).isEqualTo("/trails/" + DEV + "/steps");
    assertThat(r.getHeaders().get("Content-Type")).isEqualTo("application/json");
    JsonNode b = JSON.readTree(body(r));
    assertThat(b.get("rev").asInt()).isEqualTo(-1);
    assertThat(b.get("commit-msg").asText()).isEqualTo("update kernel");
    assertThat(b.get("state").get("bsp/run.json").isObject())
        .as(".json values are sent as JSON, not text")
        .isTrue();
    assertThat(b.get("state").get("bsp/kernel.img").asText()).isEqualTo(SHA);
    assertThat(b.get("meta"))
        .isEqualTo(JSON.readTree(q("{'bf-rollout':'ROLLOUT5','bf-step':'2','bf-attempt':'1'}")));
    assertThat(b.get("committer").asText()).isEqualTo("fleet-test/1.0");
  }

  @Test
  void post_whenJsonKeyHoldsInvalidJson_isRefusedBeforeAnyCall() {
    TrailState st =
        TrailState.of(Map.of("#spec", "pantavisor-service-system@1", "bsp/run.json", "{oops"));
    assertThatThrownBy(() -> client().trails().post(dev, new StepRequest(st, "m", marker)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("bsp/run.json");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void post_whenHubRejectsState_with500_isNotRetried() throws Exception {
    enqueue(500, q("{'error':'REST-ERR-ID-1714650123456789012','code':500}"));
    enqueue(q("{'id':'" + DEV + "'}")); // device exists
    TrailState st = TrailState.of(Map.of("#spec", "pantavisor-service-system@1"));
    assertThatThrownBy(() -> client().trails().post(dev, new StepRequest(st, "m", marker)))
        .isInstanceOfSatisfying(PantahubException.class, e -> {
          assertThat(e.status()).isEqualTo(500);
          assertThat(e.errorId()).contains("REST-ERR-ID-1714650123456789012");
          assertThat(e.method()).isEqualTo("POST");
          assertThat(e.path()).isEqualTo("/trails/" + DEV + "/steps");
        });
    assertThat(take().getMethod()).isEqualTo("POST");
    assertThat(take().getTarget()).isEqualTo("/devices/" + DEV);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void find_returnsNewestStepCarryingTheMarker_decodingStoredMetaKeys() throws Exception {
    String m = "'meta':{'bf-rollout':'ROLLOUT5','bf-step':'2','bf-attempt':'1','x\uFF2Ey':'1'}";
    enqueue("[" + step(DEV, 0, "DONE", "") + "," + step(DEV, 3, "ERROR", q(m)) + ","
        + step(DEV, 5, "NEW", q(m)) + ","
        + step(DEV, 6, "NEW", q("'meta':{'bf-rollout':'OTHER','bf-step':'2','bf-attempt':'1'}"))
        + "]");
    TrailStep s = client().trails().find(dev, marker).orElseThrow();
    assertThat(s.rev()).isEqualTo(5);
    RecordedRequest r = take();
    assertThat(r.getUrl().encodedPath()).isEqualTo("/trails/" + DEV + "/steps");
    assertThat(r.getUrl().queryParameter("progress.status")).isEqualTo("{\"$exists\":true}");
    assertThat(r.getUrl().queryParameter("fields")).isEqualTo("-state,-used_objects");
  }

  @Test
  void find_whenNoStepHasTheMarker_isEmpty() {
    enqueue("[" + step(DEV, 1, "DONE", "") + "]");
    assertThat(client().trails().find(dev, marker)).isEmpty();
  }

  @Test
  void steps_withSeveralStatuses_sendsInOperator() throws Exception {
    enqueue("[]");
    client().trails().steps(dev, List.of("DONE", "UPDATED"));
    assertThat(take().getUrl().queryParameter("progress.status"))
        .isEqualTo("{\"$in\":[\"DONE\",\"UPDATED\"]}");
  }

  @Test
  void cancel_whenStepIsNew_putsCancelAndReturnsTrue() throws Exception {
    enqueue(q("{'progress':100,'status':'CANCEL','status-msg':'Cancel as requested by owner'}"));
    assertThat(client().trails().cancel(dev, 8)).isTrue();
    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("PUT");
    assertThat(r.getTarget()).isEqualTo("/trails/" + DEV + "/steps/8/cancel");
    assertThat(r.getBodySize()).isZero();
  }

  @Test
  void cancel_whenAlreadyCancelled_isTrue_andWhenDeviceTookIt_isFalse() {
    enqueue(400, q("{'error':'REST-ERR-ID-1','code':400}"));
    enqueue(step(DEV, 8, "CANCEL", ""));
    assertThat(client().trails().cancel(dev, 8)).isTrue();
    enqueue(400, q("{'error':'REST-ERR-ID-2','code':400}"));
    enqueue(step(DEV, 8, "INPROGRESS", ""));
    assertThat(client().trails().cancel(dev, 8)).isFalse();
  }

  @Test
  void wontgo_putsWontgo() throws Exception {
    enqueue(q(
        "{'progress':100,'status':'WONTGO','status-msg':'Mark as WONTGO as requested by owner'}"));
    assertThat(client().trails().wontgo(dev, 8)).isTrue();
    assertThat(take().getTarget()).isEqualTo("/trails/" + DEV + "/steps/8/wontgo");
  }

  @Test
  void step_whenRevBeyondLatest_hubAnswers500_isEmpty() {
    enqueue(500, q("{'error':'REST-ERR-ID-3','code':500}"));
    enqueue(q("{'id':'" + DEV + "'}"));
    enqueue(q("{'step-get-url':'https://h/trails/" + DEV + "/steps/4'}"));
    assertThat(client().trails().step(dev, 9)).isEmpty();
  }

  @Test
  void summaries_parseTheDocumentedShape() throws Exception {
    enqueue(
        q(
            "[{'deviceid':'" + DEV
                + "','device-nick':'gw-berlin-01','revision':8,'progress-revision':7,"
                + "'progress':100,'state-sha':'4be1','status':'DONE','status-msg':'Update finished',"
                + "'timestamp':'2024-05-06T17:05:02Z','progress-time':'2024-05-06T17:01:40Z','real-ip':'203.0.113.7'}]"));
    TrailSummary s = client().trails().summaries().get(0);
    assertThat(s.device()).isEqualTo(dev);
    assertThat(s.revision()).isEqualTo(8);
    assertThat(s.progressRevision()).isEqualTo(7);
    assertThat(s.progress().status()).isEqualTo(ProgressStatus.DONE);
    assertThat(s.lastSeen()).contains(Instant.parse("2024-05-06T17:05:02Z"));
    assertThat(take().getTarget()).isEqualTo("/trails/summary");
  }

  @Test
  void stepObjects_listsObjectsWithTheirStateKeys() throws Exception {
    enqueue(q("[{'id':'" + SHA + "','sha256sum':'" + SHA
        + "','objectname':'bsp/kernel.img','size':'4194304',"
        + "'sizeint':4194304,'signed-geturl':'https://api.pantahub.com/local-s3/eyJsecret'}]"));
    List<PantahubObject> objs = client().trails().stepObjects(dev, 7);
    assertThat(objs).extracting(PantahubObject::name).containsExactly("bsp/kernel.img");
    assertThat(objs.get(0).size()).isEqualTo(4194304L);
    assertThat(objs.get(0).toString()).doesNotContain("eyJsecret");
    assertThat(take().getTarget()).isEqualTo("/trails/" + DEV + "/steps/7/objects");
  }

  @Test
  void postAll_postsEveryRequest_andReportsFailuresPerDevice() {
    DeviceId other = DeviceId.of(DEV2, REGISTRY);
    server.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public mockwebserver3.MockResponse dispatch(RecordedRequest r) {
        if (r.getTarget().startsWith("/trails/" + DEV2)) {
          return new mockwebserver3.MockResponse.Builder()
              .code(403)
              .body("{\"error\":\"REST-ERR-ID-4\",\"code\":403}")
              .build();
        }
        if (r.getTarget().startsWith("/devices/")) {
          return new mockwebserver3.MockResponse.Builder().code(200).body("{}").build();
        }
        return new mockwebserver3.MockResponse.Builder()
            .code(200)
            .body(step(DEV, 9, "NEW", ""))
            .build();
      }
    });
    TrailState st = TrailState.of(Map.of("#spec", "pantavisor-service-system@1"));
    Map<DeviceId, StepRequest> reqs = new java.util.LinkedHashMap<>();
    reqs.put(dev, new StepRequest(st, "m", marker));
    reqs.put(other, new StepRequest(st, "m", marker));
    List<PostOutcome> out = client().trails().postAll(reqs);
    assertThat(out.get(0).succeeded()).isTrue();
    assertThat(out.get(0).step().orElseThrow().rev()).isEqualTo(9);
    assertThat(out.get(1).succeeded()).isFalse();
    assertThat(out.get(1).error().orElseThrow()).isInstanceOf(PantahubForbiddenException.class);
  }
}
