package io.biggerfleet.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a device last reported for a step: status (parsed, and the raw string), percent done, message
 * and when it reported. Immutable and thread-safe.
 */
public final class StepProgress {
  private final ProgressStatus status;
  private final String rawStatus;
  private final int percent;
  private final String message;
  private final @Nullable Instant reportedAt;

  private StepProgress(
      String rawStatus, int percent, String message, @Nullable Instant reportedAt) {
    this.rawStatus = Objects.requireNonNull(rawStatus, "status");
    this.status = ProgressStatus.parse(rawStatus);
    this.percent = Math.max(0, Math.min(100, percent));
    this.message = message == null ? "" : message;
    this.reportedAt = reportedAt;
  }

  /**
   * @param rawStatus the status string as reported (see {@link ProgressStatus#parse})
   * @param percent 0..100 (clamped)
   * @param message status message, may be empty
   * @param reportedAt when it was reported; {@code null} when the device has not reported yet
   */
  public static StepProgress of(
      String rawStatus, int percent, String message, @Nullable Instant reportedAt) {
    return new StepProgress(rawStatus, percent, message, reportedAt);
  }

  /** The progress of a step just posted: NEW, 0 %, no report. */
  public static StepProgress posted() {
    return new StepProgress("NEW", 0, "", null);
  }

  public ProgressStatus status() {
    return status;
  }

  public String rawStatus() {
    return rawStatus;
  }

  public int percent() {
    return percent;
  }

  public String message() {
    return message;
  }

  /** When the device reported this; empty before its first report. */
  public Optional<Instant> reportedAt() {
    return Optional.ofNullable(reportedAt);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof StepProgress)) {
      return false;
    }
    StepProgress p = (StepProgress) o;
    return p.rawStatus.equals(rawStatus)
        && p.percent == percent
        && p.message.equals(message)
        && Objects.equals(p.reportedAt, reportedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rawStatus, percent, message, reportedAt);
  }

  /** {@code INPROGRESS 40% "Update objects downloaded"}. */
  @Override
  public String toString() {
    return rawStatus + " " + percent + "%" + (message.isEmpty() ? "" : " \"" + message + "\"");
  }
}
