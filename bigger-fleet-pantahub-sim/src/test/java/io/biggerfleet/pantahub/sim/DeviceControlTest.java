package io.biggerfleet.pantahub.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Devices steered on demand through {@link DeviceControl} and the admin endpoint. */
class DeviceControlTest {
  private static final Timing EXACT = Timing.builder()
      .pickup(Duration.ofSeconds(30))
      .phase(Duration.ofSeconds(10))
      .reboot(Duration.ofSeconds(30))
      .testing(Duration.ofSeconds(60))
      .jitter(0)
      .build();

  static Scenario twoDevices(Rule... rules) {
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
  void goOffline_pausesTheDevice_andComeOnline_catchesUp() {
    try (SimHarness h = new SimHarness(twoDevices())) {
      h.sim.control("gw-a").goOffline();
      int rev = h.post("gw-a", "update app");
      h.sim.advance(Duration.ofMinutes(30));
      assertThat(h.status("gw-a", rev)).isEqualTo("NEW");
      assertThat(h.sim.device("gw-a").orElseThrow().online()).isFalse();
      JsonNode meta = h.http.get("/devices/" + h.id("gw-a"), h.token()).json().get("device-meta");
      assertThat(meta.get("pantahub.online").asText()).isEqualTo("false");

      h.sim.control("gw-a").comeOnline();
      h.sim.advance(Duration.ofMinutes(10));
      assertThat(h.status("gw-a", rev)).isEqualTo("DONE");
      assertThat(h.sim.device("gw-a").orElseThrow().online()).isTrue();
    }
  }

  @Test
  void fail_endsTheNextUpdateInError_once() {
    try (SimHarness h = new SimHarness(twoDevices())) {
      h.sim.control("gw-a").fail("app checksum mismatch");
      int first = h.post("gw-a", "update app");
      h.sim.advance(Duration.ofMinutes(10));
      assertThat(h.progress("gw-a", first).get("status-msg").asText())
          .isEqualTo("app checksum mismatch");
      assertThat(h.status("gw-a", first)).isEqualTo("ERROR");
      assertThat(h.sim.device("gw-a").orElseThrow().runningRevision()).isZero();
      int second = h.post("gw-a", "update app again");
      h.sim.advance(Duration.ofMinutes(10));
      assertThat(h.status("gw-a", second)).isEqualTo("DONE");
    }
  }

  @Test
  void fail_whileTesting_fallsBackToThePreviousRevision() {
    try (SimHarness h = new SimHarness(twoDevices())) {
      int rev = h.post("gw-a", "update app");
      h.sim.advance(
          Duration.ofSeconds(30 + 5 * 10 + 30 + 1)); // rebooted into the new revision: TESTING
      assertThat(h.status("gw-a", rev)).isEqualTo("TESTING");
      assertThat(h.sim.device("gw-a").orElseThrow().runningRevision()).isEqualTo(rev);
      h.sim.control("gw-a").fail("new revision did not come up");
      h.sim.advance(Duration.ofMinutes(5));
      assertThat(h.status("gw-a", rev)).isEqualTo("ERROR");
      assertThat(h.sim.device("gw-a").orElseThrow().runningRevision()).isZero();
    }
  }

  @Test
  void succeed_winsOverAFailRule() {
    Rule fail = Rule.builder().when("nick", "gw-a").fail("segmentation fault").build();
    try (SimHarness h = new SimHarness(twoDevices(fail))) {
      int rev = h.post("gw-a", "update app");
      h.sim.advance(Duration.ofSeconds(31)); // working on it already
      h.sim.control("gw-a").succeed();
      h.sim.advance(Duration.ofMinutes(10));
      assertThat(h.status("gw-a", rev)).isEqualTo("DONE");
    }
  }

  @Test
  void hang_stopsReportingAfterQueued_untilAnotherOrderReleasesIt() {
    try (SimHarness h = new SimHarness(twoDevices())) {
      h.sim.control("gw-a").hang();
      int rev = h.post("gw-a", "update app");
      h.sim.advance(Duration.ofHours(6));
      assertThat(h.status("gw-a", rev)).isEqualTo("QUEUED");
      h.sim.control("gw-a").succeed();
      h.sim.advance(Duration.ofMinutes(10));
      assertThat(h.status("gw-a", rev)).isEqualTo("DONE");
    }
  }

  @Test
  void rollBack_ofAnIdleDevice_returnsToThePreviousRevision_andReportsErrorOnTheDoneStep() {
    try (SimHarness h = new SimHarness(twoDevices())) {
      int rev = h.post("gw-a", "update app");
      h.sim.advance(Duration.ofMinutes(10));
      assertThat(h.status("gw-a", rev)).isEqualTo("DONE");
      assertThat(h.sim.device("gw-a").orElseThrow().runningRevision()).isEqualTo(rev);

      h.sim.control("gw-a").rollBack("try-boot failed, rolled back");
      h.sim.tick();
      JsonNode p = h.progress("gw-a", rev);
      assertThat(p.get("status").asText()).isEqualTo("ERROR");
      assertThat(p.get("status-msg").asText()).isEqualTo("try-boot failed, rolled back");
      assertThat(h.sim.device("gw-a").orElseThrow().runningRevision()).isZero();
      JsonNode logs = h.http
          .get("/logs/?dev=" + h.id("gw-a") + "&rev=" + rev + "&lvl=ERROR", h.token())
          .json();
      assertThat(logs.get("entries").get(0).get("msg").asText())
          .isEqualTo("try-boot failed, rolled back");
    }
  }

  @Test
  void rollBack_beforeTheUpdate_reportsDoneFirst_thenFallsBackAfterTheTestingDelay() {
    try (SimHarness h = new SimHarness(twoDevices())) {
      h.sim.control("gw-a").rollBack("rolled back");
      int rev = h.post("gw-a", "update app");
      h.sim.advance(Duration.ofSeconds(30 + 5 * 10 + 30 + 60 + 1));
      assertThat(h.status("gw-a", rev)).isEqualTo("DONE");
      assertThat(h.sim.device("gw-a").orElseThrow().runningRevision()).isEqualTo(rev);
      h.sim.advance(Duration.ofSeconds(61));
      assertThat(h.status("gw-a", rev)).isEqualTo("ERROR");
      assertThat(h.sim.device("gw-a").orElseThrow().runningRevision()).isZero();
    }
  }

  @Test
  void control_unknownDevice_isRefusedByName() {
    try (SimHarness h = new SimHarness(twoDevices())) {
      assertThatThrownBy(() -> h.sim.control("gw-zz"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("gw-zz");
      assertThatThrownBy(() -> h.sim.control("gw-a").fail(null))
          .isInstanceOf(NullPointerException.class);
    }
  }

  @Test
  void adminEndpoint_isOffByDefault_theRouterAnswers404() {
    try (SimHarness h = new SimHarness(twoDevices())) {
      Http.Reply r = h.http.send("POST", "/sim/admin/devices/gw-a/offline", null, "{}");
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.json().get("Error").asText()).isEqualTo("Resource not found");
      assertThat(h.sim.device("gw-a").orElseThrow().online()).isTrue();
    }
  }

  @Test
  void adminEndpoint_whenEnabled_steersDevices_andWantsJson() {
    try (PantahubSimulator sim =
        PantahubSimulator.builder().scenario(twoDevices()).adminEndpoint(true).start()) {
      Http http = new Http(sim.baseUri());
      Http.Reply off = http.send("POST", "/sim/admin/devices/gw-a/offline", null, "{}");
      assertThat(off.status()).as(off.body()).isEqualTo(200);
      assertThat(off.json().get("online").asBoolean()).isFalse();
      assertThat(sim.device("gw-a").orElseThrow().online()).isFalse();

      Http.Reply fail =
          http.send("POST", "/sim/admin/devices/gw-b/fail", null, "{\"message\":\"boom\"}");
      assertThat(fail.json().get("pending-order").asText()).isEqualTo("FAIL");
      assertThat(http.send("POST", "/sim/admin/devices/gw-b/fail", null, "{}").status())
          .as("no message")
          .isEqualTo(400);
      assertThat(
              http.send("POST", "/sim/admin/devices/gw-b/explode", null, "{}").status())
          .isEqualTo(400);
      assertThat(http.send("POST", "/sim/admin/devices/nobody/hang", null, "{}").status())
          .isEqualTo(404);
      assertThat(http.send(
                  "POST",
                  "/sim/admin/devices/gw-a/online",
                  null,
                  "x=1",
                  "Content-Type",
                  "text/plain")
              .status())
          .as("a plain form post (what a web page could send)")
          .isEqualTo(415);
    }
  }
}
