package io.biggerfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input to the rollout commands: one line naming the problem, exit 2 for bad input, 1 for a
 * refused operation (unknown rollout, wrong state, conflict), and nothing stored or changed.
 */
class RolloutCommandsBadInputTest {
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

  private List<String> storedRollouts() {
    try (CliSession s = f.session()) {
      return s.fleet().rollouts().list().stream().map(Rollout::name).toList();
    }
  }

  private void assertOneErrorLine(int code, int expected, String... fragments) {
    assertThat(code).isEqualTo(expected);
    assertThat(f.out()).isEmpty();
    assertThat(f.err()).startsWith("bigger-fleet: ").contains(fragments);
  }

  @Test
  void add_withBadSuccess_namesSuccess_exit2_storesNothing() {
    int code = f.cli("rollouts", "add", "R6", change, "success=85%;99%");

    assertOneErrorLine(code, 2, "success '85%;99%' must be two percentages");
    assertThat(f.err().lines()).hasSize(1);
    assertThat(storedRollouts()).isEmpty();
  }

  @Test
  void add_withBadTime_showsTheCaret_exit2_storesNothing() {
    int code = f.cli("rollouts", "add", "R6", change, "time=5x");

    assertOneErrorLine(code, 2, "time '5x' is not a duration: unknown unit 'x'", "  5x\n   ^");
    assertThat(storedRollouts()).isEmpty();
  }

  @Test
  void add_withUnknownKey_namesItAndTheKnownKeys_exit2() {
    int code = f.cli("rollouts", "add", "R6", change, "colour=red");

    assertOneErrorLine(
        code, 2, "unknown key 'colour' in 'colour=red'; known keys: change, message, devices");
    assertThat(storedRollouts()).isEmpty();
  }

  @Test
  void add_withUnknownGroup_namesTheDevicesKeyAndSuggestsGroupsAndAddgroup_exit1_storesNothing() {
    int code = f.cli("rollouts", "add", "R6", change, "devices=/no/such/group");

    assertOneErrorLine(
        code,
        1,
        "devices=/no/such/group: Unknown group '/no/such/group'; list groups with: bigger-fleet groups; "
            + "add one with: bigger-fleet addgroup PARENT PATH EXPRESSION...");
    assertThat(storedRollouts()).isEmpty();
  }

  @Test
  void add_withBadChange_pointsAtTheColumn_exit2() {
    int code = f.cli("rollouts", "add", "R6", "change=set kernel=aq921391231239awd");

    assertOneErrorLine(
        code, 2, "change: 'aq921391231239awd' is not an object reference", "(column 12)");
    assertThat(storedRollouts()).isEmpty();
  }

  @Test
  void add_withoutChange_saysHowToGiveOne_exit2() {
    int code = f.cli("rollouts", "add", "R6", "devices=/");

    assertOneErrorLine(code, 2, "rollouts add R6 needs change=..., e.g. change=");
    assertThat(storedRollouts()).isEmpty();
  }

  @Test
  void add_withPolicies_storesThem() {
    int code = f.cli(
        "rollouts",
        "add",
        "R6",
        change,
        "retries=3",
        "backoff=5m",
        "late-joiners=join-final",
        "on-gate-failure=backout",
        "--json");

    assertThat(code).isZero();
    assertThat(f.out()).contains("\"name\" : \"R6\"", "\"state\" : \"DRAFT\"", "\"devices\" : 11");
    Rollout r = f.rollout("R6");
    assertThat(r.retry().maxAttempts()).isEqualTo(3);
    assertThat(r.retry().backoff()).hasMinutes(5);
    assertThat(r.lateJoiners()).isEqualTo(io.biggerfleet.model.LateJoinerPolicy.JOIN_FINAL);
    assertThat(r.onGateFailure()).isEqualTo(io.biggerfleet.model.GateFailurePolicy.BACK_OUT);
  }

  @Test
  void add_withBadPolicy_exit2_storesNothing() {
    int code = f.cli("rollouts", "add", "R6", change, "late-joiners=sometimes");

    assertOneErrorLine(code, 2, "late-joiners= must be ignore or join-final, not 'sometimes'");
    assertThat(storedRollouts()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"show", "activate", "plan", "--devices"})
  void unknownRollout_isNamed_exit1(String form) {
    int code = form.equals("show")
        ? f.cli("rollouts", "NOPE")
        : form.startsWith("--") ? f.cli("rollouts", "NOPE", form) : f.cli("rollouts", "NOPE", form);

    assertOneErrorLine(code, 1, "Unknown rollout 'NOPE'");
  }

