package io.biggerfleet.model;

/**
 * What moves a rollout from one {@link RolloutState} to another: an operator's command or one of the
 * engine's gate decisions. The labels of {@link RolloutTransition#table() the transition table}.
 *
 * <p>Immutable and thread-safe.
 */
public enum RolloutAction {
  /** An operator starts a DRAFT. */
  ACTIVATE("activate"),
  /** An operator holds a running rollout. */
  PAUSE("pause"),
  /** An operator lets a paused rollout run again. */
  RESUME("resume"),
  /** An operator stops the rollout for good. */
  ABORT("abort"),
  /** An operator backs the rollout out (it ends ABORTED; a backout rollout reverts its devices). */
  BACKOUT("back out"),
  /** The engine: the last step passed its gate. */
  COMPLETE("complete"),
  /** The engine: a step failed its gate, and the rollout stops in ERROR. */
  FAIL("fail"),
  /** The engine: a step failed its gate, and the rollout's policy backs it out automatically. */
  AUTO_BACKOUT("back out automatically"),
  /** The engine: the step now due needs an approval, and the rollout waits for it. */
  AWAIT_APPROVAL("hold for approval"),
  /** An operator approves the step a rollout waits on, which then starts. */
  APPROVE("approve a step of"),
  /** An operator retries failed devices of a finished rollout, which runs again. */
  RETRY("retry devices of"),
  /** An operator sends failed devices of a finished rollout on a detour, and it runs again. */
  REROUTE("reroute devices of");

  private final String verb;

  RolloutAction(String verb) {
    this.verb = verb;
  }

  /** The action as a verb for messages: {@code "Cannot pause rollout 'R' ..."}. */
  public String verb() {
    return verb;
  }
}
