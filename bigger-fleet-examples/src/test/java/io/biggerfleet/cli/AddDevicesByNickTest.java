package io.biggerfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.pantahub.sim.PantahubSimulator;
import io.biggerfleet.pantahub.sim.Scenario;
import io.biggerfleet.pantahub.sim.SimClock;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code add-devices} takes a device's nick where it takes its id, and names a nick the hub does not know. */
class AddDevicesByNickTest {
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

  private int cli(String stdin, String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    CliEnvironment env = CliEnvironment.builder()
        .env(Map.of(
            CliHome.ENV, home.toString(), CliSession.HUB_ENV, sim.baseUri().toString()))
        .clock(clock)
        .in(new StringReader(stdin))
        .build();
    int code = BiggerFleetCli.run(args, new PrintWriter(o, true), new PrintWriter(e, true), env);
    out = o.toString();
    err = e.toString();
    return code;
  }

  @Test
  void addDevices_byNick_importsThoseDevices_andAnUnknownNickIsNamed() {
    assertThat(cli("user1\n", "login", "user1", "--password")).isZero();
    assertThat(cli("", "add-devices", "bathroom-wifi", "attic-wifi")).isZero();
    assertThat(out)
        .contains(
            "\"bathroom-wifi\"",
            "\"attic-wifi\"",
            "2 new, 0 updated, 0 unchanged; 2 devices in the fleet.");

    assertThat(cli("", "add-devices", "no-such-wifi")).isEqualTo(1);
    assertThat(err)
        .startsWith("bigger-fleet: Unknown device 'no-such-wifi': the hub ")
        .endsWith(" has no device with that nick that this login can see\n");
  }
}
