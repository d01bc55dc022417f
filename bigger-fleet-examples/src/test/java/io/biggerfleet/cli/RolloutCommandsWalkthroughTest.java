package io.biggerfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walkthrough's "Rollouts" and "Errors and Resolutions" sections through the CLI, in-process,
 * against the Pantahub simulator on a manual clock: ROLLOUT5 drafted, shown, edited, deleted, drafted
 * again, activated, watched until the canary fails, failures listed, retried, the FINAL failure
 * rerouted, finished, and backed out (see {@link RolloutCliFixture} for the failure rules).
 */
class RolloutCommandsWalkthroughTest {
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

  static String[] addRollout5(RolloutCliFixture f) {
    return new String[] {
      "rollouts",
      "add",
      "ROLLOUT5",
      "change=set kernel=prn::pantahub.com:objects:/" + f.kernelSha,
      "message=update kernel across device fleet",
      "devices=/",
      "time=5d",
      "timeout=12h",
      "success=85%,99%"
    };
  }

  static String[] stepAddCanary() {
    return new String[] {
      "rollouts",
      "ROLLOUT5",
      "stepadd",
      "devices=/specialsets/canary",
      "time=4h",
      "timeout=1h",
      "success=100%,100%"
    };
  }

  private String id(String nick) {
    return f.ids.get(nick).toString();
  }

  @Test
  void rollout5_draftShowEditDelete_printsTheWalkthroughLines() {
    assertThat(f.cli(addRollout5(f))).isZero();
    assertThat(f.out())
        .isEqualTo("Created Rollout \"ROLLOUT5\". Currently 11 devices in rollout.\n");

    assertThat(f.cli(stepAddCanary())).isZero();
    assertThat(f.out()).isEqualTo("Added step for '/specialsets/canary'\n");

    assertThat(f.cli("rollouts", "ROLLOUT5")).isZero();
    assertThat(f.out())
        .startsWith(
            "Status: DRAFT\n"
                + "1. '/specialsets/canary' - status: DRAFT; config: time 4h, timeout 1h, min-reports: 100%, min-success: 100%\n"
                + "FINAL. ALL - status: DRAFT; config: time 5d, timeout 12h, min-reports: 85%, min-success: 99%\n"
                + "\nPlan if activated now:\n"
                + "  1. '/specialsets/canary' - 2 devices, Mar 2, 2026 - 09:00:00 UTC to Mar 2, 2026 - 14:00:00 UTC at the latest")
        .contains(
            "  FINAL. ALL - 9 devices, Mar 2, 2026 - 14:00:00 UTC to Mar 8, 2026 - 02:00:00 UTC at the latest")
        .endsWith("  Total: 11 devices\n");

    assertThat(f.cli("rollouts")).isZero();
    assertThat(f.out()).isEqualTo("ROLLOUT5 DRAFT (Step 0/2, ETA: 6 days)\n");

    assertThat(f.cli("rollout", "ROLLOUT5", "step-delete", "1")).isZero();
    assertThat(f.out()).isEqualTo("Deleted step 1 from 'ROLLOUT5'.\n");
    assertThat(f.rollout("ROLLOUT5").steps()).isEmpty();

    assertThat(f.cli("rollout-delete", "ROLLOUT5")).isZero();
    assertThat(f.out()).isEqualTo("Deleted rollout DRAFT 'ROLLOUT5'.\n");
    assertThat(f.cli("rollouts")).isZero();
    assertThat(f.out()).startsWith("No rollouts yet.");
  }

