package io.biggerfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.pantahub.sim.Scenario;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code groups} lists every group with its count (empty ones too); {@code groups remove} removes one. */
class GroupsCommandTest {
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

  @Test
  void groups_listsEveryGroupWithItsCount_emptyOnesToo_andRemoveRemovesOne() {
    assertThat(cli.run("groups")).isZero();
    assertThat(cli.out).startsWith("No groups yet");
    assertThat(cli.run(
            "addgroup", "/", "/co/cisco/121XPs", "Manufacturer==\"Cisco\"", "Model==\"121XPs\""))
        .isZero();
    assertThat(cli.run("addgroup", "/", "/specialsets/canary", "Fleet-Tags contains \"canary\""))
        .isZero();

    assertThat(cli.run("groups")).isZero();
    assertThat(cli.out.lines())
        .containsExactly(
            "/co/cisco/121XPs         4  (refining /) Manufacturer==\"Cisco\" Model==\"121XPs\"",
            "/specialsets/canary      0  (refining /) Fleet-Tags contains \"canary\"");

    assertThat(cli.run("groups", "remove", "/specialsets/canary")).isZero();
    assertThat(cli.out).isEqualTo("Removed group \"/specialsets/canary\".\n");
    assertThat(cli.run("--json", "groups")).isZero();
    assertThat(cli.out)
        .contains("\"path\" : \"/co/cisco/121XPs\"", "\"devices\" : 4")
        .doesNotContain("canary");
    assertThat(cli.run("groups", "remove", "/no/such")).isEqualTo(1);
    assertThat(cli.err)
        .isEqualTo("bigger-fleet: Unknown group '/no/such'; list groups with: bigger-fleet groups; "
            + "add one with: bigger-fleet addgroup PARENT PATH EXPRESSION...\n");
  }
}
