package io.biggerfleet.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code bigger-fleet backout ROLLOUT} (see {@link BackoutAction}). One per run; not thread-safe. */
@Command(
    mixinStandardHelpOptions = true,
    name = "backout",
    description =
        "Stop a rollout and revert it: cancel what was not picked up, roll back devices that took the change.",
    footer = {
      "",
      "Example:",
      "  bigger-fleet backout ROLLOUT5",
      "  Backing out rollout ROLLOUT5: cancelled 2 devices (ABORT),",
      "  rolling back 9 devices (ROLLBACK).",
      "  The revert runs as rollout ROLLOUT5-backout. Watch it with:",
      "  bigger-fleet rollouts ROLLOUT5-backout --watch",
      "",
      "Exit codes: 0 ok, 1 unknown rollout or not allowed in its state,",
      "2 usage error."
    })
final class BackoutCommand implements Callable<Integer> {
  private final CliSession session;

  @Parameters(index = "0", paramLabel = "ROLLOUT", description = "The rollout.")
  String rollout;

  BackoutCommand(CliSession session) {
    this.session = session;
  }

  @Override
  public Integer call() {
    return new BackoutAction(session).run(rollout);
  }
}
