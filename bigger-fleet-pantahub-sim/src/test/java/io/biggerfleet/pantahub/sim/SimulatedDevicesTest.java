package io.biggerfleet.pantahub.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedDevicesTest {
  private static final Timing EXACT = Timing.builder()
      .pickup(Duration.ofSeconds(30))
      .phase(Duration.ofSeconds(10))
      .reboot(Duration.ofSeconds(30))
      .testing(Duration.ofSeconds(60))
      .jitter(0)
      .build();

  private static Scenario twoDevices(Rule... rules) {
    Scenario.Builder b = Scenario.builder()
        .timing(EXACT)
        .seed(3)
        .device(DeviceSpec.builder("gw-a").deviceMeta("Model", "121XPs").build())
        .device(DeviceSpec.builder("gw-b").deviceMeta("Model", "1850AX").build());
    for (Rule r : rules) {
      b.rule(r);
    }
    return b.build();
  }

  @Test
  void postedStep_walksQueuedDownloadingInprogressTestingDone_andDeviceRunsTheNewRevision() {
    try (SimHarness h = new SimHarness(twoDevices())) {
      int rev = h.post("gw-a", "update app");
      List<String> seen = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        h.sim.advance(Duration.ofSeconds(1));
        JsonNode p = h.progress("gw-a", rev);
        String s = p.get("status").asText() + " " + p.get("progress").asInt() + " "
            + p.get("status-msg").asText();
        if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(s)) {
          seen.add(s);
        }
      }
      assertThat(seen)
          .containsExactly(
              "NEW 0 ",
              "QUEUED 0 Update queued, retry 1 of 10",
              "DOWNLOADING 0 Progress",
              "INPROGRESS 40 Update objects downloaded",
              "INPROGRESS 80 Update installed",
              "INPROGRESS 95 Rebooting",
              "TESTING 95 Awaiting to see if update is stable",
              "DONE 100 Update finished, revision set as rollback point");
      assertThat(h.sim.device("gw-a").orElseThrow().runningRevision()).isEqualTo(rev);
      JsonNode device = h.http.get("/devices/" + h.id("gw-a"), h.token()).json();
      assertThat(device.get("device-meta").get("pantavisor.revision").asText())
          .isEqualTo(Integer.toString(rev));
      assertThat(h.sim.device("gw-b").orElseThrow().runningRevision()).isZero();
      assertThat(h.sim.idle()).isTrue();
    }
  }

  @Test
  void device_picksStepUpOnlyAfterThePickupDelay() {
    try (SimHarness h = new SimHarness(twoDevices())) {
      int rev = h.post("gw-a", "update app");
      h.sim.advance(Duration.ofSeconds(29));
      assertThat(h.status("gw-a", rev)).isEqualTo("NEW");
      h.sim.advance(Duration.ofSeconds(2));
      assertThat(h.status("gw-a", rev)).isEqualTo("QUEUED");
    }
  }

  @Test
  void failRule_reportsErrorWithItsMessage_logsIt_andKeepsTheOldRevision() {
    Rule segfault = Rule.builder()
        .when("Model", "121XPs")
        .whenCommitMessageContains("kernel")
        .fail("starting new app failed - segmentation fault")
        .build();
    try (SimHarness h = new SimHarness(twoDevices(segfault))) {
      int a = h.post("gw-a", "new kernel");
      int b = h.post("gw-b", "new kernel");
      h.sim.advance(Duration.ofMinutes(10));
      JsonNode p = h.progress("gw-a", a);
      assertThat(p.get("status").asText()).isEqualTo("ERROR");
      assertThat(p.get("status-msg").asText())
          .isEqualTo("starting new app failed - segmentation fault");
      assertThat(h.status("gw-b", b)).isEqualTo("DONE");
      assertThat(h.sim.device("gw-a").orElseThrow().runningRevision()).isZero();
      JsonNode logs = h.http
          .get("/logs/?dev=" + h.id("gw-a") + "&rev=" + a + "&lvl=ERROR", h.token())
          .json();
      assertThat(logs.get("count").asInt()).isEqualTo(1);
      assertThat(logs.get("entries").get(0).get("msg").asText()).contains("segmentation fault");
    }
  }

  @Test
  void failRule_doesNotApplyWhenTheChangeDoesNotMatch() {
    Rule segfault = Rule.builder()
        .when("Model", "121XPs")
        .whenCommitMessageContains("kernel")
        .fail("boom")
        .build();
    try (SimHarness h = new SimHarness(twoDevices(segfault))) {
      int a = h.post("gw-a", "update app only");
      h.sim.advance(Duration.ofMinutes(10));
      assertThat(h.status("gw-a", a)).isEqualTo("DONE");
    }
  }

  @Test
  void refuseRule_reportsWontgoAfterQueueing() {
    Rule refuse = Rule.builder()
        .when("nick", "gw-b")
        .refuse("Unable to download and/or install update")
        .build();
    try (SimHarness h = new SimHarness(twoDevices(refuse))) {
      int b = h.post("gw-b", "anything");
      h.sim.advance(Duration.ofMinutes(5));
      JsonNode p = h.progress("gw-b", b);
      assertThat(p.get("status").asText()).isEqualTo("WONTGO");
      assertThat(p.get("status-msg").asText())
          .isEqualTo("Unable to download and/or install update");
    }
  }

  @Test
  void offlineRule_deviceStaysSilentWhileOffline_thenCatchesUp() {
    Rule away =
        Rule.builder().when("nick", "gw-a").goOffline(Duration.ofHours(2)).build();
    try (SimHarness h = new SimHarness(twoDevices(away))) {
      int a = h.post("gw-a", "update");
      h.sim.advance(Duration.ofHours(1));
      assertThat(h.status("gw-a", a)).isEqualTo("NEW");
      assertThat(h.sim.device("gw-a").orElseThrow().online()).isFalse();
      h.sim.advance(Duration.ofHours(1).plusMinutes(10));
      assertThat(h.status("gw-a", a)).isEqualTo("DONE");
      assertThat(h.sim.device("gw-a").orElseThrow().online()).isTrue();
    }
  }

  @Test
  void slowRule_multipliesEveryDelay() {
    Rule slow = Rule.builder().when("nick", "gw-a").slow(3).build();
    try (SimHarness h = new SimHarness(twoDevices(slow))) {
      int a = h.post("gw-a", "update");
      int b = h.post("gw-b", "update");
      h.sim.advance(Duration.ofMinutes(4)); // normal device: 30+40+30+60 s = 160 s
      assertThat(h.status("gw-b", b)).isEqualTo("DONE");
      assertThat(h.status("gw-a", a)).isNotEqualTo("DONE");
      h.sim.advance(Duration.ofMinutes(5)); // slow device: 480 s
      assertThat(h.status("gw-a", a)).isEqualTo("DONE");
    }
  }

  @Test
  void ownerWontgoWhileInprogress_stopsTheDevice() {
    try (SimHarness h = new SimHarness(twoDevices())) {
      int a = h.post("gw-a", "update");
      h.sim.advance(Duration.ofSeconds(65)); // pickup 30 + 3 reports of 10 s → INPROGRESS 40
      assertThat(h.status("gw-a", a)).isEqualTo("INPROGRESS");
      Http.Reply r =
          h.http.put("/trails/" + h.id("gw-a") + "/steps/" + a + "/wontgo", h.token(), null);
      assertThat(r.status()).isEqualTo(200);
      h.sim.advance(Duration.ofMinutes(10));
      assertThat(h.status("gw-a", a)).isEqualTo("WONTGO");
      assertThat(h.sim.device("gw-a").orElseThrow().runningRevision()).isZero();
    }
  }

  @Test
  void stepsPostedWhileBusy_areTakenInRevOrder() {
    try (SimHarness h = new SimHarness(twoDevices())) {
      int first = h.post("gw-a", "one");
      h.sim.advance(Duration.ofSeconds(45));
      int second = h.post("gw-a", "two");
      h.sim.advance(Duration.ofMinutes(15));
      assertThat(h.status("gw-a", first)).isEqualTo("DONE");
      assertThat(h.status("gw-a", second)).isEqualTo("DONE");
      assertThat(h.sim.device("gw-a").orElseThrow().runningRevision()).isEqualTo(second);
    }
  }

  @Test
  void sameScenarioAndSeed_giveTheSameRun_otherSeedsDiffer() {
    assertThat(outcomes(11)).isEqualTo(outcomes(11));
    assertThat(outcomes(11)).isNotEqualTo(outcomes(12));
  }

  private static List<String> outcomes(long seed) {
    Scenario s = Scenario.generated(40, 5).toBuilder()
        .seed(seed)
        .rule(Rule.builder().probability(0.5).fail("flaky").build())
        .build();
    List<String> out = new ArrayList<>();
    try (SimHarness h = new SimHarness(s)) {
      List<String> nicks = h.sim.devices().stream().map(SimDevice::nick).toList();
      nicks.forEach(n -> h.post(n, "update"));
      h.sim.advance(Duration.ofMinutes(20));
      for (String n : nicks) {
        JsonNode step = h.http.get("/trails/" + h.id(n) + "/steps/1", h.token()).json();
        out.add(n + " " + step.get("progress").get("status").asText() + " "
            + step.get("progress-time").asText());
      }
    }
    return out;
  }

  @Test
  void advance_withoutSimClock_isRefusedWithAHint() {
    try (PantahubSimulator sim =
        PantahubSimulator.builder().clock(Clock.systemUTC()).start()) {
      assertThatThrownBy(() -> sim.advance(Duration.ofSeconds(1)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("SimClock")
          .hasMessageContaining("tick()");
      assertThat(sim.tick()).isZero();
    }
  }

  @Test
  void tokens_expireAfter60Minutes_andRefreshStopsAfter24Hours() {
    try (SimHarness h = new SimHarness(twoDevices())) {
      String t = h.token();
      h.clock.advance(Duration.ofMinutes(59));
      Http.Reply refreshed = h.http.get("/auth/login", t);
      assertThat(refreshed.status()).isEqualTo(200);
      h.clock.advance(Duration.ofMinutes(2));
      assertThat(h.http.get("/devices/", t).status()).isEqualTo(401);
      String fresh = refreshed.json().get("token").asText();
      assertThat(h.http.get("/devices/", fresh).status()).isEqualTo(200);
      String last = fresh;
      for (int i = 0; i < 30; i++) {
        h.clock.advance(Duration.ofMinutes(55));
        Http.Reply r = h.http.get("/auth/login", last);
        if (r.status() != 200) {
          assertThat(r.status()).isEqualTo(401);
          assertThat(Duration.between(SimHarness.START, h.clock.instant()).toMinutes())
              .isGreaterThan(1440);
          return;
        }
        last = r.json().get("token").asText();
      }
      throw new AssertionError("refresh never stopped");
    }
  }

  @Test
  void summaryLag_showsTrailChangesOnlyAfterTheLag() {
    try (PantahubSimulator sim = PantahubSimulator.builder()
        .scenario(twoDevices())
        .clock(SimClock.at(SimHarness.START))
        .summaryLag(Duration.ofSeconds(20))
        .start()) {
      Http http = new Http(sim.baseUri());
      String token = http.post(
              "/auth/login", null, "{\"username\":\"user1\",\"password\":\"user1\"}")
          .json()
          .get("token")
          .asText();
      String id = sim.device("gw-a").orElseThrow().id();
      JsonNode state = http.get("/trails/" + id + "/steps/0/state", token).json();
      assertThat(http.get("/trails/" + id + "/summary", token)
              .json()
              .get("revision")
              .asInt())
          .isZero();
      http.post(
          "/trails/" + id + "/steps",
          token,
          "{\"rev\":-1,\"commit-msg\":\"x\",\"state\":" + state + "}");
      sim.advance(Duration.ofSeconds(10));
      assertThat(http.get("/trails/" + id + "/summary", token)
              .json()
              .get("revision")
              .asInt())
          .isZero();
      sim.advance(Duration.ofSeconds(11));
      assertThat(http.get("/trails/" + id + "/summary", token)
              .json()
              .get("revision")
              .asInt())
          .isEqualTo(1);
    }
  }

  @Test
  void summaryLag_refusesNegativeDurations() {
    assertThatThrownBy(() -> PantahubSimulator.builder().summaryLag(Duration.ofSeconds(-1)))
        .hasMessageContaining("summaryLag")
        .hasMessageContaining("-1");
  }

  @Test
  void failureLogs_pageWithCursor() {
    Rule fail = Rule.builder().fail("boom").build();
    try (SimHarness h = new SimHarness(
        twoDevices(fail).toBuilder().device(DeviceSpec.builder("gw-c").build()).build())) {
      for (String n : List.of("gw-a", "gw-b", "gw-c")) {
        h.post(n, "update");
      }
      h.sim.advance(Duration.ofMinutes(10));
      JsonNode first =
          h.http.get("/logs/?lvl=ERROR&sort=dev&page=2&cursor=true", h.token()).json();
      assertThat(first.get("count").asInt()).isEqualTo(3);
      assertThat(first.get("entries")).hasSize(2);
      String cursor = first.get("next-cursor").asText();
      JsonNode rest = h.http
          .post("/logs/cursor", h.token(), "{\"next-cursor\":\"" + cursor + "\"}")
          .json();
      assertThat(rest.get("entries")).hasSize(1);
      assertThat(rest.get("entries").get(0).get("msg").asText()).isEqualTo("boom");
      assertThat(rest.has("next-cursor")).isFalse();
      h.clock.advance(Duration.ofMinutes(3));
      assertThat(h.http
              .post("/logs/cursor", h.token(), "{\"next-cursor\":\"" + cursor + "\"}")
              .status())
          .as("cursors are valid for two minutes")
          .isEqualTo(400);
    }
  }
}
