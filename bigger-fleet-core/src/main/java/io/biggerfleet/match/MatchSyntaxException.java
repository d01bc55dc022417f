package io.biggerfleet.match;

import io.biggerfleet.InvalidInputException;
import java.util.List;

/**
 * A match expression could not be compiled: a syntax error, a bad literal ({@code 64Q}, a bad regex),
 * an unknown function or operator, a type clash ({@code Mem > "abc"}) or a broken limit (too long,
 * nested too deep). Carries every {@link MatchIssue} found (up to the configured maximum); the message
 * renders all of them with their source line and a caret.
 *
 * <p>Extends {@link InvalidInputException}, so callers and the CLI treat it as bad input. Nothing was
 * compiled or stored. Immutable.
 */
public final class MatchSyntaxException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  private final String expression;
  private final transient List<MatchIssue> issues;

  /** An exception for {@code expression} with at least one issue. */
  public MatchSyntaxException(String expression, List<MatchIssue> issues) {
    super(render(issues));
    if (issues.isEmpty()) {
      throw new IllegalArgumentException("a MatchSyntaxException needs at least one issue");
    }
    this.expression = expression;
    this.issues = List.copyOf(issues);
  }

  /** The expression as given. */
  public String expression() {
    return expression;
  }

  /** The problems found, in source order; never empty. */
  public List<MatchIssue> issues() {
    return issues;
  }

  private static String render(List<MatchIssue> issues) {
    StringBuilder b = new StringBuilder("Invalid match expression");
    b.append(issues.size() == 1 ? " (1 problem):" : " (" + issues.size() + " problems):");
    for (MatchIssue i : issues) {
      b.append('\n').append(i.render());
    }
    return b.toString();
  }
}
