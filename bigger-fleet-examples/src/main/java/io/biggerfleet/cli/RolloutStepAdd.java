package io.biggerfleet.cli;

import io.biggerfleet.NotFoundException;
import io.biggerfleet.rollout.Rollouts;
import java.util.List;

/**
 * {@code bigger-fleet rollouts NAME stepadd devices=... [time=...] [timeout=...] [success=...] [window=...]
 * [rate=...] [ramp=...]}: adds a
 * step before FINAL to a DRAFT (left-out values take the rollout's defaults) and prints
 * {@code Added step for '/specialsets/canary'}. A rollout that is not a DRAFT is refused (exit 1),
 * bad values are named (exit 2); nothing is stored then. One per run; not thread-safe.
 */
final class RolloutStepAdd {
  static final List<String> KEYS = List.of("devices", "time", "timeout", "success", "window", "rate", "ramp");

  private final CliSession session;

  RolloutStepAdd(CliSession session) {
    this.session = session;
  }

  int run(String name, List<String> args) {
    KeyValueArgs kv = KeyValueArgs.parse("rollouts " + name + " stepadd", args, KEYS);
    String devices = SelectorArg.resolve(session.fleet(), kv.require("devices", "/specialsets/canary"));
    Rollouts rollouts = session.fleet().rollouts();
    io.biggerfleet.rollout.StepConfig d = rollouts.get(name).defaults(); // unknown rollout: exit 1, not a selector problem
    io.biggerfleet.rollout.Pacing pacing = PacingArgs.of(kv);
    try {
      if (pacing.isNone()) {
        rollouts.addStep(name, devices, kv.orNull("time"), kv.orNull("timeout"), kv.orNull("success"));
      } else { // the step's own window/rate; what it leaves out falls back to the rollout's
        rollouts.addStep(name, io.biggerfleet.rollout.RolloutStep.of(devices, io.biggerfleet.rollout.StepConfig.of(
            kv.get("time").map(t -> io.biggerfleet.rollout.Durations.parse("time", t)).orElse(d.window()),
            kv.get("timeout").map(t -> io.biggerfleet.rollout.Durations.parse("timeout", t)).orElse(d.timeout()),
            kv.get("success").map(io.biggerfleet.rollout.SuccessCriteria::parse).orElse(d.criteria()))
            .withPacing(pacing)));
      }
    } catch (NotFoundException e) {
      throw SelectorProblem.of("devices", devices, e);
    }
    int step = rollouts.get(name).steps().size();
    ActionReport.print(session, ActionReport.fields("rollout", name, "action", "stepadd", "step", step, "selector", devices),
        "Added step for '" + devices + "'");
    return ExitCode.OK;
  }
}
