package io.biggerfleet.model;

import io.biggerfleet.InvalidInputException;
import java.util.Objects;

/**
 * One planned step of a rollout: a device selector and its {@link StepConfig}. The step's devices are
 * the rollout's base set ∩ the selector, minus devices of earlier steps. Immutable and thread-safe.
 */
public final class RolloutStep {
  private final String selector;
  private final StepConfig config;

  private RolloutStep(String selector, StepConfig config) {
    this.selector = selector;
    this.config = config;
  }

  /**
   * @throws InvalidInputException if the selector is blank
   */
  public static RolloutStep of(String selector, StepConfig config) {
    Objects.requireNonNull(selector, "devices");
    Objects.requireNonNull(config, "step config");
    if (selector.isBlank()) {
      throw new InvalidInputException(
          "A step needs a device selector (devices=...), e.g. /specialsets/canary");
    }
    return new RolloutStep(selector.strip(), config);
  }

  public String selector() {
    return selector;
  }

  public StepConfig config() {
    return config;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RolloutStep
        && ((RolloutStep) o).selector.equals(selector)
        && ((RolloutStep) o).config.equals(config);
  }

  @Override
  public int hashCode() {
    return selector.hashCode() * 31 + config.hashCode();
  }

  @Override
  public String toString() {
    return "'" + selector + "' " + config;
  }
}
