package io.biggerfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.pantahub.sim.Scenario;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A device nick stands for its id in a selector: bare, or as the last segment of a device path. */
class NickInSelectorTest {
  @TempDir
  Path home;

  SimCli cli;

  @BeforeEach
  void start() {
    cli = new SimCli(home, Scenario.walkthrough()).loggedInWithAllDevices();
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  /** The id {@code bigger-fleet devices} lists for the device with this nick. */
  private String idOf(String nick) {
    cli.require(cli.run("devices"), "devices");
    return cli.out
        .lines()
        .filter(l -> l.contains("\"" + nick + "\""))
        .map(l -> l.split("\\s+")[0])
        .findFirst()
        .orElseThrow(() -> new AssertionError("no device " + nick + " in: " + cli.out));
  }

  @Test
  void tagsAdd_withABareNick_tagsThatDevice() {
    String id = idOf("bathroom-wifi");

    assertThat(cli.run("tags", "add", "bathroom-wifi", "canary")).isZero();
    assertThat(cli.out).isEqualTo("Tag \"canary\" added to " + id + ".\n");
  }

  @Test
  void tagsAdd_withANickAsTheLastSegmentOfADevicePath_tagsThatDevice_andChecksItIsInTheGroup() {
    cli.require(
        cli.run(
            "addgroup", "/", "/co/cisco/121XPs", "Manufacturer==\"Cisco\"", "Model==\"121XPs\""),
        "addgroup");

    String id = idOf("gardenpool-wifi");

    assertThat(cli.run("tags", "add", "/co/cisco/121XPs/gardenpool-wifi", "canary1"))
        .isZero();
    assertThat(cli.out).isEqualTo("Tag \"canary1\" added to " + id + ".\n");

    assertThat(cli.run("tags", "add", "/co/cisco/121XPs/devbox1-wifi", "canary1"))
        .isEqualTo(2);
    assertThat(cli.err)
        .contains("Device " + idOf("devbox1-wifi") + " is not in group /co/cisco/121XPs");
  }

  @Test
  void stepadd_withANick_storesTheDeviceId() {
    String id = idOf("attic-wifi");
    cli.require(
        cli.run(
            "rollouts",
            "add",
            "R1",
            "change=set kernel=ffdea0bf7018102f9fde644aa08f27e5487bd2480ad2a3112326179a3737ae58"),
        "rollouts add");

    assertThat(cli.run("rollouts", "R1", "stepadd", "devices=attic-wifi", "time=1h"))
        .isZero();

    assertThat(cli.out).isEqualTo("Added step for '" + id + "'\n");
  }

  @Test
  void aTextThatIsNoNick_isResolvedAsBefore() {
    assertThat(cli.run("tags", "add", "no-such-wifi", "canary")).isEqualTo(2);
    assertThat(cli.err).startsWith("bigger-fleet: ");

    assertThat(cli.run("tags", "add", "/no/such-wifi", "canary")).isEqualTo(1);
    assertThat(cli.err).contains("Unknown group '/no/such-wifi'");
  }
}
