package io.biggerfleet.pantahub.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.spi.RegistryDevice;
import io.biggerfleet.testing.WalkthroughFleet;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScenarioTest {
  @Test
  void walkthrough_hasTheElevenDevicesWithTheirAttributes() {
    Scenario s = Scenario.walkthrough();
    assertThat(s.devices())
        .extracting(DeviceSpec::nick)
        .containsExactlyElementsOf(
            WalkthroughFleet.devices().stream().map(RegistryDevice::nick).toList());
    DeviceSpec bathroom = s.devices().get(0);
    assertThat(bathroom.deviceMeta())
        .containsEntry("Manufacturer", "Cisco")
        .containsEntry("Model", "121XPs")
        .containsEntry("Mem", "64M")
        .containsEntry("Region", "Hong Kong 1 (GOLD COAST)");
    assertThat(bathroom.userMeta())
        .containsEntry("Device-Location", "lat:43.54123,lon:-76.123123")
        .containsEntry("Device-Tags", "beta-device, user-tag2");
  }

  @Test
  void walkthrough_ownCopyOfTheData_matchesCoresWalkthroughFleet() {
    List<RegistryDevice> core = WalkthroughFleet.devices();
    List<DeviceSpec> sim = Scenario.walkthrough().devices();
    assertThat(sim).hasSameSizeAs(core);
    for (int i = 0; i < core.size(); i++) {
      RegistryDevice d = core.get(i);
      Map<String, String> system = new java.util.HashMap<>(d.systemAttributes());
      system.put("pantavisor.revision", "0");
      Map<String, String> registry = new java.util.HashMap<>(d.registryAttributes());
      registry.put("Walkthrough-Id", d.id().toString());
      assertThat(sim.get(i).nick()).isEqualTo(d.nick());
      assertThat(sim.get(i).deviceMeta()).as(d.nick()).isEqualTo(system);
      assertThat(sim.get(i).userMeta()).as(d.nick()).isEqualTo(registry);
    }
  }

  @Test
  void walkthroughDevices_getStableHexIds_acrossSimulators() {
    List<String> first;
    try (PantahubSimulator a =
        PantahubSimulator.builder().scenario(Scenario.walkthrough()).start()) {
      first = a.devices().stream().map(SimDevice::id).toList();
    }
    try (PantahubSimulator b =
        PantahubSimulator.builder().scenario(Scenario.walkthrough()).start()) {
      assertThat(b.devices().stream().map(SimDevice::id).toList()).isEqualTo(first);
    }
    assertThat(first)
        .hasSize(11)
        .allMatch(id -> id.matches("[0-9a-f]{24}"))
        .doesNotHaveDuplicates();
  }

  @Test
  void generated_isReproducibleForASeed_andDiffersAcrossSeeds() {
    assertThat(Scenario.generated(200, 42)).isEqualTo(Scenario.generated(200, 42));
    assertThat(Scenario.generated(200, 42).devices())
        .isNotEqualTo(Scenario.generated(200, 43).devices());
  }

  @Test
  void generated_followsTheModelMix_withConsistentHardware() {
    List<DeviceSpec> devices = Scenario.generated(5000, 9).devices();
    Map<String, Long> byModel = devices.stream()
        .collect(Collectors.groupingBy(d -> d.deviceMeta().get("Model"), Collectors.counting()));
    assertThat(byModel.get("121XPs") / 5000.0).isBetween(0.26, 0.34);
    assertThat(byModel.get("Pi 4B") / 5000.0).isBetween(0.21, 0.29);
    assertThat(devices).allSatisfy(d -> {
      if (d.deviceMeta().get("Model").equals("121XPs")) {
        assertThat(d.deviceMeta().get("CPU")).isEqualTo("MIPS Lantiq 1234");
        assertThat(d.deviceMeta().get("Manufacturer")).isEqualTo("Cisco");
      }
      assertThat(d.userMeta().get("Device-Location"))
          .matches("lat:-?\\d+\\.\\d+,lon:-?\\d+\\.\\d+");
    });
    Set<String> nicks = new HashSet<>();
    devices.forEach(d -> assertThat(nicks.add(d.nick())).isTrue());
  }

  @Test
  void generated_refusesNegativeCounts() {
    assertThatThrownBy(() -> Scenario.generated(-1, 1))
        .hasMessageContaining("count")
        .hasMessageContaining("-1");
  }

  @Test
  void fromJson_readsUsersDevicesTimingAndRules() {
    Scenario s = Scenario.fromJson("""
        {"seed": 5,
         "users": [{"nick": "alice", "password": "pw-a"}],
         "devices": [{"nick": "gw-1", "owner": "alice", "user-meta": {"site": "berlin"},
                      "device-meta": {"Model": "121XPs"}}],
         "timing": {"pickup": "PT5S", "jitter": 0.1},
         "rules": [{"when": {"Model": "121XPs"}, "commit-msg-contains": "kernel", "action": "fail",
                    "message": "starting new app failed - segmentation fault", "probability": 0.5},
                   {"action": "offline", "duration": "PT2H"},
                   {"action": "slow", "factor": 3},
                   {"action": "refuse", "message": "no"}]}
        """);
    assertThat(s.seed()).isEqualTo(5);
    assertThat(s.users()).extracting(SimUser::nick).containsExactly("alice");
    assertThat(s.devices().get(0).userMeta()).containsEntry("site", "berlin");
    assertThat(s.timing().pickup()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.timing().jitter()).isEqualTo(0.1);
    assertThat(s.rules())
        .extracting(Rule::action)
        .containsExactly(
            Rule.Action.FAIL, Rule.Action.OFFLINE, Rule.Action.SLOW, Rule.Action.REFUSE);
    assertThat(s.rules().get(0).probability()).isEqualTo(0.5);
    assertThat(s.rules().get(1).offlineFor()).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void fromJson_baseWalkthrough_addsToTheWalkthroughFleet() {
    Scenario s = Scenario.fromJson(
        "{\"base\":\"walkthrough\",\"devices\":[{\"nick\":\"extra-1\",\"owner\":\"user1\"}]}");
    assertThat(s.devices()).hasSize(12);
  }

  @Test
  void fromJson_errorsNameTheJsonPath() {
    assertThatThrownBy(() -> Scenario.fromJson(
            "{\"rules\":[{\"action\":\"slow\",\"factor\":2},{\"action\":\"explode\"}]}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("$.rules[1].action")
        .hasMessageContaining("explode");
    assertThatThrownBy(() -> Scenario.fromJson("{\"devices\":[{\"nick\":\"bad nick\"}]}"))
        .hasMessageContaining("$.devices[0]")
        .hasMessageContaining("bad nick");
    assertThatThrownBy(() -> Scenario.fromJson("{\"timing\":{\"pickup\":\"soon\"}}"))
        .hasMessageContaining("$.timing.pickup")
        .hasMessageContaining("soon");
    assertThatThrownBy(() -> Scenario.fromJson("{\"sede\":1}"))
        .hasMessageContaining("$.sede")
        .hasMessageContaining("unknown key");
    assertThatThrownBy(
            () -> Scenario.fromJson("{\"devices\":[{\"nick\":\"a\",\"owner\":\"bob\"}]}"))
        .hasMessageContaining("'bob'");
    assertThatThrownBy(() -> Scenario.fromJson("[1,2]"))
        .hasMessageContaining("expected a JSON object");
    assertThatThrownBy(() -> Scenario.fromJson(
            "{\"rules\":[{\"action\":\"fail\",\"probability\":2,\"message\":\"x\"}]}"))
        .hasMessageContaining("$.rules[0].probability");
  }

  @Test
  void ruleBuilder_requiresExactlyOneAction() {
    assertThatThrownBy(() -> Rule.builder().when("Model", "x").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs an action");
    assertThatThrownBy(() -> Rule.builder().fail("a").refuse("b"))
        .hasMessageContaining("exactly one action");
    assertThatThrownBy(() -> Rule.builder().slow(0.5)).hasMessageContaining("slow factor");
  }

  @Test
  void scenarioBuilder_refusesDuplicateDevicesAndUsers() {
    Scenario.Builder b = Scenario.builder()
        .user("a", "p")
        .device(DeviceSpec.builder("gw").owner("a").build());
    assertThatThrownBy(() -> b.device(DeviceSpec.builder("gw").owner("a").build()))
        .hasMessageContaining("'gw'");
    assertThatThrownBy(() -> b.user("a", "q")).hasMessageContaining("'a'");
  }

  @Test
  void secrets_neverAppearInToString() {
    SimUser u = SimUser.of("alice", "very-secret-password");
    assertThat(u.toString()).doesNotContain("very-secret-password");
    Scenario s =
        Scenario.builder().user(u).device(DeviceSpec.builder("gw").build()).build();
    try (PantahubSimulator sim = PantahubSimulator.builder().scenario(s).start()) {
      SimDevice d = sim.device("gw").orElseThrow();
      assertThat(d.secret()).isNotEmpty();
      assertThat(d.toString()).doesNotContain(d.secret());
      assertThat(sim.user("alice").toString())
          .contains("alice")
          .doesNotContain("very-secret-password");
      assertThat(sim.toString()).doesNotContain("very-secret-password");
    }
  }
}
