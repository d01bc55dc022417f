package io.biggerfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.pantahub.sim.DeviceSpec;
import io.biggerfleet.pantahub.sim.Scenario;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code attributes --sources} tells the operator which values the device itself reported (and so
 * can change, putting itself into groups that select on them) and what a device reports under a name
 * the owner also set.
 */
class AttributeSourcesTest {
  @TempDir
  Path home;

  SimCli cli;

  @BeforeEach
  void start() {
    Scenario s = Scenario.builder()
        .user("user1", "user1")
        .device(DeviceSpec.builder("sneaky-wifi")
            .owner("user1")
            .deviceMeta("Model", "121XPs")
            .deviceMeta("Site", "trading-floor")
            .userMeta("Site", "warehouse")
            .build())
        .build();
    cli = new SimCli(home, s).loggedInWithAllDevices();
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void sources_sayWhoSetEachValue_andWhatTheDeviceReportsUnderTheOwnersName() {
    int code = cli.run("attributes", "sneaky-wifi", "--sources");

    assertThat(code).as(cli.err).isZero();
    assertThat(cli.out)
        .contains("Model: 121XPs  (SYSTEM, reported by the device)\n")
        .containsPattern(
            "Site: warehouse  \\(REGISTRY, set by the owner on the hub; SYSTEM says \"trading-floor\"\\)\n")
        .contains("SYSTEM values are reported by the device itself", "registry:NAME or fleet:NAME");
  }

  @Test
  void explain_showsThatTheDevicesOwnReportPutItIntoAGroup_andARegistryTermDoesNotFollowIt() {
    assertThat(cli.run("addgroup", "/", "/models/121XPs", "Model==\"121XPs\""))
        .as(cli.err)
        .isZero();
    assertThat(cli.run("addgroup", "/", "/site/trading", "registry:Site==\"trading-floor\""))
        .as(cli.err)
        .isZero();

    assertThat(cli.run("explain", "/models/121XPs", "sneaky-wifi")).as(cli.err).isZero();
    assertThat(cli.out)
        .startsWith("yes  /models/121XPs has ")
        .contains("yes  Model==\"121XPs\"    [Model = \"121XPs\" (reported by the device)]");

    assertThat(cli.run("explain", "/site/trading", "sneaky-wifi")).as(cli.err).isZero();
    assertThat(cli.out)
        .startsWith("no   /site/trading has ")
        .contains("no   registry:Site==\"trading-floor\"    [registry:Site = \"warehouse\"]");
  }

  @Test
  void explain_json_isTheSameTree_andAnUnknownGroupIsExitOne() {
    assertThat(cli.run("addgroup", "/", "/models/121XPs", "Model==\"121XPs\""))
        .as(cli.err)
        .isZero();

    assertThat(cli.run("explain", "/models/121XPs", "sneaky-wifi", "--json"))
        .as(cli.err)
        .isZero();
    assertThat(cli.out)
        .contains(
            "\"matched\" : true",
            "\"observed\" : \"Model = \\\"121XPs\\\" (reported by the device)\"");

    assertThat(cli.run("explain", "/nope", "sneaky-wifi")).isEqualTo(1);
    assertThat(cli.err).contains("/nope");
  }
}
