package io.biggerfleet.spi;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The progress status a device reports for a step (Pantahub {@code progress.status}), with its class
 * from the Pantahub state machine: pending, active, success, failure or aborted.
 *
 * <p>Unknown strings map to {@link #UNKNOWN} (active: not finished). The legacy values {@code QUEUE}
 * maps to {@link #UNKNOWN} and {@code ABORT}/{@code ABORTED} to {@link #ERROR}, as the API notes say.
 */
public enum ProgressStatus {
  NEW(Outcome.PENDING),
  QUEUED(Outcome.ACTIVE),
  DOWNLOADING(Outcome.ACTIVE),
  INPROGRESS(Outcome.ACTIVE),
  TESTING(Outcome.ACTIVE),
  UPDATED(Outcome.SUCCESS),
  DONE(Outcome.SUCCESS),
  ERROR(Outcome.FAILURE),
  WONTGO(Outcome.FAILURE),
  CANCEL(Outcome.ABORTED),
  UNKNOWN(Outcome.ACTIVE);

  /** The class of a status. */
  public enum Outcome {
    /** Posted, not yet seen by the device. */
    PENDING,
    /** The device works on it. */
    ACTIVE,
    /** Terminal: applied. */
    SUCCESS,
    /** Terminal: failed; the device rolled back or refused. */
    FAILURE,
    /** Terminal: cancelled before the device took it; never applied. */
    ABORTED;

    /** True for SUCCESS, FAILURE and ABORTED. */
    public boolean isTerminal() {
      return this == SUCCESS || this == FAILURE || this == ABORTED;
    }
  }

  private final Outcome outcome;

  ProgressStatus(Outcome outcome) {
    this.outcome = outcome;
  }

  public Outcome outcome() {
    return outcome;
  }

  /** True once the device will report nothing more for this step. */
  public boolean isTerminal() {
    return outcome.isTerminal();
  }

  /** Maps a status string as the device sent it (case-insensitive). Never throws; null → UNKNOWN. */
  public static ProgressStatus parse(@Nullable String raw) {
    if (raw == null) {
      return UNKNOWN;
    }
    String s = raw.trim().toUpperCase(Locale.ROOT);
    switch (s) {
      case "ABORT":
      case "ABORTED":
        return ERROR;
      default:
        for (ProgressStatus p : values()) {
          if (p != UNKNOWN && p.name().equals(s)) {
            return p;
          }
        }
        return UNKNOWN;
    }
  }
}
