package io.biggerfleet.model;

import io.biggerfleet.InvalidInputException;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The checks and parsing behind {@link Rollout} and its {@link Rollout.Builder}: each text input is
 * checked when given, so a typo fails at once with a message naming the field and the value. Stateless;
 * thread-safe. Errors: {@link InvalidInputException}, or {@link RolloutStateException} for a transition
 * that is not a row of the table.
 */
final class RolloutInputs {
  /** Longest commit message. */
  static final int MAX_MESSAGE_LENGTH = 1000;

  private RolloutInputs() {}

  /** A rollout name: 1 to {@value Rollout#MAX_NAME_LENGTH} characters of letters, digits, {@code . _ - #}. */
  static String name(String name) {
    Objects.requireNonNull(name, "rollout name");
    if (name.isEmpty() || name.length() > Rollout.MAX_NAME_LENGTH) {
      throw new InvalidInputException("Rollout name must have 1 to " + Rollout.MAX_NAME_LENGTH
          + " characters, '" + name + "' has " + name.length());
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c < 128
          && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == '#'))) {
        throw new InvalidInputException("Rollout name '" + name + "' has '" + c + "' at position "
            + (i + 1) + "; use letters, digits, '.', '_', '-' and '#'");
      }
    }
    return name;
  }

  /** A commit message of at most {@value #MAX_MESSAGE_LENGTH} characters. */
  static String message(String text) {
    Objects.requireNonNull(text, "message");
    if (text.length() > MAX_MESSAGE_LENGTH) {
      throw new InvalidInputException(
          "message is " + text.length() + " characters long; at most " + MAX_MESSAGE_LENGTH);
    }
    return text;
  }

  /** A base device selector, stripped; not blank. */
  static String selector(String selector) {
    Objects.requireNonNull(selector, "devices");
    if (selector.isBlank()) {
      throw new InvalidInputException("devices= needs a selector, e.g. / or /co/cisco/121XPs");
    }
    return selector.strip();
  }

  /** The time zone {@code text} names (see {@link TimeZones#parse}). */
  static ZoneId timezone(String text) {
    Objects.requireNonNull(text, "timezone");
    return TimeZones.parse(text)
        .orElseThrow(() -> new InvalidInputException("timezone: unknown time zone '" + text
            + "'; use an IANA id such as Europe/Berlin, Asia/Hong_Kong or UTC"));
  }

  /** The state after {@code t}, if {@code t} is a row of the table that starts from {@code state}. */
  static RolloutState transition(String name, RolloutState state, RolloutTransition t) {
    Objects.requireNonNull(t, "transition");
    if (t.from() != state || !RolloutTransition.table().contains(t)) {
      throw new RolloutStateException(
          "Cannot apply " + t + " to rollout '" + name + "': it is " + state);
    }
    return t.to();
  }

  /** Checks what a rollout needs before it is built: a change, and at most {@value Rollout#MAX_STEPS} steps. */
  static void buildable(String name, boolean hasChange, int steps) {
    if (!hasChange) {
      throw new InvalidInputException(
          "Rollout '" + name + "' needs a change, e.g. change=\"set kernel=<sha>\"");
    }
    if (steps > Rollout.MAX_STEPS) {
      throw new InvalidInputException(
          "Rollout '" + name + "' has " + steps + " steps; at most " + Rollout.MAX_STEPS);
    }
  }
}
