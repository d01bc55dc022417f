package io.biggerfleet.cli;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.pantahub.AccessToken;
import io.biggerfleet.pantahub.AuthStatus;
import io.biggerfleet.pantahub.PantahubClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bigger-fleet login USER}: the browser (PKCE) login of the walkthrough, or, for scripts, a
 * password or an access token read from standard input (never from the command line, never echoed).
 * Saves the hub and the user in the config and the token in the owner-only token file. One per run.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "login",
    description = "Log in to the hub (browser login by default).",
    footer = {
      "",
      "Examples:",
      "  bigger-fleet login prn::pantahub.com:auth/user1",
      "  bigger-fleet --hub http://127.0.0.1:8080 login user1 --password < password.txt",
      "  echo \"$PH_TOKEN\" | bigger-fleet login user1 --token",
      "",
      "The browser login prints a URL to open and waits (Ctrl-C aborts).",
      "Exit codes: 0 logged in, 1 the hub refused, 2 usage error."
    })
final class LoginCommand implements Callable<Integer> {
  private final CliSession session;

  @Parameters(
      index = "0",
      paramLabel = "USER",
      description = "Your user: prn::pantahub.com:auth/<nick> or the nick.")
  String user;

  @Option(names = "--password", description = "Read the password from standard input (first line).")
  boolean password;

  @Option(names = "--token", description = "Read an access token from standard input (first line).")
  boolean token;

  LoginCommand(CliSession session) {
    this.session = session;
  }

  /** {@code prn::pantahub.com:auth/user1} or {@code prn:pantahub.com:auth/user1} → {@code user1}. */
  static String nickOf(String user) {
    String u = user.trim();
    int auth = u.indexOf(":auth/");
    if (u.startsWith("prn:") && auth >= 0) {
      u = u.substring(auth + ":auth/".length());
    }
    if (u.isEmpty() || !u.matches("[A-Za-z0-9._@+-]+")) {
      throw new InvalidInputException("User '" + TerminalText.echo(user)
          + "' is not a nick or a prn like prn::pantahub.com:auth/user1");
    }
    return u;
  }

  @Override
  public Integer call() {
    String nick = nickOf(user);
    if (password && token) {
      throw new InvalidInputException("Use either --password or --token, not both");
    }
    session.stateDir();
    session.forgetToken();
    String who;
    if (password) {
      char[] secret = firstLine("password");
      try {
        PantahubClient c = session.pantahubBuilder().login(nick, secret).build();
        who = whoAmI(c);
      } finally {
        Arrays.fill(secret, '\0');
      }
    } else if (token) {
      char[] secret = firstLine("token");
      PantahubClient c =
          session.pantahubBuilder().token(AccessToken.of(new String(secret))).build();
      who = whoAmI(c);
      session.tokens().save(session.hubKey(), c.auth().currentToken());
    } else {
      PantahubClient c = session.pantahubBuilder().build();
      BrowserFlow.run(
          session,
          c,
          "Please open the following URL in your provider and follow the instructions.");
      who = whoAmI(c);
    }
    session.saveConfig("hub", session.hub().toString());
    session.saveConfig("user", who);
    ActionReport.print(
        session,
        ActionReport.fields(
            "action",
            "login",
            "hub",
            session.hubKey(),
            "user",
            who,
            "method",
            password ? "password" : token ? "token" : "browser"),
        "Authenticated as '" + "auth/" + who + "'.");
    return ExitCode.OK;
  }

  private static String whoAmI(PantahubClient c) {
    AuthStatus s = c.auth().status();
    String nick = s.nick();
    return nick == null || nick.isEmpty() ? s.prn() : nick;
  }

  private char[] firstLine(String what) {
    try {
      String line = new BufferedReader(session.env().in()).readLine();
      if (line == null || line.isBlank()) {
        throw new InvalidInputException(
            "No " + what + " on standard input (--" + what + " reads it from there)");
      }
      return line.strip().toCharArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
