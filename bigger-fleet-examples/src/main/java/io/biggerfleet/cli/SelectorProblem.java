package io.biggerfleet.cli;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.NotFoundException;

/**
 * Turns "unknown group" from resolving a {@code devices=} selector into a usage error (exit 2) that
 * names the key, the selector and where to look. Stateless.
 */
final class SelectorProblem {
  private SelectorProblem() {}

  static RuntimeException of(String key, String selector, NotFoundException e) {
    if (!"group".equals(e.kind())) {
      return e;
    }
    return new InvalidInputException(key + "=" + selector + ": " + e.getMessage()
        + " (list groups with: bigger-fleet ls /)");
  }
}