  @Test
  void unknownAction_listsTheActions_exit2() {
    f.cli("rollouts", "add", "R6", change);

    int code = f.cli("rollouts", "R6", "frobnicate");

    assertOneErrorLine(code, 2, "rollouts R6: unknown action 'frobnicate'; actions: plan, stepadd");
  }

  @Test
  void stepadd_withUnknownGroup_exit1_leavesTheDraftUnchanged() {
    f.cli("rollouts", "add", "R6", change);

    int code = f.cli("rollouts", "R6", "stepadd", "devices=/no/such");

    assertOneErrorLine(code, 1, "devices=/no/such: Unknown group '/no/such'");
    assertThat(f.rollout("R6").steps()).isEmpty();
  }

  @Test
  void editingAnActiveRollout_isRefused_exit1_andChangesNothing() {
    f.cli("rollouts", "add", "R6", change);
    f.cli("rollouts", "R6", "stepadd", "devices=/specialsets/canary");
    f.cli("rollouts", "R6", "activate");
    Rollout before = f.rollout("R6");

    assertOneErrorLine(
        f.cli("rollouts", "R6", "stepadd", "devices=/specialsets/canary"),
        1,
        "Cannot add a step to rollout 'R6': it is ACTIVE; only a DRAFT can be changed");
    assertOneErrorLine(
        f.cli("rollout", "R6", "step-delete", "1"),
        1,
        "Cannot delete a step of rollout 'R6': it is ACTIVE");
    assertOneErrorLine(
        f.cli("rollout-delete", "R6"), 1, "Cannot delete rollout 'R6': it is ACTIVE");
    assertOneErrorLine(
        f.cli("rollouts", "R6", "activate"), 1, "Cannot activate rollout 'R6': it is ACTIVE");

    Rollout after = f.rollout("R6");
    assertThat(after.steps()).isEqualTo(before.steps());
    assertThat(after.state()).isEqualTo(RolloutState.ACTIVE);
  }

  @Test
  void activatingAnOverlappingRollout_listsTheConflictingDevices_exit1() {
    f.cli("rollouts", "add", "R6", change, "devices=/");
    f.cli("rollouts", "add", "R7", change, "devices=/specialsets/canary");
    f.cli("rollouts", "R6", "activate");

    int code = f.cli("rollouts", "R7", "activate");

    assertOneErrorLine(
        code,
        1,
        "Cannot activate rollout 'R7': 2 devices are already in a running rollout: ",
        f.ids.get("devbox3-wifi") + " (in R6)",
        f.ids.get("gardenpool-wifi") + " (in R6)");
    assertThat(f.rollout("R7").state()).isEqualTo(RolloutState.DRAFT);
  }

  @Test
  void pauseResumeAbort_sayWhatHappened_andIllegalMovesAreRefused() {
    f.cli("rollouts", "add", "R6", change);
    f.cli("rollouts", "R6", "activate");

    assertThat(f.cli("rollouts", "R6", "pause")).isZero();
    assertThat(f.out()).startsWith("Pausing rollout R6; nothing new will be posted.");
    assertThat(f.cli("rollouts")).isZero();
    assertThat(f.out()).isEqualTo("R6 PAUSED (Step: 1/1, Paused since: 0 minutes)\n");
    assertOneErrorLine(
        f.cli("rollouts", "R6", "pause"), 1, "Cannot pause rollout 'R6': it is PAUSED, not ACTIVE");

    assertThat(f.cli("rollouts", "R6", "resume")).isZero();
    assertThat(f.out()).startsWith("Resuming rollout R6;");
    assertThat(f.cli("rollouts", "R6", "abort")).isZero();
    assertThat(f.out()).startsWith("Aborting rollout R6;");
    assertThat(f.rollout("R6").state()).isEqualTo(RolloutState.ABORTED);
    assertThat(f.cli("rollouts", "R6", "--devices")).isZero();
    assertThat(f.out().lines()).hasSize(11).allMatch(l -> l.contains(" [ABORT]  step 1  "));
    assertOneErrorLine(f.cli("backout", "R6"), 1, "it is ABORTED, which is final");
    assertThat(f.rollout("R6").run().backout()).isEmpty();
  }

