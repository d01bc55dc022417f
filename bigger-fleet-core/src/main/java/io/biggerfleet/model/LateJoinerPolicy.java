package io.biggerfleet.model;

/**
 * What happens to devices that enter a rollout's base set after activation (membership is a snapshot
 * taken at activation).
 */
public enum LateJoinerPolicy {
  /** They are not part of the rollout (the default). */
  IGNORE,
  /**
   * They join the FINAL step: checked when FINAL starts and then every hour while it runs; a joiner
   * gets its post time spread over what is left of FINAL's window (or at once, if the window is over).
   */
  JOIN_FINAL
}
