package io.biggerfleet.rollout;

import io.biggerfleet.model.StepConfig;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A preview of how a rollout would run if activated now (or how it runs, once active): per step the
 * devices it takes and its latest time span, FINAL last. Immutable and thread-safe.
 */
public final class RolloutPlan {
  private final String rollout;
  private final List<Step> steps;

  public RolloutPlan(String rollout, List<Step> steps) {
    this.rollout = Objects.requireNonNull(rollout, "rollout");
    this.steps = List.copyOf(steps);
  }

  public String rollout() {
    return rollout;
  }

  /** Every step, FINAL last. */
  public List<Step> steps() {
    return steps;
  }

  /** Devices over all steps. */
  public int deviceCount() {
    return steps.stream().mapToInt(Step::deviceCount).sum();
  }

  /** When the last gate falls at the latest. */
  public Instant end() {
    return steps.get(steps.size() - 1).gateAt();
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("Plan of " + rollout + ":");
    for (Step s : steps) {
      b.append("\n  ").append(s);
    }
    return b.toString();
  }

  /** One step of a plan. Immutable. */
  public static final class Step {
    private final int number;
    private final boolean fin;
    private final String selector;
    private final int deviceCount;
    private final StepConfig config;
    private final Instant start;
    private final Instant gateAt;

    public Step(
        int number,
        boolean fin,
        String selector,
        int deviceCount,
        StepConfig config,
        Instant start,
        Instant gateAt) {
      this.number = number;
      this.fin = fin;
      this.selector = selector;
      this.deviceCount = deviceCount;
      this.config = config;
      this.start = start;
      this.gateAt = gateAt;
    }

    /** 1-based. */
    public int number() {
      return number;
    }

    public boolean isFinal() {
      return fin;
    }

    /** The step's selector; for FINAL the rollout's base selector. */
    public String selector() {
      return selector;
    }

    public int deviceCount() {
      return deviceCount;
    }

    public StepConfig config() {
      return config;
    }

    /** When the step starts at the latest (every earlier step using its full window and timeout). */
    public Instant start() {
      return start;
    }

    /** When its gate falls at the latest. */
    public Instant gateAt() {
      return gateAt;
    }

    @Override
    public String toString() {
      return (fin ? "FINAL" : Integer.toString(number)) + ". '" + selector + "' " + deviceCount
          + " devices, " + start + " → " + gateAt + " (" + config + ")";
    }
  }
}
