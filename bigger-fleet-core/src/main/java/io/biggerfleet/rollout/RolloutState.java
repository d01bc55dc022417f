package io.biggerfleet.rollout;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of a rollout: {@code DRAFT → ACTIVE ⇄ PAUSED → DONE | ERROR | ABORTED}. The one
 * transition table lives here ({@link #canMoveTo}); nothing else decides which moves are legal.
 *
 * <pre>
 * DRAFT   → ACTIVE                      activate
 * ACTIVE  → PAUSED | DONE | ERROR | ABORTED   pause, last gate passed, gate failed, abort/backout
 * PAUSED  → ACTIVE | ABORTED            resume, abort/backout
 * ERROR   → ACTIVE | ABORTED            retry/reroute, abort/backout
 * DONE    → ACTIVE | ABORTED            retry/reroute of failed devices, backout
 * ABORTED → (none)
 * </pre>
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
      case DONE:
        return EnumSet.of(ACTIVE, ABORTED);
      default:
        return EnumSet.noneOf(RolloutState.class);
    }
  }

  /** True if the table allows {@code this → target}. */
  public boolean canMoveTo(RolloutState target) {
    return next().contains(target);
  }

  /**
   * Checks {@code this → target} for the operation {@code action} on rollout {@code name}.
   *
   * @throws RolloutStateException naming the rollout, both states and what is allowed instead
   */
  public void checkMove(String name, RolloutState target, String action) {
    if (!canMoveTo(target)) {
      throw new RolloutStateException("Cannot " + action + " rollout '" + name + "': it is " + this
          + (next().isEmpty() ? ", which is final" : "; from " + this + " it can only go to " + next()));
    }
  }

  /** True while the rollout holds its devices: no other rollout may include them (ACTIVE, PAUSED, ERROR). */
  public boolean holdsDevices() {
    return this == ACTIVE || this == PAUSED || this == ERROR;
  }

  /** True for DONE, ERROR and ABORTED: the rollout posts nothing more on its own. */
  public boolean isFinished() {
    return this == DONE || this == ERROR || this == ABORTED;
  }
}
