package io.biggerfleet.cli;

import io.biggerfleet.rollout.RolloutFormat;
import io.biggerfleet.rollout.RolloutPlan;

/**
 * {@code bigger-fleet rollouts NAME plan}: per step the device count and the latest time span (for a
 * DRAFT as if activated now, else the frozen membership), and the total. {@code --json}: the plan
 * object. One per run; not thread-safe.
 */
final class RolloutPlanView {
  private final CliSession session;

  RolloutPlanView(CliSession session) {
    this.session = session;
  }

  int run(String name) {
    RolloutPlan plan = session.fleet().rollouts().plan(name);
    if (session.json()) {
      session.printJson(RolloutJson.plan(plan));
    } else {
      RolloutFormat.planLines(plan).forEach(l -> session.out().println(TerminalText.line(l)));
    }
    return ExitCode.OK;
  }
}
