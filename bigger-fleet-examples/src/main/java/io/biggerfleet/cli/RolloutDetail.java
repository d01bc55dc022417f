package io.biggerfleet.cli;

import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.rollout.RolloutFormat;
import io.biggerfleet.rollout.RolloutPlan;
import io.biggerfleet.rollout.Rollouts;
import io.biggerfleet.rollout.StepReport;
import java.util.List;
import java.util.Map;

/**
 * {@code bigger-fleet rollouts NAME}: the detail view — {@code Status: DRAFT} and one line per step
 * ({@code 1. '/specialsets/canary' - status: DRAFT; config: ...}, {@code FINAL. ALL - ...}); for a
 * DRAFT also the plan preview (devices and latest time span per step, as if activated now); for a
 * rollout with failed devices a pointer to {@code failures}. {@code --json}: the detail object with a
 * {@code plan} for a DRAFT. One per run; not thread-safe.
 */
final class RolloutDetail {
  private final CliSession session;

  RolloutDetail(CliSession session) {
    this.session = session;
  }

  int run(String name) {
    Rollouts rollouts = session.fleet().rollouts();
    Rollout r = rollouts.get(name);
    List<StepReport> steps = rollouts.steps(name);
    boolean draft = r.state() == RolloutState.DRAFT;
    RolloutPlan plan = draft ? rollouts.plan(name) : null;
    if (session.json()) {
      Map<String, Object> m = RolloutJson.detail(r, steps, session.env().clock().instant());
      if (plan != null) {
        m.put("plan", RolloutJson.plan(plan));
      }
      session.printJson(m);
      return ExitCode.OK;
    }
    RolloutFormat.detailLines(r, steps).forEach(l -> session.out().println(TerminalText.line(l)));
    if (plan != null) {
      session.out().println();
      session.out().println("Plan if activated now:");
      RolloutFormat.planLines(plan)
          .forEach(l -> session.out().println("  " + TerminalText.line(l)));
    } else {
      int failed = rollouts.failures(name).size();
      if (failed > 0) {
        session
            .out()
            .println(failed + " failed device" + (failed == 1 ? "" : "s")
                + ": bigger-fleet failures " + name);
      }
      r.run()
          .backout()
          .ifPresent(b -> session
              .out()
              .println("Backed out by " + b + ": bigger-fleet rollouts " + b + " --watch"));
      if (r.state() == RolloutState.AWAITING_APPROVAL) {
        int cur = r.run().currentStep();
        session
            .out()
            .println("Step " + cur + " waits for approval (may approve: "
                + r.config(cur).guards().approversText() + "): bigger-fleet approve " + name + " "
                + cur);
      }
      if (r.run().approvedStep() > 0) {
        session
            .out()
            .println("Step " + r.run().approvedStep() + " approved by "
                + r.run().approvedBy().orElse("?") + " at "
                + r.run().approvedAt().map(String::valueOf).orElse("?"));
      }
    }
    return ExitCode.OK;
  }
}
