package io.biggerfleet.pantahub.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Rules on "does not contain", on the step's change against the factory state, and on the attempt. */
class RuleConditionsTest {
  private static final String SEGFAULT = "starting new kernel failed - segmentation fault";

  /** Posts the factory state with {@code key=sha} pairs set; returns the rev. */
  private static int post(SimHarness h, String msg, String... keyShas) {
    String trail = "/trails/" + h.id("gw-a");
    ObjectNode state =
        (ObjectNode) h.http.get(trail + "/steps/0/state", h.token()).json();
    for (int i = 0; i < keyShas.length; i += 2) {
      state.put(keyShas[i], keyShas[i + 1]);
    }
    Http.Reply r = h.http.post(
        trail + "/steps",
        h.token(),
        "{\"rev\":-1,\"commit-msg\":" + Http.quote(msg) + ",\"state\":" + state + "}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("rev").asInt();
  }

  private static String object(SimHarness h, String name, String content) {
    return h.sim.putObject("user1", name, content.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void changeRule_failsTheKernelUpdateUntilADetourAlsoSetThePantavisor() {
    Rule rule = Rule.builder()
        .when("nick", "gw-a")
        .whenChangeSets("bsp/kernel.img")
        .whenChangeDoesNotSet("bsp/pantavisor")
        .fail(SEGFAULT)
        .build();
    try (SimHarness h = new SimHarness(DeviceControlTest.twoDevices(rule))) {
      String kernel = object(h, "bsp/kernel.img", "kernel 5.15");
      String pantavisor = object(h, "bsp/pantavisor", "pantavisor 020");
      int first = post(h, "update kernel", "bsp/kernel.img", kernel);
      h.sim.advance(Duration.ofMinutes(10));
      assertThat(h.progress("gw-a", first).get("status-msg").asText()).isEqualTo(SEGFAULT);
      int detour = post(h, "Detour before: update kernel", "bsp/pantavisor", pantavisor);
      h.sim.advance(Duration.ofMinutes(10));
      assertThat(h.status("gw-a", detour))
          .as("the detour does not set the kernel")
          .isEqualTo("DONE");
      int again = post(h, "update kernel", "bsp/pantavisor", pantavisor, "bsp/kernel.img", kernel);
      h.sim.advance(Duration.ofMinutes(10));
      assertThat(h.status("gw-a", again)).isEqualTo("DONE");
    }
  }

  @Test
  void doesNotContainRules_matchMessagesAndStatesWithoutTheText() {
    Rule rule = Rule.builder()
        .when("nick", "gw-a")
        .whenCommitMessageDoesNotContain("signed")
        .whenStateDoesNotContain("pv-avahi/run.json")
        .refuse("Unable to download and/or install update")
        .build();
    try (SimHarness h = new SimHarness(DeviceControlTest.twoDevices(rule))) {
      int signed = h.post("gw-a", "signed update");
      h.sim.advance(Duration.ofMinutes(10));
      assertThat(h.status("gw-a", signed)).isEqualTo("DONE");
      int unsigned = h.post("gw-a", "update");
      h.sim.advance(Duration.ofMinutes(10));
      assertThat(h.status("gw-a", unsigned))
          .as("the factory state has pv-avahi/run.json")
          .isEqualTo("DONE");
      String trail = "/trails/" + h.id("gw-a");
      ObjectNode state =
          (ObjectNode) h.http.get(trail + "/steps/0/state", h.token()).json();
      state.remove("pv-avahi/run.json");
      int r = h.http
          .post(
              trail + "/steps",
              h.token(),
              "{\"rev\":-1,\"commit-msg\":\"update\",\"state\":" + state + "}")
          .json()
          .get("rev")
          .asInt();
      h.sim.advance(Duration.ofMinutes(10));
      assertThat(h.status("gw-a", r)).isEqualTo("WONTGO");
    }
  }

  @Test
  void attemptRule_failsOnlyTheFirstAttempt_retrySucceeds() {
    Rule flaky = Rule.builder()
        .when("nick", "gw-a")
        .whenCommitMessageContains("app")
        .whenAttempt(1, 1)
        .fail("download corrupted")
        .build();
    try (SimHarness h = new SimHarness(DeviceControlTest.twoDevices(flaky))) {
      int other = h.post("gw-a", "kernel");
      h.sim.advance(Duration.ofMinutes(10));
      assertThat(h.status("gw-a", other)).isEqualTo("DONE");
      int first = h.post("gw-a", "update app");
      h.sim.advance(Duration.ofMinutes(10));
      assertThat(h.status("gw-a", first)).isEqualTo("ERROR");
      int retry = h.post("gw-a", "update app");
      h.sim.advance(Duration.ofMinutes(10));
      assertThat(h.status("gw-a", retry)).isEqualTo("DONE");
    }
  }

  @Test
  void ruleBuilder_refusesBadAttemptsAndBlankKeys() {
    assertThatThrownBy(() -> Rule.builder().whenAttempt(0, 1))
        .hasMessageContaining("1 <= first <= last");
    assertThatThrownBy(() -> Rule.builder().whenAttempt(3, 2)).hasMessageContaining("were 3..2");
    assertThatThrownBy(() -> Rule.builder().whenChangeSets(" ")).hasMessageContaining("blank");
  }

  @Test
  void jsonScenario_readsTheNewConditions() {
    Scenario s = Scenario.fromJson(
        "{\"rules\":[{\"when\":{\"Model\":\"2802I\"},\"change-sets\":\"bsp/kernel.img\","
            + "\"change-not-sets\":\"bsp/pantavisor\",\"commit-msg-not-contains\":\"Detour\",\"state-not-contains\":\"x\","
            + "\"attempts\":[1,2],\"action\":\"fail\",\"message\":\"m\"}]}");
    assertThat(s.rules().get(0))
        .isEqualTo(Rule.builder()
            .when("Model", "2802I")
            .whenChangeSets("bsp/kernel.img")
            .whenChangeDoesNotSet("bsp/pantavisor")
            .whenCommitMessageDoesNotContain("Detour")
            .whenStateDoesNotContain("x")
            .whenAttempt(1, 2)
            .fail("m")
            .build());
    assertThatThrownBy(() ->
            Scenario.fromJson("{\"rules\":[{\"attempts\":[2],\"action\":\"slow\",\"factor\":2}]}"))
        .hasMessageContaining("$.rules[0].attempts");
  }
}
