package io.biggerfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.pantahub.sim.PantahubSimulator;
import io.biggerfleet.pantahub.sim.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged CLI, {@code target/bigger-fleet} (launcher + shaded jar), run as a user runs it: as a
 * process, against a simulator on loopback. Runs in the {@code verify} phase, after packaging.
 */
class PackagedCliIT {
  static final Path LAUNCHER = Path.of("target", "bigger-fleet");

  @TempDir
  Path home;

  record Result(int code, String out, String err) {}

  Result run(String stdin, String... args) throws IOException, InterruptedException {
    List<String> cmd =
        new java.util.ArrayList<>(List.of(LAUNCHER.toAbsolutePath().toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("BIGGER_FLEET_HOME", home.toString());
    Path out = home.resolve("out.txt");
    Path err = home.resolve("err.txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished within 60 s").isTrue();
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void launcher_isExecutable_andPrintsVersionWithCommit() throws Exception {
    assertThat(Files.isExecutable(LAUNCHER)).isTrue();

    Result r = run("", "--version");

    assertThat(r.code()).isZero();
    assertThat(r.out())
        .matches("(?s)bigger-fleet \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit [0-9a-f]{7,}.*\\)\\s*");
  }

  @Test
  void help_listsEveryWalkthroughCommand() throws Exception {
    Result r = run("", "--help");

    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains(
            "login",
            "add-devices",
            "devices",
            "attributes",
            "tags",
            "addgroup",
            "ls",
            "rollouts",
            "rollout-delete",
            "failures",
            "retry",
            "reroute",
            "backout",
            "run",
            "sim",
            "demo");
  }

  @Test
  void unknownCommand_exitsTwo_withOneLine() throws Exception {
    Result r = run("", "frobnicate");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("bigger-fleet: Unmatched argument");
  }

  @Test
  void loginAndImport_againstASimulator_workFromTheLauncher() throws Exception {
    try (PantahubSimulator sim =
        PantahubSimulator.builder().scenario(Scenario.walkthrough()).start()) {
      String hub = sim.baseUri().toString();

      Result login = run("user1\n", "--hub", hub, "login", "user1", "--password");
      Result add = run("", "--hub", hub, "add-devices", "--all");
      Result attrs = run("", "--hub", hub, "attributes", "gardenpool-wifi");

      assertThat(login.code()).as(login.err()).isZero();
      assertThat(login.out()).isEqualTo("Authenticated as 'auth/user1'.\n");
      assertThat(add.out())
          .contains("Thanks for entrusting us the following devices:")
          .contains("11 new");
      assertThat(attrs.out()).contains("Model: 121XPs");
      assertThat(Files.getPosixFilePermissions(home.resolve("tokens.json")))
          .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }
  }
}
