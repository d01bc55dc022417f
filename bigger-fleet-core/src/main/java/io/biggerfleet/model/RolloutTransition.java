package io.biggerfleet.model;

import static io.biggerfleet.model.RolloutAction.ABORT;
import static io.biggerfleet.model.RolloutAction.ACTIVATE;
import static io.biggerfleet.model.RolloutAction.APPROVE;
import static io.biggerfleet.model.RolloutAction.AUTO_BACKOUT;
import static io.biggerfleet.model.RolloutAction.AWAIT_APPROVAL;
import static io.biggerfleet.model.RolloutAction.BACKOUT;
import static io.biggerfleet.model.RolloutAction.COMPLETE;
import static io.biggerfleet.model.RolloutAction.FAIL;
import static io.biggerfleet.model.RolloutAction.PAUSE;
import static io.biggerfleet.model.RolloutAction.REROUTE;
import static io.biggerfleet.model.RolloutAction.RESUME;
import static io.biggerfleet.model.RolloutAction.RETRY;
import static io.biggerfleet.model.RolloutState.ABORTED;
import static io.biggerfleet.model.RolloutState.ACTIVE;
import static io.biggerfleet.model.RolloutState.AWAITING_APPROVAL;
import static io.biggerfleet.model.RolloutState.DONE;
import static io.biggerfleet.model.RolloutState.DRAFT;
import static io.biggerfleet.model.RolloutState.ERROR;
import static io.biggerfleet.model.RolloutState.PAUSED;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One labelled move of a rollout's lifecycle, {@code (from, action) → to}, and the one table of every
 * legal move. Every state change of a rollout — operator commands and the engine's gates alike — is
 * looked up here ({@link #of}) and carried out with {@link Rollout.Builder#transition}; listeners are
 * told of each one ({@code RolloutListener.onTransition}).
 *
 * <pre>
 * DRAFT   --activate--&gt;               ACTIVE
 * ACTIVE  --pause--&gt;                  PAUSED
 * PAUSED  --resume--&gt;                 ACTIVE
 * ACTIVE  --complete--&gt;               DONE      (last gate passed)
 * ACTIVE  --fail--&gt;                   ERROR     (a gate failed)
 * ACTIVE  --auto_backout--&gt;           ABORTED   (a gate failed; policy BACKOUT)
 * ACTIVE  --await_approval--&gt;         AWAITING_APPROVAL (the step now due needs approval)
 * AWAITING_APPROVAL --approve--&gt;      ACTIVE
 * ACTIVE | PAUSED | AWAITING_APPROVAL | ERROR | DONE --abort--&gt;   ABORTED
 * ACTIVE | PAUSED | AWAITING_APPROVAL | ERROR | DONE --backout--&gt; ABORTED
 * ERROR | DONE --retry--&gt;   ACTIVE
 * ERROR | DONE --reroute--&gt; ACTIVE
 * </pre>
 * Retrying or rerouting devices of an ACTIVE or PAUSED rollout changes no state and is no transition.
 *
 * <p>Immutable and thread-safe.
 *
 * @param from the state before
 * @param action what moved it
 * @param to the state after
 */
public record RolloutTransition(RolloutState from, RolloutAction action, RolloutState to) {
  private static final List<RolloutTransition> TABLE;
  private static final Map<RolloutState, Map<RolloutAction, RolloutTransition>> BY_STATE =
      new EnumMap<>(RolloutState.class);

  static {
    List<RolloutTransition> t = new ArrayList<>();
    t.add(new RolloutTransition(DRAFT, ACTIVATE, ACTIVE));
    t.add(new RolloutTransition(ACTIVE, PAUSE, PAUSED));
    t.add(new RolloutTransition(PAUSED, RESUME, ACTIVE));
    t.add(new RolloutTransition(ACTIVE, COMPLETE, DONE));
    t.add(new RolloutTransition(ACTIVE, FAIL, ERROR));
    t.add(new RolloutTransition(ACTIVE, AUTO_BACKOUT, ABORTED));
    t.add(new RolloutTransition(ACTIVE, AWAIT_APPROVAL, AWAITING_APPROVAL));
    t.add(new RolloutTransition(AWAITING_APPROVAL, APPROVE, ACTIVE));
    for (RolloutState s : List.of(ACTIVE, PAUSED, AWAITING_APPROVAL, ERROR, DONE)) {
      t.add(new RolloutTransition(s, ABORT, ABORTED));
      t.add(new RolloutTransition(s, BACKOUT, ABORTED));
    }
    for (RolloutState s : List.of(ERROR, DONE)) {
      t.add(new RolloutTransition(s, RETRY, ACTIVE));
      t.add(new RolloutTransition(s, REROUTE, ACTIVE));
    }
    TABLE = List.copyOf(t);
    for (RolloutState s : RolloutState.values()) {
      BY_STATE.put(s, new EnumMap<>(RolloutAction.class));
    }
    for (RolloutTransition x : TABLE) {
      BY_STATE.get(x.from()).put(x.action(), x);
    }
  }

  /** Checks the parts are given; any triple can be built, only {@link #table()} rows are legal. */
  public RolloutTransition {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(to, "to");
  }

  /** Every legal move, in the order of the table above. */
  public static List<RolloutTransition> table() {
    return TABLE;
  }

  /** The move {@code action} makes from {@code from}, if the table has one. */
  public static Optional<RolloutTransition> find(RolloutState from, RolloutAction action) {
    return Optional.ofNullable(BY_STATE.get(from).get(action));
  }

  /** The actions the table allows from {@code from}. */
  public static List<RolloutAction> actionsFrom(RolloutState from) {
    return List.copyOf(BY_STATE.get(from).keySet());
  }

  /**
   * The move {@code action} makes from {@code from} for rollout {@code name}.
   *
   * @throws RolloutStateException if the table has none, naming the rollout, its state, and what it can
   *     do instead; nothing changed
   */
  public static RolloutTransition of(String name, RolloutState from, RolloutAction action) {
    return find(from, action)
        .orElseThrow(() -> new RolloutStateException(refusal(name, from, action)));
  }

  private static String refusal(String name, RolloutState from, RolloutAction action) {
    StringBuilder m = new StringBuilder("Cannot ")
        .append(action.verb())
        .append(" rollout '")
        .append(name)
        .append("': it is ")
        .append(from);
    List<RolloutAction> allowed = actionsFrom(from);
    if (allowed.isEmpty()) {
      return m.append(", which is final").toString();
    }
    List<RolloutState> froms = TABLE.stream()
        .filter(t -> t.action() == action)
        .map(RolloutTransition::from)
        .distinct()
        .collect(Collectors.toList());
    if (action == ACTIVATE) {
      m.append("; only a DRAFT can be activated").append(from == PAUSED ? "; use resume" : "");
    } else if (froms.size() == 1) {
      m.append(", not ").append(froms.get(0));
    } else {
      m.append("; only a rollout that is ")
          .append(froms.stream().map(String::valueOf).collect(Collectors.joining(", ")))
          .append(" can");
    }
    return m.append(" (from ")
        .append(from)
        .append(": ")
        .append(allowed.stream()
            .map(a -> a.name().toLowerCase(java.util.Locale.ROOT))
            .collect(Collectors.joining(", ")))
        .append(')')
        .toString();
  }

  @Override
  public String toString() {
    return from + " --" + action.name().toLowerCase(java.util.Locale.ROOT) + "--> " + to;
  }
}
