package io.biggerfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.pantahub.sim.DeviceSpec;
import io.biggerfleet.pantahub.sim.Rule;
import io.biggerfleet.pantahub.sim.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device that reports terminal escapes and newlines (in its device-meta and in its status message)
 * cannot reach the operator's terminal through the CLI: human output shows them escaped and forges no
 * {@code bigger-fleet:} line; {@code --json} keeps the exact value.
 */
class TerminalSafetyTest {
  static final String EVIL_MODEL =
      "X\u001b[2J\u001b[31m\r\nbigger-fleet: all devices healthy\u0007";
  static final String EVIL_STATUS =
      "\u001b]0;pwned\u0007checksum\nbigger-fleet: rollout DONE\u202e";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path home;

  RolloutCliFixture f;

  @BeforeEach
  void setUp() {
    Scenario.Builder b = Scenario.builder().user("user1", "user1");
    b.device(DeviceSpec.builder("evil-wifi")
        .owner("user1")
        .deviceMeta("Model", EVIL_MODEL)
        .deviceMeta("Manufacturer", "Evil\u009b31m")
        .build());
    b.device(DeviceSpec.builder("good-wifi")
        .owner("user1")
        .deviceMeta("Model", "121XPs")
        .build());
    b.rule(Rule.builder()
        .when("nick", "evil-wifi")
        .whenCommitMessageContains("update")
        .fail(EVIL_STATUS)
        .build());
    f = new RolloutCliFixture(home, b.build(), false);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  static void assertTerminalSafe(String text) {
    assertThat(text.codePoints()
            .filter(c -> c != '\n'
                && (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT))
            .count())
        .as("control characters in: %s", text)
        .isZero();
    assertThat(text.lines())
        .noneMatch(l -> l.startsWith("bigger-fleet: all devices healthy")
            || l.startsWith("bigger-fleet: rollout DONE"));
  }

  @Test
  void attributes_showDeviceReportedEscapesAndNewlinesEscaped_onOneLine() {
    assertThat(f.cli("attributes", "evil-wifi")).isZero();

    assertTerminalSafe(f.out());
    assertThat(f.out())
        .contains("Model: X\\x1b[2J\\x1b[31m\\r\\nbigger-fleet: all devices healthy\\x07\n")
        .contains("Manufacturer: Evil\\x9b31m\n");
  }

  @Test
  void attributesJson_keepsTheExactValue() throws Exception {
    assertThat(f.cli("attributes", "evil-wifi", "--json")).isZero();

    JsonNode attrs = JSON.readTree(f.out()).get("attributes");
    JsonNode model = null;
    for (JsonNode a : attrs) {
      if (a.get("name").asText().equals("Model")) {
        model = a;
      }
    }
    assertThat(model).isNotNull();
    assertThat(model.get("value").asText()).isEqualTo(EVIL_MODEL);
  }

  @Test
  void failuresAndDevicesView_showTheDevicesStatusMessageEscaped() {
    assertThat(f.cli(
            "rollouts",
            "add",
            "R1",
            "change=set kernel=" + f.kernelSha,
            "message=update kernel",
            "time=0s",
            "timeout=1h"))
        .as(f.err())
        .isZero();
    assertThat(f.cli("rollouts", "R1", "activate")).as(f.err()).isZero();
    f.runUntil(
        "R1", r -> r.state() != RolloutState.ACTIVE, Duration.ofMinutes(10), Duration.ofDays(1));

    assertThat(f.cli("failures", "R1")).as(f.err()).isZero();
    assertTerminalSafe(f.out());
    assertThat(f.out()).contains("\\x1b]0;pwned\\x07checksum\\nbigger-fleet: rollout DONE\\u202e");

    assertThat(f.cli("rollouts", "R1", "--devices")).as(f.err()).isZero();
    assertTerminalSafe(f.out());
    assertThat(f.out()).contains("evil-wifi");
  }

  @Test
  void errorMessages_escapeAndCapEchoedInput() {
    String huge = "x".repeat(100_000) + "\u001b[2J";

    int code = f.cli("rollouts", "add", "R1", "change=set kernel=" + f.kernelSha, "colour=" + huge);

    assertThat(code).isEqualTo(2);
    assertTerminalSafe(f.err());
    assertThat(f.err())
        .startsWith("bigger-fleet: rollouts add R1: unknown key 'colour'")
        .contains("characters cut");
    assertThat(f.err().length()).isLessThan(1_200);
  }

  @Test
  void usageErrors_escapeAndCapTheUnmatchedArgument() {
    int code = f.cli("\u001b[31m" + "y".repeat(100_000));

    assertThat(code).isEqualTo(2);
    assertTerminalSafe(f.err());
    assertThat(f.err()).startsWith("bigger-fleet: Unmatched argument").contains("\\x1b[31m");
    assertThat(f.err().length()).isLessThan(1_200);
  }
}
