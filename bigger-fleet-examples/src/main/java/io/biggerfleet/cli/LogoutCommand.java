package io.biggerfleet.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code bigger-fleet logout}: forgets the token of the hub (the fleet's data stays). One per run. */
@Command(mixinStandardHelpOptions = true, name = "logout",
    description = "Forget the login token for the hub.",
    footer = {"", "Example:", "  bigger-fleet logout", "  Logged out of https://api.pantahub.com."})
final class LogoutCommand implements Callable<Integer> {
  private final CliSession session;

  LogoutCommand(CliSession session) {
    this.session = session;
  }

  @Override
  public Integer call() {
    session.tokens().remove(session.hubKey());
    session.out().println("Logged out of " + session.hub() + ".");
    return ExitCode.OK;
  }
}
