package io.biggerfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.pantahub.AccessToken;
import io.biggerfleet.pantahub.FileTokenStore;
import io.biggerfleet.pantahub.sim.Scenario;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long a login lasts: {@code run} keeps it alive while idle (the hub's tokens live an hour and can
 * only be refreshed while valid), and {@code logout} deletes it here and says what the hub cannot do.
 */
class LoginLifetimeTest {
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

  AccessToken storedToken() {
    return FileTokenStore.at(home.resolve(CliSession.TOKEN_FILE))
        .load(cli.sim.baseUri().toString().replaceAll("/$", ""))
        .orElseThrow();
  }

  @Test
  void run_idleForLongerThanTheTokenLives_keepsTheLoginAlive() {
    AccessToken first = storedToken();
    assertThat(first.expiresAt()).isPresent();

    int code = cli.run("run", "--interval", "20m", "--iterations", "10");

    assertThat(code).as(cli.err).isZero();
    assertThat(cli.err).doesNotContain("warning");
    assertThat(cli.clock.instant()).isAfter(first.expiresAt().get().plus(Duration.ofHours(1)));
    AccessToken now = storedToken();
    assertThat(now.isExpiredAt(cli.clock.instant()))
        .as("token on file still valid")
        .isFalse();
    try (CliSession s = new CliSession(
        cli.env(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))) {
      assertThat(s.pantahub().auth().status().nick()).isEqualTo("user1");
    }
  }

  @Test
  void logout_deletesTheTokenHere_andSaysTheHubCannotRevokeIt() throws Exception {
    int code = cli.run("logout");

    assertThat(code).isZero();
    assertThat(cli.out)
        .startsWith("Logged out of " + cli.sim.baseUri())
        .contains("Pantahub cannot revoke it", "stays valid until it expires");
    assertThat(Files.readString(home.resolve(CliSession.TOKEN_FILE)))
        .doesNotContain("access-token");
    assertThat(cli.run("devices")).isEqualTo(1);
    assertThat(cli.err).contains("Not logged in");
  }

  @Test
  void logout_withADamagedTokenFile_movesItAside_andSucceeds() throws Exception {
    Files.writeString(home.resolve(CliSession.TOKEN_FILE), "{\"spec\":");

    int code = cli.run("logout");

    assertThat(code).as(cli.err).isZero();
    assertThat(cli.err).contains("tokens.json is damaged", "moved it to");
    assertThat(home.resolve("tokens.json.damaged")).exists();
  }
}
