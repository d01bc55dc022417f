package io.biggerfleet.cli;

import io.biggerfleet.FleetException;
import io.biggerfleet.NotFoundException;

/**
 * Turns "unknown group" from resolving a {@code devices=} selector into a failure that names the key,
 * the selector and where to look. Like every unknown name (device, group, rollout) it exits 1, as in
 * {@code tags} and {@code ls}. Stateless.
 */
final class SelectorProblem {
  private SelectorProblem() {}

  static RuntimeException of(String key, String selector, NotFoundException e) {
    if (!"group".equals(e.kind())) {
      return e;
    }
    return new FleetException(
        key + "=" + TerminalText.echo(selector) + ": " + e.getMessage()
            + "; list groups with: bigger-fleet groups; add one with: bigger-fleet addgroup PARENT PATH EXPRESSION...",
        e);
  }
}
