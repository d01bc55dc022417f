package io.biggerfleet.pantahub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.biggerfleet.InvalidInputException;
import io.biggerfleet.device.DeviceId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class ObjectsAndLogsTest extends HubTestSupport {

  @Test
  void objectExists_isTrueFor200_andFalseFor403() throws Exception {
    enqueue(q(
        "{'id':'" + SHA + "','sha256sum':'" + SHA + "','objectname':'k','size':'3','sizeint':3}"));
    enqueue(403, q("{'error':'REST-ERR-ID-1','code':403}"));
    assertThat(client().trails().objectExists(SHA)).isTrue();
    assertThat(client().trails().objectExists(SHA)).isFalse();
    assertThat(take().getTarget()).isEqualTo("/objects/" + SHA);
  }

  @Test
  void objectExists_withMalformedSha_isRefused() {
    assertThatThrownBy(() -> client().trails().objectExists("XYZ"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'XYZ'")
        .hasMessageContaining("64");
  }

  @Test
  void upload_createsObject_thenPutsBytesToSignedUrlWithoutToken() throws Exception {
    byte[] bytes = "kernel".getBytes(StandardCharsets.UTF_8);
    String sha = PantahubObjects.sha256(bytes);
    try (MockWebServer storage = new MockWebServer()) {
      storage.start();
      storage.enqueue(new MockResponse.Builder().code(200).build());
      String signed = storage.url("/local-s3/eyJsignedsecret").toString();
      enqueue(q("{'id':'" + sha + "','sha256sum':'" + sha + "','signed-puturl':'" + signed + "'}"));
      assertThat(client().objects().upload("bsp/kernel.img", bytes, null)).isTrue();

      RecordedRequest create = take();
      assertThat(create.getMethod() + " " + create.getTarget()).isEqualTo("POST /objects/");
      JsonNode b = new ObjectMapper().readTree(body(create));
      assertThat(b.get("objectname").asText()).isEqualTo("bsp/kernel.img");
      assertThat(b.get("sha256sum").asText()).isEqualTo(sha);
      assertThat(b.get("size").isTextual()).as("size is a decimal string").isTrue();
      assertThat(b.get("size").asText()).isEqualTo("6");
      assertThat(b.get("mime-type").asText()).isEqualTo("application/octet-stream");
      RecordedRequest put = storage.takeRequest();
      assertThat(put.getMethod()).isEqualTo("PUT");
      assertThat(put.getHeaders().get("Authorization"))
          .as("token never sent to the storage host")
          .isNull();
      assertThat(body(put)).isEqualTo("kernel");
    }
  }

  @Test
  void upload_when409_treatsAsAlreadyThere_andSkipsUpload() {
    enqueue(409, q("{'id':'x','sha256sum':'x'}"));
    assertThat(client().objects().upload("k", new byte[] {1}, "application/octet-stream"))
        .isFalse();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void errorLog_asksForErrorLinesOfTheRevision() throws Exception {
    enqueue(
        q("{'start':0,'page':2,'count':2,'entries':[{'dev':'prn:::devices:/" + DEV + "','rev':'8',"
            + "'src':'pantavisor.log','lvl':'ERROR','msg':'segmentation fault','tsec':1714651290,'tnano':5},"
            + "{'rev':'8','lvl':'ERROR','msg':'rollback','tsec':1714651291,'tnano':0}]}"));
    List<String> lines = client().trails().errorLog(DeviceId.of(DEV, REGISTRY), 8, 2);
    assertThat(lines).containsExactly("segmentation fault", "rollback");
    RecordedRequest r = take();
    assertThat(r.getUrl().encodedPath()).isEqualTo("/logs/");
    assertThat(r.getUrl().queryParameter("dev")).isEqualTo(DEV);
    assertThat(r.getUrl().queryParameter("rev")).isEqualTo("8");
    assertThat(r.getUrl().queryParameter("lvl")).isEqualTo("ERROR");
    assertThat(r.getUrl().queryParameter("page")).isEqualTo("2");
  }

  @Test
  void logEntries_carryTimeLevelAndSource() {
    enqueue(
        q(
            "{'entries':[{'rev':'8','src':'pantavisor.log','lvl':'WARN','msg':'m','tsec':1714651290,'tnano':5}]}"));
    LogEntry e =
        client().logs().entries(DeviceId.of(DEV, REGISTRY), 8, List.of(), 10).get(0);
    assertThat(e.time()).isEqualTo(Instant.ofEpochSecond(1714651290, 5));
    assertThat(e.level()).isEqualTo("WARN");
    assertThat(e.source()).isEqualTo("pantavisor.log");
  }
}
