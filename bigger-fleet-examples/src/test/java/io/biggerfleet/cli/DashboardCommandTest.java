package io.biggerfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.pantahub.sim.PantahubSimulator;
import io.biggerfleet.pantahub.sim.Scenario;
import io.biggerfleet.pantahub.sim.SimClock;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bigger-fleet dashboard} over the CLI's store: it prints the URL, serves the fleet while it
 * waits (the test's sleeper reads a page during the wait), and keeps the operator token out of the output.
 */
class DashboardCommandTest {
  @TempDir
  Path home;

  final SimClock clock = SimClock.at("2026-03-02T09:00:00Z");
  PantahubSimulator sim;
  final Map<String, String> env = new HashMap<>();
  StringWriter out;
  String servedPage;

  @BeforeEach
  void startHub() {
    sim = PantahubSimulator.builder()
        .scenario(Scenario.walkthrough())
        .clock(clock)
        .start();
    env.put(CliHome.ENV, home.toString());
    env.put(CliSession.HUB_ENV, sim.baseUri().toString());
  }

  @AfterEach
  void stopHub() {
    sim.close();
  }

  int cli(String stdin, String... args) {
    out = new StringWriter();
    StringWriter err = new StringWriter();
    CliEnvironment e = CliEnvironment.builder()
        .env(env)
        .clock(clock)
        .in(new StringReader(stdin))
        .sleeper(d -> servedPage = fetchPrintedUrl())
        .build();
    return BiggerFleetCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true), e);
  }

  String fetchPrintedUrl() {
    Matcher m =
        Pattern.compile("Dashboard: (http://127\\.0\\.0\\.1:\\d+/)").matcher(out.toString());
    assertThat(m.find()).as("the URL is printed before the wait: " + out).isTrue();
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(m.group(1))).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void dashboard_printsItsUrl_andServesTheFleetUntilStopped() {
    assertThat(cli("user1\n", "login", "user1", "--password")).isZero();
    assertThat(cli("", "add-devices", "--all")).isZero();

    assertThat(cli("", "dashboard", "--port", "0")).isZero();

    assertThat(out.toString()).contains("(read-only; Ctrl-C stops)");
    assertThat(servedPage).contains("Fleet overview", "data-count=\"Devices\">11<");
  }

  @Test
  void dashboard_withOperator_keepsTheTokenInAnOwnerOnlyFile_neverInTheOutput() throws Exception {
    assertThat(cli("user1\n", "login", "user1", "--password")).isZero();

    assertThat(cli("", "dashboard", "--port", "0", "--operator", "--run", "--interval", "1m"))
        .isZero();

    Path token = home.resolve(DashboardCommand.TOKEN_FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token)))
        .isEqualTo("rw-------");
    String secret = Files.readString(token).strip();
    assertThat(secret).hasSizeGreaterThanOrEqualTo(32);
    assertThat(out.toString())
        .contains("operator login with the token in " + token)
        .doesNotContain(secret);
    assertThat(servedPage).contains("Operator login").doesNotContain(secret);
  }
}
