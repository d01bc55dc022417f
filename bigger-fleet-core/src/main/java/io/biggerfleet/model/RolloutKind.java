package io.biggerfleet.model;

/** Whether a rollout applies a {@link Change} or reverts the devices of another rollout. */
public enum RolloutKind {
  /** Applies its change to its devices. */
  CHANGE,
  /** Posts each device's pre-rollout state back; made by a backout of its parent rollout. */
  BACKOUT
}
