package io.biggerfleet.cli;

import io.biggerfleet.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code key=value} arguments of commands like {@code rollouts add NAME change=... time=5d}: each
 * argument must be {@code key=value} with a known key, given once. Keys are case-insensitive;
 * values are taken verbatim (the shell already removed the quotes). Immutable once parsed.
 *
 * <p>Errors are {@link InvalidInputException}s (exit code 2) naming the argument and the known keys.
 */
final class KeyValueArgs {
  private final String command;
  private final Map<String, String> values;

  private KeyValueArgs(String command, Map<String, String> values) {
    this.command = command;
    this.values = values;
  }

  /**
   * Parses {@code args} for {@code command} (used in messages), accepting only {@code allowed} keys.
   *
   * @throws InvalidInputException for an argument without '=', an unknown key, or a key given twice
   */
  static KeyValueArgs parse(String command, List<String> args, List<String> allowed) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new InvalidInputException(command + ": '" + TerminalText.echo(arg)
            + "' is not key=value; expected " + String.join("=..., ", allowed) + "=...");
      }
      String key = arg.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT);
      if (!allowed.contains(key)) {
        throw new InvalidInputException(command + ": unknown key '" + TerminalText.echo(key)
            + "' in '" + TerminalText.echo(arg) + "'; known keys: " + String.join(", ", allowed));
      }
      if (values.containsKey(key)) {
        throw new InvalidInputException(command + ": " + key + "= is given twice");
      }
      values.put(key, arg.substring(eq + 1));
    }
    return new KeyValueArgs(command, values);
  }

  /** The value of {@code key}, if given. */
  Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /** The value of {@code key}, or null. */
  String orNull(String key) {
    return values.get(key);
  }

  /**
   * The value of {@code key}.
   *
   * @throws InvalidInputException naming the missing key and an example
   */
  String require(String key, String example) {
    String v = values.get(key);
    if (v == null || v.isBlank()) {
      throw new InvalidInputException(
          command + " needs " + key + "=..., e.g. " + key + "=" + example);
    }
    return v;
  }
}
