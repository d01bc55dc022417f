package io.biggerfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.biggerfleet.model.RolloutState;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every action answers {@code --json} with one small object (a script can read what happened), and a
 * device nick works where a device id does ({@code retry NICK@STEP}, {@code reroute R NICK,...}).
 */
class ActionJsonTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path home;

  RolloutCliFixture f;

  @BeforeEach
  void setUp() {
    f = new RolloutCliFixture(home);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private JsonNode json(String... args) throws Exception {
    String[] withJson = new String[args.length + 1];
    withJson[0] = "--json";
    System.arraycopy(args, 0, withJson, 1, args.length);
    assertThat(f.cli(withJson)).as(f.err()).isZero();
    return JSON.readTree(f.out());
  }

  @Test
  void draftEditsAndLifecycleActions_withJson_printTheRolloutTheActionAndItsNewState()
      throws Exception {
    assertThat(json(RolloutCommandsWalkthroughTest.addRollout5(f)).toString())
        .isEqualTo("{\"name\":\"ROLLOUT5\",\"state\":\"DRAFT\",\"devices\":11}");
    assertThat(json(RolloutCommandsWalkthroughTest.stepAddCanary()).toString())
        .isEqualTo(
            "{\"rollout\":\"ROLLOUT5\",\"action\":\"stepadd\",\"step\":1,\"selector\":\"/specialsets/canary\"}");
    assertThat(json("rollout", "ROLLOUT5", "step-delete", "1").toString())
        .isEqualTo("{\"rollout\":\"ROLLOUT5\",\"action\":\"step-delete\",\"step\":1}");
    assertThat(json("rollout-delete", "ROLLOUT5").toString())
        .isEqualTo("{\"rollout\":\"ROLLOUT5\",\"action\":\"delete\",\"state\":\"DRAFT\"}");

    json(RolloutCommandsWalkthroughTest.addRollout5(f));
    assertThat(json("rollouts", "ROLLOUT5", "activate").toString())
        .isEqualTo(
            "{\"rollout\":\"ROLLOUT5\",\"action\":\"activate\",\"state\":\"ACTIVE\",\"devices\":11,\"steps\":1,"
                + "\"end\":\"2026-03-07T21:00:00Z\"}");
    assertThat(json("rollouts", "ROLLOUT5", "pause").toString())
        .isEqualTo("{\"rollout\":\"ROLLOUT5\",\"action\":\"pause\",\"state\":\"PAUSED\"}");
    JsonNode resumed = json("rollouts", "ROLLOUT5", "resume");
    assertThat(resumed.get("state").asText()).isEqualTo("ACTIVE");
    assertThat(resumed.get("status").asText()).startsWith("ROLLOUT5 ACTIVE (Step: 1/1");
    assertThat(json("rollouts", "ROLLOUT5", "abort").toString())
        .isEqualTo("{\"rollout\":\"ROLLOUT5\",\"action\":\"abort\",\"state\":\"ABORTED\"}");
  }

  @Test
  void retryAndReroute_takeNicks_andRetryRerouteBackoutAnswerJson() throws Exception {
    f.cli(RolloutCommandsWalkthroughTest.addRollout5(f));
    f.cli(RolloutCommandsWalkthroughTest.stepAddCanary());
    f.cli("rollouts", "ROLLOUT5", "activate");
    f.runUntil(
        "ROLLOUT5",
        x -> x.state() != RolloutState.ACTIVE,
        Duration.ofMinutes(2),
        Duration.ofHours(6));

    f.setUserMeta("devbox3-wifi", "cdn", "ok");
    JsonNode retry = json("retry", "devbox3-wifi@1");
    assertThat(retry.get("action").asText()).isEqualTo("retry");
    assertThat(retry.get("state").asText()).isEqualTo("ACTIVE");
    assertThat(retry.get("devices").get(0).asText()).isEqualTo(f.ids.get("devbox3-wifi") + "@1");

    f.runUntil(
        "ROLLOUT5", x -> x.state() != RolloutState.ACTIVE, Duration.ofHours(3), Duration.ofDays(7));
    JsonNode reroute =
        json("reroute", "ROLLOUT5", "devbox4-wifi", "change=set bsp/pantavisor=" + f.pantavisorSha);
    assertThat(reroute.get("rerouted").asInt()).isEqualTo(1);
    assertThat(reroute.get("state").asText()).isEqualTo("ACTIVE");
    JsonNode backout = json("backout", "ROLLOUT5");
    assertThat(backout.get("action").asText()).isEqualTo("backout");
    assertThat(backout.get("state").asText()).isEqualTo("ABORTED");

    assertThat(f.cli("retry", "no-such-wifi@1")).isEqualTo(1);
    assertThat(f.err())
        .isEqualTo(
            "bigger-fleet: Unknown device 'no-such-wifi': no fleet device has that id or nick\n");
  }

  @Test
  void loginAndLogout_withJson_sayWhoAndWhere_neverTheSecret() throws Exception {
    StringWriter out = new StringWriter();
    CliEnvironment env = CliEnvironment.builder()
        .env(Map.of(CliHome.ENV, home.toString()))
        .clock(f.clock)
        .in(new StringReader("user1\n"))
        .build();
    String hub = f.sim.baseUri().toString().replaceAll("/$", "");
    assertThat(BiggerFleetCli.run(
            new String[] {"--json", "--hub", hub, "login", "user1", "--password"},
            new PrintWriter(out, true),
            new PrintWriter(new StringWriter(), true),
            env))
        .isZero();
    assertThat(JSON.readTree(out.toString()).toString())
        .isEqualTo("{\"action\":\"login\",\"hub\":\"" + hub
            + "\",\"user\":\"user1\",\"method\":\"password\"}");

    assertThat(json("logout").toString())
        .isEqualTo("{\"action\":\"logout\",\"hub\":\"" + hub + "\",\"tokenDeleted\":true}");
  }
}
