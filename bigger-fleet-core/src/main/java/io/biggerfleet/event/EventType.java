package io.biggerfleet.event;

/** What a {@link FleetEvent} records. Stored by name; new kinds are only ever appended. */
public enum EventType {
  DEVICES_IMPORTED,
  DEVICE_TAGGED,
  DEVICE_UNTAGGED,
  FLEET_ATTRIBUTE_SET,
  FLEET_ATTRIBUTE_REMOVED,
  GROUP_ADDED,
  GROUP_CHANGED,
  GROUP_REMOVED,
  ROLLOUT_CREATED,
  ROLLOUT_CHANGED,
  ROLLOUT_DELETED,
  ROLLOUT_STATE_CHANGED,
  STEP_STARTED,
  DEVICE_POSTED,
  DEVICE_RESULT,
  GATE_PASSED,
  GATE_FAILED,
  /** A posted step was cancelled, or a queued device dropped, because its rollout stopped. */
  DEVICE_ABORTED,
  /** A failed device was queued again (manual retry, automatic retry, reroute). */
  DEVICE_RETRY,
  /** A device was handed to a backout rollout to get its pre-rollout state back. */
  DEVICE_ROLLBACK,
  /** Devices that entered the base set after activation joined FINAL. */
  LATE_JOINERS_ADDED,
  /** An operator changed a running rollout (retry, reroute). */
  ROLLOUT_RESOLUTION,
  /** An engine instance took over a rollout's lease from another instance (several instances). */
  ROLLOUT_LEASE_TAKEN,
  /**
   * An engine instance lost a rollout's lease (it expired or another instance took it) and stopped
   * driving it. Told to that instance's listeners only: a lease loser cannot write the store.
   */
  ROLLOUT_LEASE_LOST,
  /** An operator approved the step a rollout waited on (who and when are in the message). */
  STEP_APPROVED,
  /** A step's health gate (soak, health checks) began, changed its word, or marked devices failed. */
  HEALTH_GATE
}
