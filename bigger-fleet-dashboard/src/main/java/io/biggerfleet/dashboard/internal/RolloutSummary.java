package io.biggerfleet.dashboard.internal;

import io.biggerfleet.model.Rollout;
import io.biggerfleet.rollout.StepReport;
import java.util.List;

/**
 * A rollout's totals over its steps: devices, reported (a final result), succeeded, failed. From
 * {@link io.biggerfleet.rollout.Rollouts#steps}, which counts from the engine's plan when this client
 * drives the rollout. Immutable.
 */
record RolloutSummary(
    Rollout rollout, List<StepReport> steps, long devices, long reported, long succeeded) {

  static RolloutSummary of(View v, Rollout r) {
    List<StepReport> steps = v.fleet().rollouts().steps(r.name());
    long d = 0;
    long rep = 0;
    long ok = 0;
    for (StepReport s : steps) {
      d += s.devices();
      rep += s.reported();
      ok += s.succeeded();
    }
    return new RolloutSummary(r, steps, d, rep, ok);
  }

  long failed() {
    return reported - succeeded;
  }
}
