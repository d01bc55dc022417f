package io.biggerfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stepadd approve= abort=} and {@code bigger-fleet approve ROLLOUT [STEP]} over the simulator. */
class ApprovalAndAbortCliTest {
  @TempDir
  Path home;

  RolloutCliFixture f;
  String change;

  @BeforeEach
  void setUp() {
    f = new RolloutCliFixture(home);
    change = "change=set kernel=" + f.kernelSha;
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void stepadd_withATypoInAbort_showsTheColumnAndCaret_exit2_andLeavesTheDraftUnchanged() {
    f.cli("rollouts", "add", "R6", change);

    int code = f.cli(
        "rollouts", "R6", "stepadd", "devices=/specialsets/canary", "abort=failed>5% stauts=ERROR");

    assertThat(code).isEqualTo(2);
    assertThat(f.out()).isEmpty();
    assertThat(f.err())
        .startsWith("bigger-fleet: abort: unknown term 'stauts' (column 11)")
        .contains("  failed>5% stauts=ERROR\n            ^");
    assertThat(f.rollout("R6").steps()).isEmpty();
  }

  @Test
  void stepadd_withApproveAndAbort_storesThem_andTheDetailJsonShowsThem() {
    f.cli("rollouts", "add", "R6", change);

    int code = f.cli(
        "rollouts",
        "R6",
        "stepadd",
        "devices=/specialsets/canary",
        "approve=user1,ops",
        "abort=failed>1 msg~'segmentation fault'");

    assertThat(code).isZero();
    assertThat(f.rollout("R6").steps().get(0).config().guards().toString())
        .isEqualTo("approve: user1, ops, abort: failed>1 msg~'segmentation fault'");
    f.cli("rollouts", "R6", "--json");
    assertThat(f.out())
        .contains(
            "\"approve\" : [ \"user1\", \"ops\" ]",
            "\"abort\" : \"failed>1 msg~'segmentation fault'\"");
  }

  @Test
  void approve_startsTheWaitingStep_asTheLoggedInUser_andTheDetailViewSaysWhoAndWhen() {
    f.cli("rollouts", "add", "R6", change, "time=1h", "timeout=1h", "success=0%,0%");
    f.cli(
        "rollouts",
        "R6",
        "stepadd",
        "devices=/specialsets/canary",
        "approve=true",
        "time=1h",
        "timeout=1h",
        "success=0%,0%");
    f.cli("rollouts", "R6", "activate");
    f.cli("rollouts", "R6");
    assertThat(f.out())
        .contains(
            "Status: AWAITING_APPROVAL",
            "Step 1 waits for approval (may approve: anyone): " + "bigger-fleet approve R6 1");
    f.cli("rollouts");
    assertThat(f.out()).contains("R6 AWAITING_APPROVAL (Step: 1/2, Waiting since: ");

    assertThat(f.cli("approve", "R6", "2")).isEqualTo(2);
    assertThat(f.err()).contains("Rollout 'R6' waits for approval of step 1/2, not step 2");
    int code = f.cli("approve", "R6");

    assertThat(code).isZero();
    assertThat(f.out())
        .startsWith("Approved step 1/2 of R6 as ")
        .contains("; it starts now.", "R6 ACTIVE (Step: 1/2");
    Rollout r =
        f.runUntil("R6", x -> x.state().isFinished(), Duration.ofMinutes(10), Duration.ofHours(6));
    assertThat(r.state()).isEqualTo(RolloutState.DONE);
    f.cli("rollouts", "R6");
    assertThat(f.out()).contains("Step 1 approved by ");
  }

  @Test
  void
      watch_keepsWatchingWhileAStepWaitsForApproval_andFollowsTheRolloutOnceAnotherOperatorApproves() {
    f.cli("rollouts", "add", "R6", change, "time=1h", "timeout=1h", "success=0%,0%");
    f.cli(
        "rollouts",
        "R6",
        "stepadd",
        "devices=/specialsets/canary",
        "approve=true",
        "time=1h",
        "timeout=1h",
        "success=0%,0%");
    f.cli("rollouts", "R6", "activate");
    f.onSleep = n -> {
      if (n == 5) { // another operator approves while the watch runs
        try (CliSession s = f.session()) {
          s.fleet().rollouts().approve("R6", 1, "ops");
        }
      }
    };

    int code = f.cli("rollouts", "R6", "--watch", "--interval", "10m");

    assertThat(code).isZero(); // it watched on through the wait and the approval to DONE
    assertThat(f.out())
        .startsWith("R6 AWAITING_APPROVAL (Step: 1/2")
        .contains("\nR6 ACTIVE (Step: 1/2")
        .containsPattern("\nR6 DONE \\(Succeeded @ [^\n]*\n");
    assertThat(f.err())
        .as("the watch outlived the 60-minute token without losing the login")
        .isEmpty();
  }

  @Test
  void approve_whenNothingWaits_isRefused_exit1() {
    f.cli("rollouts", "add", "R6", change);
    f.cli("rollouts", "R6", "activate");

    int code = f.cli("approve", "R6");

    assertThat(code).isEqualTo(1);
    assertThat(f.err())
        .startsWith(
            "bigger-fleet: Cannot approve a step of rollout 'R6': it is ACTIVE, not AWAITING_APPROVAL");
  }
}
