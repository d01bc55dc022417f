package io.biggerfleet.pantahub.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Two users: what one may see and do with the other's devices and trails. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwnershipTest {
  private PantahubSimulator sim;
  private Http http;
  private String alice;
  private String bob;

  @BeforeAll
  void start() {
    Scenario s = Scenario.builder()
        .user("alice", "alice-pw")
        .user("bob", "bob-pw")
        .device(DeviceSpec.builder("gw-alice").owner("alice").build())
        .device(DeviceSpec.builder("gw-doomed").owner("alice").build())
        .device(DeviceSpec.builder("gw-bob").owner("bob").build())
        .build();
    sim = PantahubSimulator.builder().scenario(s).start();
    http = new Http(sim.baseUri());
    alice = login("alice", "alice-pw");
    bob = login("bob", "bob-pw");
  }

  @AfterAll
  void stop() {
    sim.close();
  }

  private String login(String user, String pw) {
    return http.post(
            "/auth/login", null, "{\"username\":\"" + user + "\",\"password\":\"" + pw + "\"}")
        .json()
        .get("token")
        .asText();
  }

  private String id(String nick) {
    return sim.device(nick).orElseThrow().id();
  }

  @Test
  void usersSeeOnlyTheirOwnDevices() {
    JsonNode list = http.get("/devices/", bob).json();
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("nick").asText()).isEqualTo("gw-bob");
    assertThat(http.get("/devices/" + id("gw-alice"), bob).status()).isEqualTo(403);
    assertThat(http.get("/devices/gw-alice", bob).status())
        .as("nicks resolve within the caller's devices")
        .isEqualTo(404);
  }

  @Test
  void foreignTrail_stepsListIsEmpty_andPostingIs403() {
    String trail = "/trails/" + id("gw-alice");
    Http.Reply steps = http.get(trail + "/steps", bob);
    assertThat(steps.status()).isEqualTo(200);
    assertThat(steps.json()).isEmpty();
    JsonNode state = http.get(trail + "/steps/0/state", alice).json();
    assertThat(http.post(
                trail + "/steps", bob, "{\"rev\":-1,\"commit-msg\":\"x\",\"state\":" + state + "}")
            .status())
        .isEqualTo(403);
    assertThat(http.put(trail + "/steps/0/cancel", bob, null).status()).isEqualTo(403);
  }

  @Test
  void deleteByNonOwner_is200WithTheUnchangedDeviceWithoutSecret_deleteByOwnerMarksGarbage() {
    String doomed = id("gw-doomed");
    Http.Reply byBob = http.send("DELETE", "/devices/" + doomed, bob, null);
    assertThat(byBob.status()).isEqualTo(200);
    assertThat(byBob.json().get("garbage").asBoolean()).isFalse();
    assertThat(byBob.json().has("secret")).isFalse();
    Http.Reply byAlice = http.send("DELETE", "/devices/" + doomed, alice, null);
    assertThat(byAlice.json().get("garbage").asBoolean()).isTrue();
    assertThat(http.get("/devices/" + doomed, alice).status()).isEqualTo(404);
    assertThat(http.send("DELETE", "/devices/not-hex", alice, null).status()).isEqualTo(500);
  }

  @Test
  void objectsAreOwnedPerUser() {
    String sha = sim.putObject(
        "alice", "app.bin", "alice's app".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(http.get("/objects/" + sha, alice).status()).isEqualTo(200);
    assertThat(http.get("/objects/" + sha, bob).status()).isEqualTo(403);
  }
}
