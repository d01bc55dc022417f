package io.biggerfleet.model;

/** What a rollout does when a step's gate fails. */
public enum GateFailurePolicy {
  /** Stop in {@link RolloutState#ERROR}, waiting for an operator (the default). */
  STOP,
  /** Back out automatically, as {@code backout} would: the rollout ends ABORTED. */
  BACK_OUT
}
