package io.biggerfleet.model;

/**
 * Where one device stands in a rollout, as the fleet sees it. The per-device view prints it as
 * {@code [QUEUE]}, {@code [75%]}, {@code [OK]}, {@code [ERROR: msg]}, {@code [ABORT]} or
 * {@code [ROLLBACK]}.
 *
 * <p>Not to be confused with the SPI's {@code ProgressStatus}, what the hub reports for a posted
 * step (whose {@code QUEUED} means the device queued the update). {@link #WAITING} was named {@code QUEUED}
 * before 0.1.0; stores read that stored name as {@code WAITING}, and the CLI still shows {@code [QUEUE]}.
 */
public enum DeviceStatus {
  /** Not posted yet: waiting for its post time (its step's window, a retry or a reroute). */
  WAITING(false),
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
