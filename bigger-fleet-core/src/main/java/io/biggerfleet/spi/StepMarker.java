package io.biggerfleet.spi;

import io.biggerfleet.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What Bigger Fleet writes into the {@code meta} of every step it posts: which rollout, which step of
 * it and which attempt. After a crash the engine finds already-posted steps by their marker, so it
 * never posts the same attempt twice.
 *
 * <p>In step meta it is three keys (no dots, so Pantahub stores them verbatim):
 * {@code bf-rollout}, {@code bf-step}, {@code bf-attempt}. Immutable and thread-safe.
 */
public final class StepMarker {
  /** Meta key of the rollout name. */
  public static final String ROLLOUT_KEY = "bf-rollout";
  /** Meta key of the step number (1-based; the FINAL step is the last number). */
  public static final String STEP_KEY = "bf-step";
  /** Meta key of the attempt number (1 for the first post). */
  public static final String ATTEMPT_KEY = "bf-attempt";

  private final String rollout;
  private final int step;
  private final int attempt;

  private StepMarker(String rollout, int step, int attempt) {
    this.rollout = rollout;
    this.step = step;
    this.attempt = attempt;
  }

  /**
   * @throws InvalidInputException if the rollout is blank or step/attempt are below 1 (step 0 is
   *     allowed for steps that belong to no planned step, e.g. a manual backout)
   */
  public static StepMarker of(String rollout, int step, int attempt) {
    Objects.requireNonNull(rollout, "rollout");
    if (rollout.isBlank()) {
      throw new InvalidInputException("Step marker needs a rollout name");
    }
    if (step < 0 || attempt < 1) {
      throw new InvalidInputException("Step marker for '" + rollout + "' has step " + step
          + " and attempt " + attempt + "; step must be >= 0 and attempt >= 1");
    }
    return new StepMarker(rollout, step, attempt);
  }

  /**
   * Reads a marker from step meta; empty when the meta holds none (a step someone else posted) or a
   * malformed one. Values may be strings or numbers as text.
   */
  public static Optional<StepMarker> fromMeta(Map<String, ?> meta) {
    if (meta == null) {
      return Optional.empty();
    }
    Object r = meta.get(ROLLOUT_KEY);
    Object s = meta.get(STEP_KEY);
    Object a = meta.get(ATTEMPT_KEY);
    if (r == null || s == null || a == null) {
      return Optional.empty();
    }
    try {
      int step = (int) Double.parseDouble(s.toString());
      int attempt = (int) Double.parseDouble(a.toString());
      return Optional.of(of(r.toString(), step, attempt));
    } catch (NumberFormatException | InvalidInputException e) {
      return Optional.empty();
    }
  }

  /** The three meta entries, values as strings. */
  public Map<String, String> toMeta() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(ROLLOUT_KEY, rollout);
    m.put(STEP_KEY, Integer.toString(step));
    m.put(ATTEMPT_KEY, Integer.toString(attempt));
    return m;
  }

  public String rollout() {
    return rollout;
  }

  public int step() {
    return step;
  }

  public int attempt() {
    return attempt;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof StepMarker)) {
      return false;
    }
    StepMarker m = (StepMarker) o;
    return m.rollout.equals(rollout) && m.step == step && m.attempt == attempt;
  }

  @Override
  public int hashCode() {
    return Objects.hash(rollout, step, attempt);
  }

  /** {@code ROLLOUT5/step 2/attempt 1}. */
  @Override
  public String toString() {
    return rollout + "/step " + step + "/attempt " + attempt;
  }
}
