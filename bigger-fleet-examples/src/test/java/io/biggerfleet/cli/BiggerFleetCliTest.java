package io.biggerfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BiggerFleetCliTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return BiggerFleetCli.run(
        args, new PrintWriter(out, true), new PrintWriter(err, true), Map.of());
  }

  @Test
  void version_printsVersionAndCommit() {
    int code = run("--version");

    assertThat(code).isZero();
    assertThat(out.toString())
        .matches("(?s)bigger-fleet \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit [0-9a-f]{7,}.*\\)\\s*");
  }

  @Test
  void unknownCommand_isAUsageError_withOneClearLine() {
    int code = run("frobnicate");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("bigger-fleet: Unmatched argument at index 0: 'frobnicate'")
        .contains("Try 'bigger-fleet --help' for usage.");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void help_listsTheCommandsAndExitCodes() {
    int code = run("--help");

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("demo")
        .contains("generate-completion")
        .contains("Exit codes: 0 ok, 1 failed, 2 usage error.");
  }

  @Test
  void demo_runsTheWalkthroughToADoneRollout() {
    int code = run("demo");

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("$ bigger-fleet login prn::pantahub.com:auth/user1\n")
        .contains("Authenticated as 'auth/user1'.")
        .contains("Thanks for entrusting us the following devices:")
        .containsPattern("Tag \"canary\" added to \\S+@127\\.0\\.0\\.1:\\d+\\.")
        .contains("Created Rollout \"ROLLOUT5\". Currently 11 devices in rollout.")
        .contains("min-success: 100%, soak: 1h") // the canary soaks (issue 16)
        .contains("Error Message: \"app checksum mismatch - download corrupted.\"")
        .contains("Thanks. Scheduled a retry")
        .contains("Rerouting ALLFAIL.")
        .containsPattern(
            "\\$ bigger-fleet rollouts\nROLLOUT5 DONE \\(Succeeded @ .* with 100,100%\\)\n");
  }

  /**
   * The end-to-end run of issue 7: the Pantahub client and the rollout engine against the simulator with
   * 1,011 devices (and the H2 store), a canary and a FINAL step over five simulated days, a failure, a
   * retry and a reroute — every device ends having reported success.
   */
  @Test
  void demo_withAThousandMoreDevices_takesEveryDeviceThroughTheRollout() {
    int code = run("demo", "--devices", "1000", "--seed", "3");

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("and 1,000 generated ones")
        .contains("1011 new, 0 updated, 0 unchanged")
        .contains("Created Rollout \"ROLLOUT5\". Currently 1011 devices in rollout.")
        .containsPattern(
            "2\\. ALL +\\[#{20}\\] +100% reported, 100% success \\(1009/1009\\) PASSED\n"
                + "Rollout ROLLOUT5 ended DONE\\.")
        .containsPattern("ROLLOUT5 DONE \\(Succeeded @ .* with 100,100%\\)");
  }

  @Test
  void completionScript_isGenerated() {
    int code = run("generate-completion");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("bigger-fleet").contains("complete");
  }

  @Test
  void home_defaultsToDotBiggerFleet_andHonoursTheEnvironment() {
    assertThat(CliHome.from(Map.of()).dir().toString()).endsWith(".bigger-fleet");
    assertThat(CliHome.from(Map.of(CliHome.ENV, "/tmp/bf-home")).dir().toString())
        .isEqualTo("/tmp/bf-home");
  }

  @Test
  void home_isCreatedOwnerOnly(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
      throws Exception {
    CliHome home = CliHome.from(Map.of(CliHome.ENV, tmp.resolve("state").toString()));

    java.nio.file.Path dir = home.ensure();

    assertThat(java.nio.file.Files.getPosixFilePermissions(dir))
        .containsExactlyInAnyOrderElementsOf(
            java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
  }
}
