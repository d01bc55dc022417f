package io.biggerfleet.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an action command ({@code stepadd}, {@code pause}, {@code retry}, {@code login}, ...) prints when
 * it succeeded: its text lines, or with {@code --json} one small JSON object whose keys keep the order
 * given (the shapes are documented in docs/cli.md and are a stable contract). Stateless.
 */
final class ActionReport {
  private ActionReport() {}

  /**
   * An ordered JSON object from alternating keys and values ({@code "rollout", "R6", "state", "PAUSED"});
   * {@code null} values are left out.
   */
  static Map<String, Object> fields(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must come in pairs");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      Object v = keysAndValues[i + 1];
      if (v != null) {
        m.put((String) keysAndValues[i], v);
      }
    }
    return m;
  }

  /** Prints {@code json} with {@code --json}, else {@code lines}, one per line. */
  static void print(CliSession session, Map<String, Object> json, String... lines) {
    if (session.json()) {
      session.printJson(json);
      return;
    }
    for (String line : lines) {
      session.out().println(line);
    }
  }
}
