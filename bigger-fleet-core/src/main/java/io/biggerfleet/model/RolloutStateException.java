package io.biggerfleet.model;

import io.biggerfleet.FleetException;

/**
 * Thrown when an operation does not fit the rollout's state: editing a rollout that is not a DRAFT,
 * pausing one that is not ACTIVE, any move the {@link RolloutState} table forbids. Nothing changed.
 */
public class RolloutStateException extends FleetException {
  private static final long serialVersionUID = 1L;

  public RolloutStateException(String message) {
    super(message);
  }
}
