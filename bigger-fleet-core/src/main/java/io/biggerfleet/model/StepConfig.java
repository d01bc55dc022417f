package io.biggerfleet.model;

import io.biggerfleet.InvalidInputException;
import java.time.Duration;
import java.util.Objects;

/**
 * How one step runs: the time window over which its devices get the change (evenly spread), the
 * timeout devices get after the window to report, the {@link SuccessCriteria} its gate applies, and its
 * {@link StepGuards} (approval before it starts, abort rules), and its {@link Pacing} (device-local
 * maintenance window, posts per minute).
 * Immutable and thread-safe.
 */
public final class StepConfig {
  private final Duration window;
  private final Duration timeout;
  private final SuccessCriteria criteria;
  private final StepGuards guards;
  private final Pacing pacing;

  private StepConfig(
      Duration window,
      Duration timeout,
      SuccessCriteria criteria,
      StepGuards guards,
      Pacing pacing) {
    this.window = window;
    this.timeout = timeout;
    this.criteria = criteria;
    this.guards = guards;
    this.pacing = pacing;
  }

  /**
   * @throws InvalidInputException if a duration is negative or longer than {@link Durations#MAX}
   */
  public static StepConfig of(Duration window, Duration timeout, SuccessCriteria criteria) {
    Objects.requireNonNull(window, "time");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(criteria, "success");
    check("time", window);
    check("timeout", timeout);
    return new StepConfig(window, timeout, criteria, StepGuards.none(), Pacing.NONE);
  }

  /** Parses the three texts, e.g. {@code of("4h", "1h", "100%,100%")}. */
  public static StepConfig parse(String time, String timeout, String success) {
    return of(
        Durations.parse("time", time),
        Durations.parse("timeout", timeout),
        SuccessCriteria.parse(success));
  }

  private static void check(String what, Duration d) {
    if (d.isNegative() || d.compareTo(Durations.MAX) > 0) {
      throw new InvalidInputException(
          what + " must be between 0s and " + Durations.format(Durations.MAX) + ", was "
              + Durations.format(d.abs()) + (d.isNegative() ? " (negative)" : ""));
    }
  }

  /** The window over which the step's devices get the change. */
  public Duration window() {
    return window;
  }

  /** How long after the window the gate waits for reports. */
  public Duration timeout() {
    return timeout;
  }

  public SuccessCriteria criteria() {
    return criteria;
  }

  /** Window plus timeout: the longest a step can run. */
  public Duration span() {
    return window.plus(timeout);
  }

  /** Approval and abort rules of the step; {@link StepGuards#none()} unless given. */
  public StepGuards guards() {
    return guards;
  }

  /** The step's own maintenance window and rate cap ({@link Pacing#NONE} if it sets neither). */
  public Pacing pacing() {
    return pacing;
  }

  public StepConfig withWindow(Duration w) {
    return of(w, timeout, criteria).withGuards(guards).withPacing(pacing);
  }

  public StepConfig withTimeout(Duration t) {
    return of(window, t, criteria).withGuards(guards).withPacing(pacing);
  }

  public StepConfig withCriteria(SuccessCriteria c) {
    return of(window, timeout, c).withGuards(guards).withPacing(pacing);
  }

  /** A copy with these approval and abort rules. */
  public StepConfig withGuards(StepGuards g) {
    return new StepConfig(window, timeout, criteria, Objects.requireNonNull(g, "guards"), pacing);
  }

  /** A copy with this maintenance window and rate cap. */
  public StepConfig withPacing(Pacing p) {
    return new StepConfig(window, timeout, criteria, guards, Objects.requireNonNull(p, "pacing"));
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof StepConfig)) {
      return false;
    }
    StepConfig c = (StepConfig) o;
    return c.window.equals(window)
        && c.timeout.equals(timeout)
        && c.criteria.equals(criteria)
        && c.guards.equals(guards)
        && c.pacing.equals(pacing);
  }

  @Override
  public int hashCode() {
    return Objects.hash(window, timeout, criteria, guards, pacing);
  }

  /** {@code time 4h, timeout 1h, min-reports: 100%, min-success: 100%}. */
  @Override
  public String toString() {
    return "time " + Durations.format(window) + ", timeout " + Durations.format(timeout)
        + ", min-reports: "
        + SuccessCriteria.percentText(criteria.minReportedBasisPoints()) + "%, min-success: "
        + SuccessCriteria.percentText(criteria.minSuccessBasisPoints()) + "%"
        + (guards.isNone() ? "" : ", " + guards)
        + (pacing.isNone() ? "" : ", " + pacing);
  }
}