  @Test
  void retryAndReroute_badInput() {
    f.cli("rollouts", "add", "R6", change);
    f.cli("rollouts", "R6", "activate");

    assertOneErrorLine(
        f.cli("retry", f.ids.get("bathroom-wifi") + "@1"), 1, "Unknown failed device at step");
    assertOneErrorLine(f.cli("retry", "garbage"), 2, "retry needs DEVICE@step");
    assertOneErrorLine(f.cli("retry"), 2, "retry needs either DEVICE@STEP");
    assertOneErrorLine(f.cli("reroute", "R6", "ALLFAIL"), 2, "reroute R6 needs change=...");
    assertOneErrorLine(
        f.cli("reroute", "R6", "ALLFAIL", "change=set kernel=zz"),
        2,
        "change: 'zz' is not an object reference");
    assertThat(f.cli("retry", "--all", "R6")).isZero();
    assertThat(f.out()).isEqualTo("No failed devices in rollout 'R6'; nothing to retry.\n");
    assertThat(f.cli("failures", "R6")).isZero();
    assertThat(f.out()).isEqualTo("No failed devices in rollout 'R6'.\n");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"rollouts", "rollout", "rollout-delete", "failures", "retry", "reroute", "backout"
      })
  void everyRolloutCommand_hasHelpWithAnExample(String command) {
    int code = f.cli(command, "--help");

    assertThat(code).isZero();
    assertThat(f.out())
        .contains("Usage:")
        .containsPattern("Examples?:\n  bigger-fleet ")
        .contains("Exit codes:");
  }

  @Test
  void rolloutsHelp_listsEveryForm() {
    f.cli("rollouts", "--help");

    assertThat(f.out())
        .contains(
            "rollouts add NAME change=...",
            "rollouts NAME stepadd devices=...",
            "step-delete N",
            "activate|pause|resume|abort",
            "--watch",
            "--devices",
            "success=85%,99%");
  }

  @Test
  void rootHelp_listsTheRolloutCommands() {
    f.cli("--help");

    assertThat(f.out())
        .contains("rollouts, rollout", "rollout-delete", "failures", "retry", "reroute", "backout");
  }

  @Test
  void add_withNegativeTimeout_saysDurationsCannotBeNegative_exit2() {
    int code = f.cli("rollouts", "add", "R6", change, "timeout=-1h");

    assertOneErrorLine(
        code, 2, "timeout '-1h' is not a duration: durations cannot be negative at position 1");
    assertThat(storedRollouts()).isEmpty();
  }

  @Test
  void add_withTimeZero_isAccepted_andPostsTheStepAtOnce() {
    assertThat(f.cli("rollouts", "add", "R6", change, "time=0s")).as(f.err()).isZero();
    assertThat(f.cli("rollouts", "R6", "activate")).as(f.err()).isZero();

    assertThat(f.cli("rollouts", "R6", "--devices")).isZero();
    assertThat(f.out().lines().filter(l -> l.contains("step 1")))
        .hasSize(11)
        .noneMatch(l -> l.contains("QUEUE"));
  }

  /** A token the hub refuses, in the token file (the fixture's cli() would log in afresh). */
  private int withRefusedLogin(String... args) throws Exception {
    String hub = f.sim.baseUri().toString().replaceAll("/$", "");
    java.nio.file.Files.writeString(
        home.resolve(CliSession.TOKEN_FILE),
        "{\"spec\":\"1\",\"tokens\":{\"" + hub + "\":{\"access-token\":\"refused-by-the-hub\"}}}");
    f.out = new java.io.StringWriter();
    f.err = new java.io.StringWriter();
    return BiggerFleetCli.run(
        args, new java.io.PrintWriter(f.out, true), new java.io.PrintWriter(f.err, true), f.env());
  }

  @Test
  void backout_withARefusedLogin_exit1_andStoresNothing() throws Exception {
    assertThat(f.cli("rollouts", "add", "R6", change, "time=0s")).as(f.err()).isZero();
    assertThat(f.cli("rollouts", "R6", "activate")).as(f.err()).isZero();

    int code = withRefusedLogin("backout", "R6");

    assertThat(code).isEqualTo(1);
    assertThat(f.err())
        .contains("bigger-fleet: The hub refused the login")
        .doesNotContain("refused-by-the-hub");
    assertThat(f.out()).isEmpty();
    assertThat(f.rollout("R6").state()).isEqualTo(RolloutState.ACTIVE);
    assertThat(f.rollout("R6").run().backout()).isEmpty();
    assertThat(storedRollouts()).containsExactly("R6");
  }

  @Test
  void abortAndPause_withARefusedLogin_exit1_andChangeNothing() throws Exception {
    assertThat(f.cli("rollouts", "add", "R6", change, "time=0s")).as(f.err()).isZero();
    assertThat(f.cli("rollouts", "R6", "activate")).as(f.err()).isZero();

    assertThat(withRefusedLogin("rollouts", "R6", "abort")).isEqualTo(1);
    assertThat(withRefusedLogin("rollouts", "R6", "pause")).isEqualTo(1);

    assertThat(f.rollout("R6").state()).isEqualTo(RolloutState.ACTIVE);
  }
}
