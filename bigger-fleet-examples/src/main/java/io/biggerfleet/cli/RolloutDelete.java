package io.biggerfleet.cli;

import io.biggerfleet.model.Rollout;

/**
 * {@code bigger-fleet rollout-delete NAME}: deletes a DRAFT rollout and prints
 * {@code Deleted rollout DRAFT 'ROLLOUT5'.} Any other state is refused (exit 1). One per run; not
 * thread-safe.
 */
final class RolloutDelete {
  private final CliSession session;

  RolloutDelete(CliSession session) {
    this.session = session;
  }

  int run(String name) {
    Rollout r = session.fleet().rollouts().delete(name);
    ActionReport.print(
        session,
        ActionReport.fields(
            "rollout", r.name(), "action", "delete", "state", r.state().name()),
        "Deleted rollout " + r.state() + " '" + r.name() + "'.");
    return ExitCode.OK;
  }
}
