package io.biggerfleet.rollout.internal;

import io.biggerfleet.model.SuccessCriteria;

/**
 * The figures a gate decided on: the step, its device count, how many succeeded and failed (finally),
 * the criteria, whether it decided before its gate time, and — when something other than the criteria
 * failed it (an abort rule) — why ({@code ""} otherwise). A plain value; immutable and thread-safe.
 */
record GateFigures(
    int step,
    int steps,
    int total,
    int succeeded,
    int failed,
    SuccessCriteria criteria,
    boolean early,
    String reason) {

  GateFigures(
      int step,
      int steps,
      int total,
      int succeeded,
      int failed,
      SuccessCriteria criteria,
      boolean early) {
    this(step, steps, total, succeeded, failed, criteria, early, "");
  }

  /** The same figures, failed for {@code why}. */
  GateFigures because(String why) {
    return new GateFigures(step, steps, total, succeeded, failed, criteria, early, why);
  }

  int reported() {
    return succeeded + failed;
  }

  /** Reported devices over all devices of the step, in basis points. */
  int reportedBp() {
    return SuccessCriteria.basisPoints(reported(), total);
  }

  /** Succeeded devices over reported ones, in basis points. */
  int successBp() {
    return SuccessCriteria.basisPoints(succeeded, reported());
  }

  /** The figures as the gate events write them. */
  String text() {
    return "step " + step + "/" + steps + ": " + reported() + " of " + total + " reported ("
        + SuccessCriteria.percentText(reportedBp()) + "%), " + succeeded + " of " + reported()
        + " succeeded ("
        + SuccessCriteria.percentText(successBp()) + "%); criteria " + criteria
        + (early ? " (early)" : "")
        + (reason.isEmpty() ? "" : "; " + reason);
  }
}
