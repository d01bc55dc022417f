package io.biggerfleet.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of a rollout: {@code DRAFT → ACTIVE ⇄ PAUSED → DONE | ERROR | ABORTED}. Which moves
 * are legal, and by which action, is the one table of {@link RolloutTransition}; nothing else decides.
 *
 * <pre>
 * DRAFT   → ACTIVE                      activate
 * ACTIVE  → PAUSED | DONE | ERROR | ABORTED   pause, last gate passed, gate failed, abort/backout
 * ACTIVE  → AWAITING_APPROVAL          a step that needs approval is reached
 * AWAITING_APPROVAL → ACTIVE | ABORTED approve, abort/backout
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
  /**
   * The current step needs an operator's approval before it starts: nothing of it is posted until
   * someone allowed approves ({@code approve ROLLOUT [STEP]}); the approval shifts the rest of the
   * schedule by the time held.
   */
  AWAITING_APPROVAL,
  /** Every step passed its gate. Devices left behind are still watched. */
  DONE,
  /** A gate failed. Failures can be retried or rerouted, which re-activates the rollout. */
  ERROR,
  /** Stopped by an operator or backed out. Terminal. */
  ABORTED;

  /** The states this state may move to, by any action of {@link RolloutTransition#table()}. */
  public Set<RolloutState> next() {
    Set<RolloutState> out = EnumSet.noneOf(RolloutState.class);
    for (RolloutTransition t : RolloutTransition.table()) {
      if (t.from() == this) {
        out.add(t.to());
      }
    }
    return out;
  }

  /** True if some action of {@link RolloutTransition#table()} moves {@code this → target}. */
  public boolean canMoveTo(RolloutState target) {
    return next().contains(target);
  }

  /**
   * True while the rollout holds its devices: no other rollout may include them (ACTIVE, PAUSED,
   * AWAITING_APPROVAL, ERROR).
   */
  public boolean holdsDevices() {
    return this == ACTIVE || this == PAUSED || this == AWAITING_APPROVAL || this == ERROR;
  }

  /**
   * True from activation until the rollout finishes, while it has not failed: ACTIVE, PAUSED and
   * AWAITING_APPROVAL. A running rollout keeps its groups and takes retries and reroutes in place.
   */
  public boolean isRunning() {
    return this == ACTIVE || this == PAUSED || this == AWAITING_APPROVAL;
  }

  /** True for DONE, ERROR and ABORTED: the rollout posts nothing more on its own. */
  public boolean isFinished() {
    return this == DONE || this == ERROR || this == ABORTED;
  }
}
