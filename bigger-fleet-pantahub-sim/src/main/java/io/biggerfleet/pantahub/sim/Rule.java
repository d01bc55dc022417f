package io.biggerfleet.pantahub.sim;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A behaviour rule for simulated devices: <em>when</em> a device's attributes (user-meta, device-meta
 * or {@code nick}) have the given values and the change matches (commit message or state text contains
 * a string), then with a probability the device fails, refuses, goes offline for a while, or is slow.
 *
 * <pre>{@code
 * Rule.builder().when("Model", "121XPs").whenCommitMessageContains("kernel 5")
 *     .fail("starting new app failed - segmentation fault").build();
 * }</pre>
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
  private final double probability;
  private final Action action;
  private final String message;
  private final Duration offlineFor;
  private final double slowFactor;

  private Rule(Builder b) {
    this.attributes = Map.copyOf(b.attributes);
    this.commitMessageContains = b.commitMessageContains;
    this.stateContains = b.stateContains;
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
    return o instanceof Rule r && attributes.equals(r.attributes)
        && Objects.equals(commitMessageContains, r.commitMessageContains)
        && Objects.equals(stateContains, r.stateContains) && probability == r.probability && action == r.action
        && Objects.equals(message, r.message) && Objects.equals(offlineFor, r.offlineFor)
        && slowFactor == r.slowFactor;
  }

  @Override
  public int hashCode() {
    return Objects.hash(attributes, commitMessageContains, stateContains, probability, action, message, offlineFor,
        slowFactor);
  }

  @Override
  public String toString() {
    return "Rule[when=" + attributes + (commitMessageContains == null ? "" : ", commit~" + commitMessageContains)
        + (stateContains == null ? "" : ", state~" + stateContains) + ", p=" + probability + " -> " + action
        + (message == null ? "" : " '" + message + "'") + (action == Action.OFFLINE ? " " + offlineFor : "")
        + (action == Action.SLOW ? " x" + slowFactor : "") + "]";
  }

  /** Builder for {@link Rule}; exactly one action method must be called. Not thread-safe. */
  public static final class Builder {
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private String commitMessageContains;
    private String stateContains;
    private double probability = 1.0;
    private Action action;
    private String message;
    private Duration offlineFor;
    private double slowFactor = 1.0;

    private Builder() {}

    /** Requires attribute {@code name} (user-meta, device-meta or {@code nick}) to equal {@code value}. */
    public Builder when(String name, String value) {
      attributes.put(Objects.requireNonNull(name, "attribute name"), Objects.requireNonNull(value, "value of " + name));
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
        throw new IllegalStateException("a rule has exactly one action; already " + action + ", now " + a);
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
