package io.biggerfleet.cli;

import io.biggerfleet.rollout.Rollouts;

/**
 * {@code bigger-fleet retry DEVICE@STEP} ({@code Thanks. Scheduled a retry}) and
 * {@code bigger-fleet retry --all ROLLOUT}: queues failed devices again with the next attempt; an ERROR
 * or DONE rollout becomes ACTIVE again at that step. A device that did not fail at that step is
 * refused (exit 1). One per run; not thread-safe.
 */
final class RetryAction {
  private final CliSession session;

  RetryAction(CliSession session) {
    this.session = session;
  }

  int one(String deviceAtStep) {
    session.requireHubLogin();
    session.fleet().rollouts().retry(deviceAtStep.strip());
    session.out().println("Thanks. Scheduled a retry");
    return ExitCode.OK;
  }

  int all(String rollout) {
    Rollouts rollouts = session.fleet().rollouts();
    int failed = rollouts.failures(rollout).size();
    if (failed == 0) {
      session.out().println("No failed devices in rollout '" + rollout + "'; nothing to retry.");
      return ExitCode.OK;
    }
    session.requireHubLogin();
    rollouts.retryAllFailed(rollout);
    session.out().println("Thanks. Scheduled a retry of " + failed + " failed device" + (failed == 1 ? "" : "s")
        + " of '" + rollout + "'.");
    return ExitCode.OK;
  }
}
