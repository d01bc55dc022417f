package io.biggerfleet.cli;

import io.biggerfleet.NotFoundException;
import io.biggerfleet.model.Durations;
import io.biggerfleet.model.RolloutStep;
import io.biggerfleet.model.StepConfig;
import io.biggerfleet.model.StepGuards;
import io.biggerfleet.model.SuccessCriteria;
import io.biggerfleet.rollout.Rollouts;
import java.util.List;

/**
 * {@code bigger-fleet rollouts NAME stepadd devices=... [time=...] [timeout=...] [success=...] [approve=...]
 * [abort=...] [soak=...] [logs-fail=...] [window=...] [rate=...] [ramp=...]}: adds a
 * step before FINAL to a DRAFT (left-out values take the rollout's defaults) and prints
 * {@code Added step for '/specialsets/canary'}. A rollout that is not a DRAFT is refused (exit 1),
 * bad values are named (exit 2); nothing is stored then. One per run; not thread-safe.
 */
final class RolloutStepAdd {
  static final List<String> KEYS = List.of(
      "devices",
      "time",
      "timeout",
      "success",
      "approve",
      "abort",
      "soak",
      "logs-fail",
      "window",
      "rate",
      "ramp");

  private final CliSession session;

  RolloutStepAdd(CliSession session) {
    this.session = session;
  }

  int run(String name, List<String> args) {
    KeyValueArgs kv = KeyValueArgs.parse("rollouts " + name + " stepadd", args, KEYS);
    String devices =
        SelectorArg.resolve(session.fleet(), kv.require("devices", "/specialsets/canary"));
    Rollouts rollouts = session.fleet().rollouts();
    StepConfig d =
        rollouts.get(name).defaults(); // an unknown rollout is exit 1, not a selector problem
    StepGuards guards = StepGuards.parse(
        kv.orNull("approve"),
        kv.orNull("abort"),
        kv.orNull("soak"),
        null,
        kv.orNull("logs-fail")); // checked before anything is stored
    io.biggerfleet.model.Pacing pacing = PacingArgs.of(kv);
    try {
      if (guards.isNone() && pacing.isNone()) {
        rollouts.addStep(
            name, devices, kv.orNull("time"), kv.orNull("timeout"), kv.orNull("success"));
      } else { // what the step leaves out falls back to the rollout's defaults
        StepConfig cfg = StepConfig.of(
            kv.orNull("time") == null ? d.window() : Durations.parse("time", kv.orNull("time")),
            kv.orNull("timeout") == null
                ? d.timeout()
                : Durations.parse("timeout", kv.orNull("timeout")),
            kv.orNull("success") == null
                ? d.criteria()
                : SuccessCriteria.parse(kv.orNull("success")));
        rollouts.addStep(name, RolloutStep.of(devices, cfg.withGuards(guards).withPacing(pacing)));
      }
    } catch (NotFoundException e) {
      throw SelectorProblem.of("devices", devices, e);
    }
    int step = rollouts.get(name).steps().size();
    ActionReport.print(
        session,
        ActionReport.fields(
            "rollout", name, "action", "stepadd", "step", step, "selector", devices),
        "Added step for '" + devices + "'");
    return ExitCode.OK;
  }
}
