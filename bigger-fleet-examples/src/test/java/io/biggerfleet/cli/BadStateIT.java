package io.biggerfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.pantahub.sim.PantahubSimulator;
import io.biggerfleet.pantahub.sim.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input and bad state, through the packaged launcher: one {@code bigger-fleet:} line with the
 * reason and the way out, the documented exit code, no stack trace, nothing echoed whole.
 */
class BadStateIT {
  @TempDir
  Path tmp;

  Path home;
  Launcher cli;
  PantahubSimulator sim;
  String hub;

  @BeforeEach
  void setUp() throws Exception {
    home = tmp.resolve("state");
    Files.createDirectories(tmp.resolve("logs"));
    cli = new Launcher(home, tmp.resolve("logs"));
    sim = PantahubSimulator.builder().scenario(Scenario.walkthrough()).start();
    hub = sim.baseUri().toString();
    assertThat(cli.run("user1\n", "--hub", hub, "login", "user1", "--password").code())
        .isZero();
    assertThat(cli.run("", "--hub", hub, "add-devices", "--all").code()).isZero();
  }

  @AfterEach
  void tearDown() {
    sim.close();
  }

  static void assertOneLine(Launcher.Result r, int code, String... fragments) {
    assertThat(r.code()).as(r.err()).isEqualTo(code);
    assertThat(r.err())
        .startsWith("bigger-fleet: ")
        .contains(fragments)
        .doesNotContain("\tat ", "Exception:");
    assertThat(r.err().lines().filter(l -> l.startsWith("bigger-fleet: "))).hasSize(1);
  }

  @Test
  void damagedTokenFile_isOneLine_andLoginReplacesIt() throws Exception {
    Files.writeString(home.resolve("tokens.json"), "{\"spec\":\"1\",\"tok");

    assertOneLine(
        cli.run("", "--hub", hub, "devices"), 1, "tokens.json is damaged", "bigger-fleet login");
    Launcher.Result login = cli.run("user1\n", "--hub", hub, "login", "user1", "--password");
    assertThat(login.code()).as(login.err()).isZero();
    assertThat(cli.run("", "--hub", hub, "devices").code()).isZero();
  }

  @Test
  void damagedDatabase_isOneLine_namingTheFileAndTheRecovery_andIsKept() throws Exception {
    Path db = home.resolve("fleet.mv.db");
    Files.writeString(db, "garbage\n".repeat(4000));

    assertOneLine(
        cli.run("", "--hub", hub, "devices"), 1, db + " is damaged", "org.h2.tools.Recover");
    assertThat(Files.readString(db)).isEqualTo("garbage\n".repeat(4000));
  }

  @Test
  void exitCodes_unknownGroupIsOneEverywhere_negativeDurationIsNamed() throws Exception {
    assertOneLine(
        cli.run("", "--hub", hub, "tags", "add", "/no/such", "x"), 1, "Unknown group '/no/such'");
    assertOneLine(
        cli.run(
            "",
            "--hub",
            hub,
            "rollouts",
            "add",
            "R1",
            "change=set kernel=" + "a".repeat(64),
            "devices=/no/such"),
        1,
        "Unknown group '/no/such'");
    assertOneLine(
        cli.run(
            "",
            "--hub",
            hub,
            "rollouts",
            "add",
            "R1",
            "change=set kernel=" + "a".repeat(64),
            "timeout=-1h"),
        2,
        "durations cannot be negative");
  }

  @Test
  void hugeArgument_isNotEchoedWhole() throws Exception {
    String huge = "z".repeat(100_000);

    Launcher.Result r = cli.run("", "--hub", hub, "rollouts", "add", "R1", "colour=" + huge);

    assertOneLine(r, 2, "unknown key 'colour'", "characters cut");
    assertThat(r.err().length()).isLessThan(1_200);
  }
}
