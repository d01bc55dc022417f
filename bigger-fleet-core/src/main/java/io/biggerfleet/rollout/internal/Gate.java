package io.biggerfleet.rollout.internal;

import io.biggerfleet.model.SuccessCriteria;
import java.time.Instant;

/**
 * The gate of a step, as a pure function of its counts and the time. {@code reported} devices are
 * those with a final result (succeeded or failed with no automatic retry left).
 */
final class Gate {
  /** What the gate decides now. */
  enum Decision {
    /** Not yet: keep going. */
    WAIT,
    /** The step passed (early, when everyone reported, or at the gate time). */
    PASS,
    /** The step failed (early, once the criteria cannot be met any more, or at the gate time). */
    FAIL
  }

  private Gate() {}

  static Decision decide(
      SuccessCriteria criteria,
      long total,
      long succeeded,
      long failed,
      Instant now,
      Instant gateAt) {
    long reported = succeeded + failed;
    if (total == 0) {
      return Decision.PASS;
    }
    if (!criteria.canStillBeMet(total, reported, succeeded)) {
      return Decision.FAIL;
    }
    if (reported == total) {
      return criteria.isMet(total, reported, succeeded) ? Decision.PASS : Decision.FAIL;
    }
    if (!now.isBefore(gateAt)) {
      return criteria.isMet(total, reported, succeeded) ? Decision.PASS : Decision.FAIL;
    }
    return Decision.WAIT;
  }
}
