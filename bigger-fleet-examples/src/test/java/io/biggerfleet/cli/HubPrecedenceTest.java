package io.biggerfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.pantahub.sim.PantahubSimulator;
import io.biggerfleet.pantahub.sim.Scenario;
import io.biggerfleet.pantahub.sim.SimClock;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which hub a command talks to: {@code --hub}, then {@code $BIGGER_FLEET_HUB}, then the hub saved at
 * login — and {@code --help} says exactly that.
 */
class HubPrecedenceTest {
  static final String OTHER_HUB = "http://127.0.0.1:9";

  @TempDir
  Path home;

  final SimClock clock = SimClock.at("2026-03-02T09:00:00Z");
  PantahubSimulator sim;
  String out;
  String err;

  @BeforeEach
  void startHub() {
    sim = PantahubSimulator.builder()
        .scenario(Scenario.walkthrough())
        .clock(clock)
        .start();
  }

  @AfterEach
  void stopHub() {
    sim.close();
  }

  private int cli(String hubEnv, String stdin, String... args) {
    Map<String, String> vars = new HashMap<>(Map.of(CliHome.ENV, home.toString()));
    if (hubEnv != null) {
      vars.put(CliSession.HUB_ENV, hubEnv);
    }
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    CliEnvironment env = CliEnvironment.builder()
        .env(vars)
        .clock(clock)
        .in(new StringReader(stdin))
        .build();
    int code = BiggerFleetCli.run(args, new PrintWriter(o, true), new PrintWriter(e, true), env);
    out = o.toString();
    err = e.toString();
    return code;
  }

  @Test
  void environmentHub_winsOverTheHubSavedAtLogin_andTheOptionWinsOverBoth() {
    String hub = sim.baseUri().toString();
    assertThat(cli(null, "user1\n", "--hub", hub, "login", "user1", "--password"))
        .isZero();
    assertThat(cli(null, "", "add-devices", "--all")).as("the saved hub, alone").isZero();

    assertThat(cli(OTHER_HUB, "", "add-devices", "--all")).isEqualTo(1);
    assertThat(err).startsWith("bigger-fleet: Not logged in to " + OTHER_HUB + ":");

    assertThat(cli(OTHER_HUB, "", "--hub", hub, "add-devices", "--all")).isZero();
  }

  @Test
  void help_statesThePrecedenceTheCommandsUse() {
    assertThat(cli(null, "", "--help")).isZero();
    assertThat(out.replaceAll("\\s+", " "))
        .contains(
            "Pantahub API to use (default: $BIGGER_FLEET_HUB, else the hub saved at login, else "
                + "https://api.pantahub.com).");
  }
}
