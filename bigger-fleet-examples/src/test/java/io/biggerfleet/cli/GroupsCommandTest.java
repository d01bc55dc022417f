package io.biggerfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.pantahub.sim.SimClock;
import io.biggerfleet.pantahub.sim.PantahubSimulator;
import io.biggerfleet.pantahub.sim.Scenario;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code groups} lists every group with its count (empty ones too); {@code groups remove} removes one. */
class GroupsCommandTest {
  @TempDir
  Path home;
  final SimClock clock = SimClock.at("2026-03-02T09:00:00Z");
  PantahubSimulator sim;
  String out;
  String err;

  @BeforeEach
  void startHub() {
    sim = PantahubSimulator.builder().scenario(Scenario.walkthrough()).clock(clock).start();
  }

  @AfterEach
  void stopHub() {
    sim.close();
  }

  int cli(String stdin, String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    CliEnvironment env = CliEnvironment.builder()
        .env(Map.of(CliHome.ENV, home.toString(), CliSession.HUB_ENV, sim.baseUri().toString()))
        .clock(clock).in(new StringReader(stdin)).sleeper(sim::advance).build();
    int code = BiggerFleetCli.run(args, new PrintWriter(o, true), new PrintWriter(e, true), env);
    out = o.toString();
    err = e.toString();
    return code;
  }

  @Test
  void groups_listsEveryGroupWithItsCount_emptyOnesToo_andRemoveRemovesOne() {
    assertThat(cli("user1\n", "login", "user1", "--password")).isZero();
    assertThat(cli("", "add-devices", "--all")).isZero();
    assertThat(cli("", "groups")).isZero();
    assertThat(out).startsWith("No groups yet");
    assertThat(cli("", "addgroup", "/", "/co/cisco/121XPs", "Manufacturer==\"Cisco\"", "Model==\"121XPs\"")).isZero();
    assertThat(cli("", "addgroup", "/", "/specialsets/canary", "Fleet-Tags contains \"canary\"")).isZero();

    assertThat(cli("", "groups")).isZero();
    assertThat(out.lines()).containsExactly(
        "/co/cisco/121XPs         4  (refining /) Manufacturer==\"Cisco\" Model==\"121XPs\"",
        "/specialsets/canary      0  (refining /) Fleet-Tags contains \"canary\"");

    assertThat(cli("", "groups", "remove", "/specialsets/canary")).isZero();
    assertThat(out).isEqualTo("Removed group \"/specialsets/canary\".\n");
    assertThat(cli("", "--json", "groups")).isZero();
    assertThat(out).contains("\"path\" : \"/co/cisco/121XPs\"", "\"devices\" : 4").doesNotContain("canary");
    assertThat(cli("", "groups", "remove", "/no/such")).isEqualTo(1);
    assertThat(err).isEqualTo("bigger-fleet: Unknown group '/no/such'; list groups with: bigger-fleet groups; "
        + "add one with: bigger-fleet addgroup PARENT PATH EXPRESSION...\n");
  }
}
