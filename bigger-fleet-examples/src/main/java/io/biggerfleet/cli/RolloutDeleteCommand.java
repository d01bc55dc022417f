package io.biggerfleet.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code bigger-fleet rollout-delete NAME} (see {@link RolloutDelete}). One per run; not thread-safe. */
@Command(
    mixinStandardHelpOptions = true,
    name = "rollout-delete",
    aliases = "rollouts-delete",
    description = "Delete a rollout that is still a DRAFT.",
    footer = {
      "",
      "Example:",
      "  bigger-fleet rollout-delete ROLLOUT5",
      "  Deleted rollout DRAFT 'ROLLOUT5'.",
      "",
      "Exit codes: 0 ok, 1 unknown rollout or not a DRAFT (nothing changed), 2 usage error."
    })
final class RolloutDeleteCommand implements Callable<Integer> {
  private final CliSession session;

  @Parameters(index = "0", paramLabel = "NAME", description = "The rollout.")
  String name;

  RolloutDeleteCommand(CliSession session) {
    this.session = session;
  }

  @Override
  public Integer call() {
    return new RolloutDelete(session).run(name);
  }
}
