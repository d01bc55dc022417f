package io.biggerfleet.pantahub.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code millisecondTimes(true)}: times as the real hub stores them, ties included. */
class MillisecondTimesTest {
  @Test
  void
      changesInOneMillisecond_shareTheirTime_andAPageBoundaryInsideItSkipsTheRest_likeTheRealHub() {
    SimClock clock = SimClock.at("2026-01-05T09:00:00.000123456Z");
    try (PantahubSimulator sim = PantahubSimulator.builder()
        .scenario(DeviceControlTest.twoDevices())
        .clock(clock)
        .millisecondTimes(true)
        .start()) {
      Http http = new Http(sim.baseUri());
      String token = http.post(
              "/auth/login", null, "{\"username\":\"user1\",\"password\":\"user1\"}")
          .json()
          .get("token")
          .asText();
      clock.advance(Duration.ofMillis(5)); // 09:00:00.005123456: both posts in this millisecond
      for (String nick : new String[] {"gw-a", "gw-b"}) {
        String trail = "/trails/" + sim.device(nick).orElseThrow().id();
        JsonNode state = http.get(trail + "/steps/0/state", token).json();
        http.post(
            trail + "/steps", token, "{\"rev\":-1,\"commit-msg\":\"m\",\"state\":" + state + "}");
      }
      JsonNode all = http.get(
              "/changes/steps?page[size]=10&page[after]=2026-01-05T09:00:00.004Z", token)
          .json()
          .get("data");
      assertThat(all).hasSize(2);
      assertThat(all.get(0).get("time-modified").asText())
          .isEqualTo("2026-01-05T09:00:00.005Z")
          .isEqualTo(all.get(1).get("time-modified").asText());

      JsonNode page = http.get(
              "/changes/steps?page[size]=1&page[after]=2026-01-05T09:00:00.004Z", token)
          .json();
      String next = page.get("links").get("next").asText();
      JsonNode rest =
          http.get(next.substring(next.indexOf("/changes")), token).json().get("data");
      assertThat(rest)
          .as("strictly after the shared time: the tied step is skipped")
          .isEmpty();
    }
  }
}
