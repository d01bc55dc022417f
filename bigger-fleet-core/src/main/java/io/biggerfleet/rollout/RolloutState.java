package io.biggerfleet.rollout;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of a rollout: {@code DRAFT → ACTIVE ⇄ PAUSED → DONE | ERROR | ABORTED}. The one
 * transition table lives here ({@link #canMoveTo}); nothing else decides which moves are legal.
 */
public enum RolloutState {
  /** Being drafted: steps can be added and removed; the rollout can be deleted. */
  DRAFT,
  /** Running: membership frozen, steps posted on schedule, gates evaluated. */
  ACTIVE,
  /** Held by an operator: nothing new is posted; resuming shifts the remaining schedule. */
  PAUSED,
  /** Every step passed its gate. Devices left behind are still watched. */
  DONE,
  /** A gate failed. Failures can be retried or rerouted, which re-activates the rollout. */
  ERROR,
  /** Stopped by an operator or backed out. Terminal. */
  ABORTED;

  /** The states this state may move to. */
  public Set<RolloutState> next() {
    switch (this) {
      case DRAFT:
        return EnumSet.of(ACTIVE);
      case ACTIVE:
        return EnumSet.of(PAUSED, DONE, ERROR, ABORTED);
      case PAUSED:
        return EnumSet.of(ACTIVE, ABORTED);
      case ERROR:
        return EnumSet.of(ACTIVE, ABORTED);
      case DONE:
        return EnumSet.of(ACTIVE);
      default:
        return EnumSet.noneOf(RolloutState.class);
    }
  }

  /** True if the table allows {@code this → target}. */
  public boolean canMoveTo(RolloutState target) {
    return next().contains(target);
  }

  /** True for DONE, ERROR and ABORTED: the rollout posts nothing more on its own. */
  public boolean isFinished() {
    return this == DONE || this == ERROR || this == ABORTED;
  }
}
