package io.biggerfleet.pantahub.sim;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A behaviour rule for simulated devices: <em>when</em> a device's attributes (user-meta, device-meta
 * or {@code nick}) have the given values and the step matches (its commit message or state text
 * contains, or does not contain, a string; its change sets, or does not set, a state key; it is the
 * device's n-th attempt at such a step), then with a probability the device fails, refuses, goes
 * offline for a while, or is slow.
 *
 * <pre>{@code
 * Rule.builder().when("Model", "121XPs").whenCommitMessageContains("kernel 5")
 *     .fail("starting new app failed - segmentation fault").build();
 * // fails until a detour has also set bsp/pantavisor, without naming any object hash:
 * Rule.builder().when("Model", "2802I").whenChangeSets("bsp/kernel.img").whenChangeDoesNotSet("bsp/pantavisor")
 *     .fail("starting new kernel failed - segmentation fault").build();
 * // flaky: fails the first attempt only
 * Rule.builder().whenChangeSets("app/root.squashfs").whenAttempt(1, 1).fail("download corrupted").build();
 * }</pre>
 *
 * <p>The <em>change</em> of a step is the set of state keys whose value in the step's state differs
 * from the device's factory state (rev 0): what the new revision sets on top of what the device shipped
 * with. The <em>attempt</em> of a step is 1 + the number of earlier steps of the same device that the
 * device worked on (not NEW, not CANCEL) and that match the rule's other step conditions.
 *
 * <p>Rules are evaluated in scenario order for each (device, step). The first matching {@code FAIL} or
 * {@code REFUSE} decides the outcome; every matching {@code SLOW} multiplies delays; a matching
 * {@code OFFLINE} takes the device offline when it would pick the step up. Randomness comes from the
 * scenario seed, the device id and the rev, so a run is reproducible.
 *
 * <p>Immutable and thread-safe.
 */
public final class Rule {
  /** What a matching rule makes the device do. */
  public enum Action {
    /** Walk the update until installed, then report {@code ERROR} with the message. */
    FAIL,
    /** Report {@code WONTGO} with the message right after queueing. */
    REFUSE,
    /** Go offline for {@link #offlineFor()} when the step arrives, then catch up. */
    OFFLINE,
    /** Multiply every delay of the update by {@link #slowFactor()}. */
    SLOW
  }

  private final Map<String, String> attributes;
  private final String commitMessageContains;
  private final String stateContains;
  private final String commitMessageLacks;
  private final String stateLacks;
  private final String changeSets;
  private final String changeDoesNotSet;
  private final int firstAttempt;
  private final int lastAttempt;
  private final double probability;
  private final Action action;
  private final String message;
  private final Duration offlineFor;
  private final double slowFactor;

  private Rule(Builder b) {
    this.attributes = Map.copyOf(b.attributes);
    this.commitMessageContains = b.commitMessageContains;
    this.stateContains = b.stateContains;
    this.commitMessageLacks = b.commitMessageLacks;
    this.stateLacks = b.stateLacks;
    this.changeSets = b.changeSets;
    this.changeDoesNotSet = b.changeDoesNotSet;
    this.firstAttempt = b.firstAttempt;
    this.lastAttempt = b.lastAttempt;
    this.probability = b.probability;
    this.action = b.action;
    this.message = b.message;
    this.offlineFor = b.offlineFor;
    this.slowFactor = b.slowFactor;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Attribute name → required value (all must hold; empty = every device). */
  public Map<String, String> attributes() {
    return attributes;
  }

  /** Required substring of the step's commit message, if any. */
  public Optional<String> commitMessageContains() {
    return Optional.ofNullable(commitMessageContains);
  }

  /** Required substring of the step's state JSON text, if any. */
  public Optional<String> stateContains() {
    return Optional.ofNullable(stateContains);
  }

  /** Substring the step's commit message must not contain, if any. */
  public Optional<String> commitMessageDoesNotContain() {
    return Optional.ofNullable(commitMessageLacks);
  }

  /** Substring the step's state JSON text must not contain, if any. */
  public Optional<String> stateDoesNotContain() {
    return Optional.ofNullable(stateLacks);
  }

  /** State key the step's change must set (its value differs from the factory state's), if any. */
  public Optional<String> changeSets() {
    return Optional.ofNullable(changeSets);
  }

  /** State key the step's change must not set, if any. */
  public Optional<String> changeDoesNotSet() {
    return Optional.ofNullable(changeDoesNotSet);
  }

  /** First attempt the rule applies to (1 = every attempt). */
  public int firstAttempt() {
    return firstAttempt;
  }

  /** Last attempt the rule applies to ({@link Integer#MAX_VALUE} = no limit). */
  public int lastAttempt() {
    return lastAttempt;
  }

  /** Chance in [0, 1] that the rule applies to a matching (device, step). */
  public double probability() {
    return probability;
  }

  public Action action() {
    return action;
  }

  /** The status message for FAIL and REFUSE. */
  public String message() {
    return message;
  }

  /** How long an OFFLINE device stays away. */
  public Duration offlineFor() {
    return offlineFor;
  }

  /** Delay multiplier of SLOW. */
  public double slowFactor() {
    return slowFactor;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Rule r
        && attributes.equals(r.attributes)
        && Objects.equals(commitMessageContains, r.commitMessageContains)
        && Objects.equals(stateContains, r.stateContains)
        && Objects.equals(commitMessageLacks, r.commitMessageLacks)
        && Objects.equals(stateLacks, r.stateLacks)
        && Objects.equals(changeSets, r.changeSets)
        && Objects.equals(changeDoesNotSet, r.changeDoesNotSet)
        && firstAttempt == r.firstAttempt
        && lastAttempt == r.lastAttempt
        && probability == r.probability
        && action == r.action
        && Objects.equals(message, r.message)
        && Objects.equals(offlineFor, r.offlineFor)
        && slowFactor == r.slowFactor;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        attributes,
        commitMessageContains,
        stateContains,
        commitMessageLacks,
        stateLacks,
        changeSets,
        changeDoesNotSet,
        firstAttempt,
        lastAttempt,
        probability,
        action,
        message,
        offlineFor,
        slowFactor);
  }

  @Override
  public String toString() {
    return "Rule[when=" + attributes
        + (commitMessageContains == null ? "" : ", commit~" + commitMessageContains)
        + (stateContains == null ? "" : ", state~" + stateContains)
        + (commitMessageLacks == null ? "" : ", commit!~" + commitMessageLacks)
        + (stateLacks == null ? "" : ", state!~" + stateLacks)
        + (changeSets == null ? "" : ", sets " + changeSets)
        + (changeDoesNotSet == null ? "" : ", not sets " + changeDoesNotSet)
        + (firstAttempt == 1 && lastAttempt == Integer.MAX_VALUE
            ? ""
            : ", attempts " + firstAttempt + ".."
                + (lastAttempt == Integer.MAX_VALUE ? "" : lastAttempt))
        + ", p=" + probability + " -> " + action
        + (message == null ? "" : " '" + message + "'")
        + (action == Action.OFFLINE ? " " + offlineFor : "")
        + (action == Action.SLOW ? " x" + slowFactor : "") + "]";
  }

  /** Builder for {@link Rule}; exactly one action method must be called. Not thread-safe. */
  public static final class Builder {
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private String commitMessageContains;
    private String stateContains;
    private String commitMessageLacks;
    private String stateLacks;
    private String changeSets;
    private String changeDoesNotSet;
    private int firstAttempt = 1;
    private int lastAttempt = Integer.MAX_VALUE;
    private double probability = 1.0;
    private Action action;
    private String message;
    private Duration offlineFor;
    private double slowFactor = 1.0;

    private Builder() {}

    /** Requires attribute {@code name} (user-meta, device-meta or {@code nick}) to equal {@code value}. */
    public Builder when(String name, String value) {
      attributes.put(
          Objects.requireNonNull(name, "attribute name"),
          Objects.requireNonNull(value, "value of " + name));
      return this;
    }

    public Builder whenCommitMessageContains(String text) {
      this.commitMessageContains = Objects.requireNonNull(text, "commit message text");
      return this;
    }

    public Builder whenStateContains(String text) {
      this.stateContains = Objects.requireNonNull(text, "state text");
      return this;
    }

    /** Requires the step's commit message not to contain {@code text}. */
    public Builder whenCommitMessageDoesNotContain(String text) {
      this.commitMessageLacks = Objects.requireNonNull(text, "commit message text");
      return this;
    }

    /** Requires the step's state (canonical JSON text) not to contain {@code text}. */
    public Builder whenStateDoesNotContain(String text) {
      this.stateLacks = Objects.requireNonNull(text, "state text");
      return this;
    }

    /**
     * Requires the step's change to set state key {@code key} (e.g. {@code bsp/kernel.img}): its value
     * in the step differs from the device's factory state (rev 0), or the factory state lacks it.
     */
    public Builder whenChangeSets(String key) {
      this.changeSets = key(key);
      return this;
    }

    /** Requires the step's change not to set state key {@code key} (it keeps the factory value). */
    public Builder whenChangeDoesNotSet(String key) {
      this.changeDoesNotSet = key(key);
      return this;
    }

    /**
     * Applies the rule only to the device's attempts {@code first..last} at a matching step (1-based;
     * {@code Integer.MAX_VALUE} for no upper limit).
     *
     * @throws IllegalArgumentException unless {@code 1 <= first <= last}
     */
    public Builder whenAttempt(int first, int last) {
      if (first < 1 || last < first) {
        throw new IllegalArgumentException(
            "rule attempts must satisfy 1 <= first <= last, were " + first + ".." + last);
      }
      this.firstAttempt = first;
      this.lastAttempt = last;
      return this;
    }

    private static String key(String key) {
      Objects.requireNonNull(key, "state key");
      if (key.isBlank()) {
        throw new IllegalArgumentException("rule state key must not be blank");
      }
      return key;
    }

    /** @throws IllegalArgumentException unless {@code 0 <= p <= 1} */
    public Builder probability(double p) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("rule probability must be in [0, 1], was " + p);
      }
      this.probability = p;
      return this;
    }

    public Builder fail(String statusMessage) {
      return action(Action.FAIL).message(statusMessage);
    }

    public Builder refuse(String statusMessage) {
      return action(Action.REFUSE).message(statusMessage);
    }

    public Builder goOffline(Duration d) {
      Objects.requireNonNull(d, "offline duration");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("rule offline duration must be positive, was " + d);
      }
      this.offlineFor = d;
      return action(Action.OFFLINE);
    }

    /** @throws IllegalArgumentException unless {@code factor >= 1} */
    public Builder slow(double factor) {
      if (!(factor >= 1)) {
        throw new IllegalArgumentException("rule slow factor must be >= 1, was " + factor);
      }
      this.slowFactor = factor;
      return action(Action.SLOW);
    }

    private Builder action(Action a) {
      if (action != null) {
        throw new IllegalStateException(
            "a rule has exactly one action; already " + action + ", now " + a);
      }
      this.action = a;
      return this;
    }

    private Builder message(String m) {
      Objects.requireNonNull(m, "status message");
      if (m.isBlank()) {
        throw new IllegalArgumentException("rule status message must not be blank");
      }
      this.message = m;
      return this;
    }

    /** @throws IllegalStateException when no action was chosen */
    public Rule build() {
      if (action == null) {
        throw new IllegalStateException("a rule needs an action: fail, refuse, goOffline or slow");
      }
      return new Rule(this);
    }
  }
}
