package io.biggerfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.pantahub.sim.PantahubSimulator;
import io.biggerfleet.pantahub.sim.Scenario;
import io.biggerfleet.pantahub.sim.SimClock;
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

/** {@code run} keeps the hub session alive: its token is refreshed before it expires, even with no rollout running. */
class RunKeepsSessionAliveTest {
  @TempDir
  Path home;

  final SimClock clock = SimClock.at("2026-03-02T09:00:00Z");
  PantahubSimulator sim;
  String err;

  @BeforeEach
  void startHub() {
    sim = PantahubSimulator.builder()
        .scenario(Scenario.walkthrough())
        .clock(clock)
        .tokenLifetime(Duration.ofMinutes(30))
        .start();
  }

  @AfterEach
  void stopHub() {
    sim.close();
  }

  int cli(String stdin, String... args) {
    StringWriter e = new StringWriter();
    CliEnvironment env = CliEnvironment.builder()
        .env(Map.of(
            CliHome.ENV, home.toString(), CliSession.HUB_ENV, sim.baseUri().toString()))
        .clock(clock)
        .in(new StringReader(stdin))
        .sleeper(sim::advance)
        .build();
    int code = BiggerFleetCli.run(
        args, new PrintWriter(new StringWriter(), true), new PrintWriter(e, true), env);
    err = e.toString();
    return code;
  }

  @Test
  void run_forLongerThanTheTokenLives_refreshesIt_soTheNextCommandStillWorks() {
    assertThat(cli("user1\n", "login", "user1", "--password")).isZero();

    assertThat(cli("", "run", "--interval", "10m", "--iterations", "18"))
        .isZero(); // 3 hours, no rollout

    assertThat(err).isEmpty();
    assertThat(cli("", "add-devices", "--all")).as(err).isZero();
  }
}
