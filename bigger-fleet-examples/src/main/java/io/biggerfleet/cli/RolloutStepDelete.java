package io.biggerfleet.cli;

import io.biggerfleet.InvalidInputException;

/**
 * {@code bigger-fleet rollout NAME step-delete N}: deletes planned step N (1-based) of a DRAFT and
 * prints {@code Deleted step 1 from 'ROLLOUT5'.} One per run; not thread-safe.
 */
final class RolloutStepDelete {
  private final CliSession session;

  RolloutStepDelete(CliSession session) {
    this.session = session;
  }

  int run(String name, String number) {
    int n;
    try {
      n = Integer.parseInt(number.strip());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          "step-delete needs a step number like 1, not '" + TerminalText.echo(number) + "'");
    }
    session.fleet().rollouts().deleteStep(name, n);
    ActionReport.print(
        session,
        ActionReport.fields("rollout", name, "action", "step-delete", "step", n),
        "Deleted step " + n + " from '" + name + "'.");
    return ExitCode.OK;
  }
}
