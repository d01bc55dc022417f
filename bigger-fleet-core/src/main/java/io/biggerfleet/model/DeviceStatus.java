package io.biggerfleet.model;

/**
 * Where one device stands in a rollout, as the fleet sees it. The per-device view prints it as
 * {@code [QUEUE]}, {@code [75%]}, {@code [OK]}, {@code [ERROR: msg]}, {@code [ABORT]} or
 * {@code [ROLLBACK]}.
 */
public enum DeviceStatus {
  /** Waiting for its post time. */
  QUEUED(false),
  /**
   * The engine decided to post and recorded so before posting; after a crash it looks for the step by
   * its marker before posting again.
   */
  POSTING(false),
  /** Posted; the device has not picked it up yet (Pantahub NEW). */
  POSTED(false),
  /** The device works on it (QUEUED, DOWNLOADING, INPROGRESS, TESTING). */
  IN_PROGRESS(false),
  /** The device reported success (DONE or UPDATED). */
  SUCCEEDED(true),
  /** The device reported failure (ERROR or WONTGO) and no automatic retry is left. */
  FAILED(true),
  /** Never applied: cancelled or not posted because the rollout stopped. */
  ABORTED(true),
  /** Applied, then reverted by a backout. */
  ROLLED_BACK(true);

  private final boolean terminal;

  DeviceStatus(boolean terminal) {
    this.terminal = terminal;
  }

  /** True if the device reported a final result (or the rollout ended it). */
  public boolean isTerminal() {
    return terminal;
  }

  /** True if a step was posted for the device and it has not ended yet. */
  public boolean isOutstanding() {
    return this == POSTED || this == IN_PROGRESS || this == POSTING;
  }
}
