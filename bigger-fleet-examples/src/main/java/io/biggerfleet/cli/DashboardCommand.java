package io.biggerfleet.cli;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.dashboard.DashboardAuth;
import io.biggerfleet.dashboard.FleetDashboard;
import io.biggerfleet.model.Durations;
import io.biggerfleet.rollout.RolloutRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bigger-fleet dashboard}: serves the web dashboard ({@link FleetDashboard}) over the CLI's
 * fleet on loopback until Ctrl-C. Read-only unless {@code --operator}: then an operator logs in with
 * the token from {@code $BIGGER_FLEET_DASHBOARD_TOKEN}, or else from the owner-only file
 * {@code dashboard-token} in the state folder (created on first use; the token is never printed).
 * {@code --run} also drives rollouts (as {@code run} does), so progress shows live.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "dashboard",
    description =
        "Serve the web dashboard on 127.0.0.1 until Ctrl-C (read-only unless --operator).",
    footer = {
      "",
      "Examples:",
      "  bigger-fleet dashboard",
      "  Dashboard: http://127.0.0.1:8640/ (read-only; Ctrl-C stops)",
      "  bigger-fleet dashboard --operator --run --interval 30s",
      "",
      "Exit codes: 0 stopped, 1 failed (e.g. port in use), 2 usage error."
    })
final class DashboardCommand implements Callable<Integer> {
  static final String TOKEN_ENV = "BIGGER_FLEET_DASHBOARD_TOKEN";
  static final String TOKEN_FILE = "dashboard-token";
  private final CliSession session;

  @Option(names = "--port", description = "Port on 127.0.0.1 (default 8640; 0 = any free port).")
  int port = 8640;

  @Option(
      names = "--operator",
      description = "Let an operator log in and pause, resume, abort, retry, back out.")
  boolean operator;

  @Option(names = "--run", description = "Also drive rollouts every --interval, as 'run' does.")
  boolean run;

  @Option(names = "--interval", description = "Time between engine ticks with --run (default 10s).")
  String interval = "10s";

  DashboardCommand(CliSession session) {
    this.session = session;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw new InvalidInputException("--port must be between 0 and 65535, was " + port);
    }
    Duration every = Durations.parse("--interval", interval);
    if (every.isZero() || every.isNegative()) {
      throw new InvalidInputException("--interval must be positive, was '" + interval + "'");
    }
    FleetDashboard.Builder b =
        FleetDashboard.builder(session.fleet()).port(port).sharedStore(true);
    String login = null;
    if (operator) {
      char[] token = token();
      b.auth(DashboardAuth.token(session.config().getProperty("user", "operator"), token));
      java.util.Arrays.fill(token, '\0');
      login = session.env().env().containsKey(TOKEN_ENV)
          ? "$" + TOKEN_ENV
          : session.home().dir().resolve(TOKEN_FILE) + " (owner-only)";
    }
    FleetDashboard dashboard;
    try {
      dashboard = b.start();
    } catch (UncheckedIOException e) {
      throw new io.biggerfleet.FleetException(e.getMessage(), e);
    }
    RolloutRunner runner = run
        ? RolloutRunner.builder(session.fleet().rollouts())
            .interval(every)
            .keepAlive(() -> session.pantahub().auth().currentToken(every.plusMinutes(2)))
            .start()
        : null;
    try (dashboard) {
      session
          .out()
          .println("Dashboard: " + dashboard.uri() + " ("
              + (operator ? "operator login with the token in " + login : "read-only")
              + (run ? "; driving rollouts every " + interval : "") + "; Ctrl-C stops)");
      session.out().flush();
      session.env().sleeper().sleep(Duration.ofDays(365_000));
    } finally {
      if (runner != null) {
        runner.close();
      }
    }
    return ExitCode.OK;
  }

  /** The operator token: from the environment, else the owner-only token file (made on first use). */
  private char[] token() {
    String env = session.env().env().get(TOKEN_ENV);
    if (env != null && !env.isBlank()) {
      if (env.strip().length() < 8) {
        throw new InvalidInputException("$" + TOKEN_ENV + " must have at least 8 characters");
      }
      return env.strip().toCharArray();
    }
    Path file = session.home().ensure().resolve(TOKEN_FILE);
    try {
      if (!Files.exists(file)) {
        byte[] raw = new byte[24];
        new SecureRandom().nextBytes(raw);
        Path tmp = Files.createTempFile(
            file.getParent(),
            TOKEN_FILE,
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, Base64.getUrlEncoder().withoutPadding().encodeToString(raw) + "\n");
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      }
      return Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray();
    } catch (IOException e) {
      throw new io.biggerfleet.FleetException(
          "Cannot read or create " + file + ": " + e.getMessage(), e);
    }
  }
}