  @Test
  void rollout5_planAndDetail_asJson() throws Exception {
    f.cli(addRollout5(f));
    f.cli(stepAddCanary());

    assertThat(f.cli("rollouts", "ROLLOUT5", "plan", "--json")).isZero();
    JsonNode plan = JSON.readTree(f.out());
    assertThat(plan.get("rollout").asText()).isEqualTo("ROLLOUT5");
    assertThat(plan.get("devices").asInt()).isEqualTo(11);
    assertThat(plan.get("steps").get(0).get("selector").asText()).isEqualTo("/specialsets/canary");
    assertThat(plan.get("steps").get(0).get("devices").asInt()).isEqualTo(2);
    assertThat(plan.get("steps").get(1).get("final").asBoolean()).isTrue();
    assertThat(plan.get("steps").get(1).get("gateAt").asText()).isEqualTo("2026-03-08T02:00:00Z");
    assertThat(plan.get("steps").get(1).get("config").get("minSuccessPercent").asDouble())
        .isEqualTo(99.0);

    assertThat(f.cli("--json", "rollouts", "ROLLOUT5")).isZero();
    JsonNode detail = JSON.readTree(f.out());
    assertThat(detail.get("state").asText()).isEqualTo("DRAFT");
    assertThat(detail.get("change").asText()).isEqualTo("set kernel=" + f.kernelSha);
    assertThat(detail.get("stepDetails").get(0).get("config").get("time").asText())
        .isEqualTo("4h");
    assertThat(detail.get("plan").get("devices").asInt()).isEqualTo(11);

    assertThat(f.cli("rollouts", "--json")).isZero();
    JsonNode list = JSON.readTree(f.out());
    assertThat(list.get("rollouts").get(0).get("status").asText())
        .isEqualTo("ROLLOUT5 DRAFT (Step 0/2, ETA: 6 days)");
  }

