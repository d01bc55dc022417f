package io.biggerfleet.cli;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.rollout.Rollouts;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code bigger-fleet approve ROLLOUT [STEP]}: approves the step a rollout waits on in
 * AWAITING_APPROVAL, as the logged-in user; the step starts now and the rest of the schedule moves by
 * the time held. Who and when land in the event log. Exit 1 if the rollout does not wait for an
 * approval or the user may not approve; exit 2 for a bad STEP. One per run; not thread-safe.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "approve",
    description = "Approve the step a rollout waits on (a step added with approve=true).",
    footer = {
      "",
      "Example:",
      "  bigger-fleet approve ROLLOUT5 2",
      "  Approved step 2/3 of ROLLOUT5 as user1; it starts now.",
      "  ROLLOUT5 ACTIVE (Step: 2/3, Running since: 3 days; ETA: 5 days 14 hours)",
      "",
      "STEP, when given, must be the step the rollout waits on (a guard against",
      "approving the wrong one).",
      "",
      "Exit codes: 0 ok, 1 unknown rollout, not waiting for approval, or you may",
      "not approve it; 2 usage error."
    })
final class ApproveCommand implements Callable<Integer> {
  private final CliSession session;

  @Parameters(index = "0", paramLabel = "ROLLOUT", description = "The rollout.")
  String rollout;

  @Parameters(
      index = "1",
      paramLabel = "STEP",
      arity = "0..1",
      description = "The step it waits on (optional).")
  String step;

  ApproveCommand(CliSession session) {
    this.session = session;
  }

  @Override
  public Integer call() {
    int number = 0;
    if (step != null) {
      try {
        number = Integer.parseInt(step.strip());
      } catch (NumberFormatException e) {
        throw new InvalidInputException(
            "approve: STEP must be a step number, e.g. 2, was '" + TerminalText.echo(step) + "'");
      }
    }
    session.requireHubLogin();
    Rollouts rollouts = session.fleet().rollouts();
    String who = session.config().getProperty("user", "cli");
    Rollout r = rollouts.approve(rollout, number, who);
    int cur = r.run().currentStep();
    String status = rollouts.statusLine(r.name());
    ActionReport.print(
        session,
        ActionReport.fields(
            "rollout",
            r.name(),
            "action",
            "approve",
            "step",
            cur,
            "approvedBy",
            who,
            "approvedAt",
            r.run().approvedAt().map(String::valueOf).orElse(null),
            "state",
            r.state().name(),
            "status",
            status),
        "Approved step " + cur + "/" + r.stepCount() + " of " + r.name() + " as " + who
            + "; it starts now.",
        status);
    return ExitCode.OK;
  }
}
