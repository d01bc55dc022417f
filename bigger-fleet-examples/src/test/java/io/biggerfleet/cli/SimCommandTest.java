package io.biggerfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.pantahub.Sleeper;
import io.biggerfleet.pantahub.sim.SimClock;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bigger-fleet sim} starts a hub a new user can work with at once: it says where it listens,
 * holds a demo kernel object and prints its sha (so a first rollout has an object to reference), and
 * with {@code --speed N} runs its time N times faster. The wait until Ctrl-C is the injected sleeper,
 * which here plays the user's other terminal and then returns (the simulator stops).
 */
class SimCommandTest {
  @TempDir
  Path home;

  final SimClock clock = SimClock.at("2026-03-02T09:00:00Z");
  final StringWriter simOut = new StringWriter();
  String userOut = "";

  private int cli(Path state, String stdin, StringWriter out, Sleeper sleeper, String... args) {
    CliEnvironment env = CliEnvironment.builder()
        .env(Map.of(CliHome.ENV, state.toString()))
        .clock(clock)
        .in(new StringReader(stdin))
        .sleeper(sleeper)
        .build();
    return BiggerFleetCli.run(
        args, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), env);
  }

  @Test
  void sim_printsItsHubAndTheDemoKernelSha_whichTheHubAlreadyHolds() throws Exception {
    Path user = Files.createDirectory(home.resolve("user"));
    Sleeper otherTerminal = d -> {
      Matcher hub =
          Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(simOut.toString());
      assertThat(hub.find()).isTrue();
      Path kernel = user.resolve("kernel.img");
      try {
        Files.write(kernel, SimCommand.DEMO_KERNEL);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      StringWriter o = new StringWriter();
      assertThat(cli(
              user.resolve("state"),
              "user1\n",
              o,
              Sleeper.system(),
              "--hub",
              hub.group(1),
              "login",
              "user1",
              "--password"))
          .isZero();
      assertThat(cli(
              user.resolve("state"),
              "",
              o,
              Sleeper.system(),
              "--hub",
              hub.group(1),
              "objects",
              "upload",
              kernel.toString()))
          .isZero();
      userOut = o.toString();
    };

    assertThat(cli(
            home.resolve("sim"), "", simOut, otherTerminal, "sim", "--port", "0", "--speed", "60"))
        .isZero();

    String sha = HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("SHA-256").digest(SimCommand.DEMO_KERNEL));
    assertThat(simOut.toString())
        .containsPattern(
            "^Pantahub simulator listening on http://127\\.0\\.0\\.1:\\d+ with 11 devices; "
                + "simulated time runs 60x faster\\.\n")
        .contains("Demo kernel object of user1: " + sha + " (demo/kernel-5.15.img)\n")
        .contains("  bigger-fleet rollouts add R1 change=\"set kernel=" + sha
            + "\" time=10m timeout=5m\n")
        .doesNotContain("password: user1\n  ");
    assertThat(userOut)
        .contains("The hub already has kernel.img (32 bytes) as object " + sha + "\n");
  }

  @Test
  void sim_withSpeedZero_isAUsageErrorNamingTheRange() {
    StringWriter err = new StringWriter();
    CliEnvironment env = CliEnvironment.builder()
        .env(Map.of(CliHome.ENV, home.toString()))
        .clock(clock)
        .build();
    int code = BiggerFleetCli.run(
        new String[] {"sim", "--port", "0", "--speed", "0"},
        new PrintWriter(new StringWriter(), true),
        new PrintWriter(err, true),
        env);
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo("bigger-fleet: --speed must be between 1 and 10000, was 0\n");
  }
}