  @Test
  void rollout5_activatedWatchedRetriedReroutedAndBackedOut() throws Exception {
    f.cli(addRollout5(f));
    f.cli(stepAddCanary());

    assertThat(f.cli("rollouts", "ROLLOUT5", "activate")).isZero();
    assertThat(f.out())
        .isEqualTo(
            "Activating rollout ROLLOUT5; Scheduled.\n"
                + "11 devices in 2 steps; ETA: 6 days at the latest. Watch it with: bigger-fleet rollouts ROLLOUT5 --watch\n");

    assertThat(f.cli("rollouts", "ROLLOUT5")).isZero();
    assertThat(f.out())
        .isEqualTo("Status: ACTIVE\n"
            + "1. '/specialsets/canary' - status: INPROGRESS, ETA 5h, progress: 0%, success: 0%\n"
            + "2. ALL - status: QUEUE\n");

    // the canary: gardenpool-wifi succeeds, devbox3-wifi fails (corrupt CDN) -> the gate fails
    // early
    assertThat(f.cli("rollouts", "ROLLOUT5", "--watch", "--interval", "2m")).isEqualTo(1);
    assertThat(f.out())
        .startsWith(
            "ROLLOUT5 ACTIVE (Step: 1/2, Running since: 0 minutes; ETA: 6 days)\n"
                + "  1. '/specialsets/canary' [....................]     0% reported, 0% success (0/2) INPROGRESS, gate in 5 hours\n"
                + "  2. ALL                   [....................]     0% reported, 0% success (0/9) QUEUE\n")
        .containsPattern("\nROLLOUT5 ERROR \\(Failed @ Step: 1/2, ERROR: (100,50|50,0)%\\)\n"
            + "  1. '/specialsets/canary' \\[(#{20}|#{10}\\.{10})\\] +(100|50)% reported, (50|0)% success \\((2|1)/2\\) FAILED\n"
            + "  2. ALL                   \\[\\.{20}\\]     0% reported, 0% success \\(0/9\\) QUEUE\n"
            + "Rollout ROLLOUT5 ended ERROR.\n$");
    // No ACTIVE block between the first and the ERROR one is asserted: which canary is posted first
    // follows
    // the device ids (the CLI's carry the simulator's port), and both reports may land between two
    // refreshes,
    // so whether --watch shows a change before the gate fails is not fixed in this scenario.
    assertThat(f.clock.instant()).isBefore(java.time.Instant.parse("2026-03-02T14:00:00Z"));

    assertThat(f.cli("rollouts", "ROLLOUT5")).isZero();
    assertThat(f.out())
        .startsWith("Status: ERROR\n1. '/specialsets/canary' - status: FAILED, ")
        .endsWith("2. ALL - status: QUEUE\n1 failed device: bigger-fleet failures ROLLOUT5\n");

    assertThat(f.cli("failures", "ROLLOUT5")).isZero();
    assertThat(f.out())
        .startsWith(id("devbox3-wifi") + "@1  \"update kernel across device fleet\"\n"
            + "Error Message: \"app checksum mismatch - download corrupted.\"\n"
            + "Device: devbox3-wifi\n")
        .contains(
            "1 failed device. Retry one with: bigger-fleet retry " + id("devbox3-wifi") + "@1");

    assertThat(f.cli("rollouts", "ROLLOUT5", "--devices")).isZero();
    assertThat(f.out().lines())
        .contains(
            id("devbox3-wifi")
                + " [ERROR: app checksum mismatch - download corrupted.]  step 1  devbox3-wifi",
            id("devbox4-wifi") + " [QUEUE]  step 2  devbox4-wifi")
        .hasSize(11);

    // the CDN is fixed; a retry lets the canary pass; then devbox4-wifi fails in FINAL
    f.setUserMeta("devbox3-wifi", "cdn", "ok");
    assertThat(f.cli("retry", id("devbox3-wifi") + "@1")).isZero();
    assertThat(f.out()).isEqualTo("Thanks. Scheduled a retry\n");
    assertThat(f.rollout("ROLLOUT5").state()).isEqualTo(RolloutState.ACTIVE);
    Rollout r = f.runUntil(
        "ROLLOUT5", x -> x.state() != RolloutState.ACTIVE, Duration.ofHours(3), Duration.ofDays(7));
    assertThat(r.state()).isEqualTo(RolloutState.ERROR);

    assertThat(f.cli("rollouts")).isZero();
    assertThat(f.out()).startsWith("ROLLOUT5 ERROR (Failed @ Step: 2/2, ERROR: ");
    assertThat(f.cli("failures", "ROLLOUT5", "--json")).isZero();
    JsonNode failures = JSON.readTree(f.out()).get("failures");
    assertThat(failures).hasSize(1);
    assertThat(failures.get(0).get("nick").asText()).isEqualTo("devbox4-wifi");
    assertThat(failures.get(0).get("retry").asText()).isEqualTo(id("devbox4-wifi") + "@2");
    assertThat(failures.get(0).get("message").asText())
        .isEqualTo("starting new kernel failed - segmentation fault");

    // reroute: devbox4-wifi first gets a new pantavisor, then the kernel again
    assertThat(
            f.cli("reroute", "ROLLOUT5", "ALLFAIL", "change=set bsp/pantavisor=" + f.pantavisorSha))
        .isZero();
    assertThat(f.out())
        .startsWith(
            "Rerouting ALLFAIL.\n1 device of 'ROLLOUT5' takes the detour 'set bsp/pantavisor=");
    r = f.runUntil(
        "ROLLOUT5", x -> x.state() != RolloutState.ACTIVE, Duration.ofHours(3), Duration.ofDays(7));
    assertThat(r.state()).isEqualTo(RolloutState.DONE);
    assertThat(f.cli("rollouts", "ROLLOUT5", "--devices")).isZero();
    assertThat(f.out().lines()).hasSize(11).allMatch(l -> l.contains(" [OK]  step "));
    assertThat(f.cli("rollouts")).isZero();
    assertThat(f.out())
        .matches(
            "ROLLOUT5 DONE \\(Succeeded @ Mar \\d, 2026 - \\d\\d:\\d\\d:\\d\\d UTC with 100,100%\\)\n");

    // backout: everything took the change, so everything rolls back through ROLLOUT5-backout
    assertThat(f.cli("backout", "ROLLOUT5")).isZero();
    assertThat(f.out())
        .isEqualTo(
            "Backing out rollout ROLLOUT5: cancelled 0 devices (ABORT), rolling back 11 devices "
                + "(ROLLBACK).\nThe revert runs as rollout ROLLOUT5-backout. Watch it with: bigger-fleet rollouts "
                + "ROLLOUT5-backout --watch\n");
    assertThat(f.cli("rollouts", "ROLLOUT5-backout", "--watch", "--interval", "2m"))
        .isZero();
    assertThat(f.out())
        .endsWith("  1. ALL [####################]   100% reported, 100% success (11/11) PASSED\n"
            + "Rollout ROLLOUT5-backout ended DONE.\n");
    assertThat(f.cli("rollouts", "ROLLOUT5", "--devices", "--json")).isZero();
    JsonNode devices = JSON.readTree(f.out()).get("devices");
    assertThat(devices).hasSize(11);
    devices.forEach(d -> assertThat(d.get("status").asText()).isEqualTo("ROLLED_BACK"));
    assertThat(devices.get(0).get("view").asText()).isEqualTo("[ROLLBACK]");
    assertThat(f.cli("rollouts")).isZero();
    assertThat(f.out())
        .contains(
            "ROLLOUT5 ABORTED (Aborted @ Step: 2/2, ",
            "; backed out by ROLLOUT5-backout)\n",
            "ROLLOUT5-backout DONE (Succeeded @ ");
  }
}
