package io.biggerfleet.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code bigger-fleet logout}: deletes the hub's token from the token file (the fleet's data stays).
 * Pantahub has no call to revoke a login token (it checks a token's signature and expiry only), so
 * the command says how long a copy of the token would stay valid. One per run.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "logout",
    description = "Delete the login token for the hub from this machine.",
    footer = {
      "",
      "Example:",
      "  bigger-fleet logout",
      "  Logged out of https://api.pantahub.com.",
      "  The token was deleted here; Pantahub cannot revoke it: a copy stays valid until it expires",
      "  (1 hour after a password login, 5 minutes after a browser login) and can be refreshed for up to",
      "  24 hours after the login. Change your password on the hub if you think a copy leaked."
    })
final class LogoutCommand implements Callable<Integer> {
  private final CliSession session;

  LogoutCommand(CliSession session) {
    this.session = session;
  }

  @Override
  public Integer call() {
    boolean had = session.forgetToken();
    if (session.json()) {
      session.printJson(
          ActionReport.fields("action", "logout", "hub", session.hubKey(), "tokenDeleted", had));
      return ExitCode.OK;
    }
    session.out().println("Logged out of " + session.hub() + ".");
    if (had) {
      session
          .out()
          .println(
              "The token was deleted here; Pantahub cannot revoke it: a copy stays valid until it expires "
                  + "(1 hour after a password login, 5 minutes after a browser login) and can be refreshed for up to 24 hours "
                  + "after the login. Change your password on the hub if you think a copy leaked.");
    }
    return ExitCode.OK;
  }
}
