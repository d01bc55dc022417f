package io.biggerfleet.model;

import io.biggerfleet.InvalidInputException;
import java.util.Objects;

/**
 * A step's gate: at least {@code minReported} percent of the step's devices must have reported a
 * result, and at least {@code minSuccess} percent of those that reported must have succeeded. Written
 * {@code 85%,99%} or {@code 80,99.5}. Percentages keep two decimals and are compared exactly (in
 * hundredths of a percent, integer arithmetic).
 *
 * <p>Immutable and thread-safe.
 */
public final class SuccessCriteria {
  private static final int FULL = 10_000;
  private final int minReportedBp;
  private final int minSuccessBp;

  private SuccessCriteria(int minReportedBp, int minSuccessBp) {
    this.minReportedBp = minReportedBp;
    this.minSuccessBp = minSuccessBp;
  }

  /**
   * Parses {@code "85%,99%"}, {@code "80,99.5"}, {@code "100%,100%"}.
   *
   * @throws InvalidInputException naming the text and what is wrong
   */
  public static SuccessCriteria parse(String text) {
    Objects.requireNonNull(text, "success");
    String[] parts = text.split(",", -1);
    if (parts.length != 2) {
      throw new InvalidInputException(
          "success '" + text
              + "' must be two percentages separated by a comma: min-reported%,min-success%, e.g. 85%,99%");
    }
    return new SuccessCriteria(
        percent(text, parts[0], "min-reported"), percent(text, parts[1], "min-success"));
  }

  /** Criteria from two percentages in hundredths of a percent (0..10000), e.g. 8500 and 9900. */
  public static SuccessCriteria ofBasisPoints(int minReportedBp, int minSuccessBp) {
    check(minReportedBp, "min-reported");
    check(minSuccessBp, "min-success");
    return new SuccessCriteria(minReportedBp, minSuccessBp);
  }

  private static void check(int bp, String what) {
    if (bp < 0 || bp > FULL) {
      throw new InvalidInputException(
          what + " must be between 0 and 10000 hundredths of a percent, was " + bp);
    }
  }

  private static int percent(String whole, String part, String what) {
    String p = part.strip();
    if (p.endsWith("%")) {
      p = p.substring(0, p.length() - 1).strip();
    }
    if (!p.matches("\\d{1,3}(\\.\\d{1,2})?")) {
      throw new InvalidInputException("success '" + whole + "': " + what + " '" + part.strip()
          + "' is not a percentage between 0 and 100 with at most two decimals");
    }
    int dot = p.indexOf('.');
    int bp = dot < 0
        ? Integer.parseInt(p) * 100
        : Integer.parseInt(p.substring(0, dot)) * 100
            + Integer.parseInt((p.substring(dot + 1) + "0").substring(0, 2));
    if (bp > FULL) {
      throw new InvalidInputException(
          "success '" + whole + "': " + what + " " + part.strip() + " is above 100%");
    }
    return bp;
  }

  /** Minimum share of devices that reported, in hundredths of a percent. */
  public int minReportedBasisPoints() {
    return minReportedBp;
  }

  /** Minimum share of reporters that succeeded, in hundredths of a percent. */
  public int minSuccessBasisPoints() {
    return minSuccessBp;
  }

  /**
   * True if {@code reported} of {@code total} devices reporting, {@code succeeded} of them with
   * success, meets the criteria. An empty step ({@code total == 0}) passes; no reporter means 0 %
   * success.
   */
  public boolean isMet(long total, long reported, long succeeded) {
    if (total == 0) {
      return true;
    }
    boolean enoughReports = reported * FULL >= (long) minReportedBp * total;
    boolean enoughSuccess =
        reported == 0 ? minSuccessBp == 0 : succeeded * FULL >= (long) minSuccessBp * reported;
    return enoughReports && enoughSuccess;
  }

  /**
   * True if the criteria can still be met once every device not yet reported reports success: the
   * test for an early failure.
   */
  public boolean canStillBeMet(long total, long reported, long succeeded) {
    long outstanding = total - reported;
    return isMet(total, total, succeeded + outstanding);
  }

  /** A percentage in hundredths as text: 8500 → {@code 85}, 9970 → {@code 99.7}. */
  public static String percentText(int bp) {
    if (bp % 100 == 0) {
      return Integer.toString(bp / 100);
    }
    String s = String.format(java.util.Locale.ROOT, "%d.%02d", bp / 100, bp % 100);
    return s.endsWith("0") ? s.substring(0, s.length() - 1) : s;
  }

  /** {@code numerator / denominator} in hundredths of a percent, rounded down; 0 when the denominator is 0. */
  public static int basisPoints(long numerator, long denominator) {
    return denominator == 0 ? 0 : (int) (numerator * FULL / denominator);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SuccessCriteria
        && ((SuccessCriteria) o).minReportedBp == minReportedBp
        && ((SuccessCriteria) o).minSuccessBp == minSuccessBp;
  }

  @Override
  public int hashCode() {
    return minReportedBp * 31 + minSuccessBp;
  }

  /** {@code 85%,99%}; parses back to an equal value. */
  @Override
  public String toString() {
    return percentText(minReportedBp) + "%," + percentText(minSuccessBp) + "%";
  }
}
