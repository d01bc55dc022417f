package io.biggerfleet.pantahub.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A whole-fleet change over HTTP on a manual clock, the way a fleet app drives it: 1,000 devices get a
 * step, a rule makes the 121XPs fail, the app follows the changes feed page by page until every step
 * is terminal. (The end-to-end run with the real client and rollout engine belongs to those issues.)
 */
class FleetRolloutOverHttpTest {
  @Test
  void thousandDevices_takeAStep_andTheChangesFeedReportsEveryOutcome() {
    Rule segfault = Rule.builder()
        .when("Model", "121XPs")
        .whenCommitMessageContains("kernel")
        .fail("starting new app failed - segmentation fault")
        .build();
    Scenario scenario = Scenario.generated(1000, 77).toBuilder().rule(segfault).build();
    long expectedFailures = scenario.devices().stream()
        .filter(d -> d.deviceMeta().get("Model").equals("121XPs"))
        .count();
    try (SimHarness h = new SimHarness(scenario)) {
      List<SimDevice> devices = h.sim.devices();
      JsonNode state = h.http
          .get("/trails/" + devices.get(0).id() + "/steps/0/state", h.token())
          .json();
      String body = "{\"rev\":-1,\"commit-msg\":\"new kernel 5.15\",\"state\":" + state + "}";
      String cursor = h.http
          .get("/changes/steps?page[size]=1&page[before]=2100-01-01T00:00:00Z", h.token())
          .json()
          .get("data")
          .get(0)
          .get("time-modified")
          .asText();
      for (SimDevice d : devices) {
        assertThat(h.http.post("/trails/" + d.id() + "/steps", h.token(), body).status())
            .isEqualTo(200);
      }
      Map<String, String> finalStatus = new HashMap<>();
      for (int minute = 0; minute < 30 && finalStatus.size() < devices.size(); minute++) {
        h.sim.advance(Duration.ofMinutes(1));
        while (true) {
          JsonNode page = h.http
              .get(
                  "/changes/steps?page[size]=250&page[after]="
                      + URLEncoder.encode(cursor, StandardCharsets.UTF_8),
                  h.token())
              .json();
          for (JsonNode step : page.get("data")) {
            String status = step.get("progress").get("status").asText();
            if (step.get("rev").asInt() == 1
                && List.of("DONE", "ERROR", "WONTGO").contains(status)) {
              finalStatus.put(
                  step.get("trail-id").asText(),
                  status + " " + step.get("progress").get("status-msg").asText());
            }
            cursor = step.get("time-modified").asText();
          }
          if (page.get("data").size() < 250) {
            break;
          }
        }
      }
      assertThat(finalStatus).hasSize(1000);
      assertThat(finalStatus.values().stream()
              .filter(s -> s.startsWith("ERROR starting new app failed"))
              .count())
          .isEqualTo(expectedFailures)
          .isGreaterThan(200);
      assertThat(finalStatus.values().stream().filter(s -> s.startsWith("DONE")).count())
          .isEqualTo(1000 - expectedFailures);
      assertThat(h.sim.devices().stream().filter(d -> d.runningRevision() == 1).count())
          .isEqualTo(1000 - expectedFailures);
    }
  }
}
