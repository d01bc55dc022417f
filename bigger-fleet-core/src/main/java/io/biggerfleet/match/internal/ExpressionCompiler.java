package io.biggerfleet.match.internal;

import io.biggerfleet.match.MatchSyntaxException;
import io.biggerfleet.match.Matcher;
import io.biggerfleet.match.internal.grammar.MatchLexer;
import io.biggerfleet.match.internal.grammar.MatchParser;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * The pipeline behind {@link io.biggerfleet.match.Matchers}: limits → lex → depth check → parse (fast
 * SLL first, full LL with error recovery only when that fails) → check and compile
 * ({@link TreeBuilder}) → {@link Matcher}. Stateless apart from its options; thread-safe (ANTLR's
 * shared DFA cache is synchronized).
 */
public final class ExpressionCompiler {
  private final Clock clock;
  private final int maxLength;
  private final int maxDepth;
  private final int maxErrors;

  /** A compiler with these limits; {@code clock} is what {@code age(..)} terms read. */
  public ExpressionCompiler(Clock clock, int maxLength, int maxDepth, int maxErrors) {
    this.clock = clock;
    this.maxLength = maxLength;
    this.maxDepth = maxDepth;
    this.maxErrors = maxErrors;
  }

  /**
   * Compiles {@code source}.
   *
   * @throws MatchSyntaxException listing the problems found
   */
  public Matcher compile(String source) {
    Issues issues = new Issues(source, maxErrors);
    try {
      return new CompiledMatcher(source, build(source, issues));
    } catch (Issues.Full full) {
      issues.throwIfAny();
      throw new IllegalStateException("unreachable: issues full but empty");
    }
  }

  private Node build(String source, Issues issues) {
    if (source.length() > maxLength) {
      issues.atOffset(
          maxLength,
          1,
          "expression is too long: " + source.length() + " characters, at most " + maxLength
              + " are allowed");
      issues.throwIfAny();
    }
    if (source.isBlank()) {
      issues.add(
          1,
          0,
          1,
          "expression is empty; write a term such as Model==\"121XPs\", or true for every device");
      issues.throwIfAny();
    }
    MatchLexer lexer = new MatchLexer(CharStreams.fromString(source));
    lexer.removeErrorListeners();
    lexer.addErrorListener(new SyntaxErrors(issues));
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    tokens.fill();
    checkDepth(tokens.getTokens(), issues);
    issues.throwIfAny();

    MatchParser parser = new MatchParser(tokens);
    parser.removeErrorListeners();
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    parser.setErrorHandler(new BailErrorStrategy());
    MatchParser.ExpressionContext tree = null;
    if (!hasBadToken(tokens.getTokens())) {
      try {
        tree = parser.expression();
      } catch (ParseCancellationException slowPath) {
        tree = null;
      }
    }
    if (tree == null) {
      tokens.seek(0);
      parser.reset();
      parser.addErrorListener(new SyntaxErrors(issues));
      parser.setErrorHandler(new QuietErrorStrategy());
      parser.getInterpreter().setPredictionMode(PredictionMode.LL);
      tree = parser.expression();
    }
    issues.throwIfAny();
    Node root = new TreeBuilder(source, issues, clock).or(tree.orExpr());
    issues.throwIfAny();
    return root;
  }

  private static boolean hasBadToken(List<Token> tokens) {
    for (Token t : tokens) {
      if (t.getType() == MatchLexer.BAD) {
        return true;
      }
    }
    return false;
  }

  /**
   * Refuses nesting deeper than the limit before the (recursive) parser sees it, so no input can
   * exhaust the stack. Depth counts open parentheses and brackets plus a run of {@code not}s.
   */
  private void checkDepth(List<Token> tokens, Issues issues) {
    Deque<Integer> saved = new ArrayDeque<>();
    int outer = 0;
    int nots = 0;
    for (Token t : tokens) {
      int type = t.getType();
      if (type == MatchLexer.NOT) {
        nots++;
      } else if (type == MatchLexer.LPAREN || type == MatchLexer.LBRACK) {
        saved.push(nots);
        outer += nots + 1;
        nots = 0;
      } else if (type == MatchLexer.RPAREN || type == MatchLexer.RBRACK) {
        if (!saved.isEmpty()) {
          int n = saved.pop();
          outer -= n + 1;
        }
        nots = 0;
      } else {
        nots = 0;
      }
      if (outer + nots > maxDepth) {
        issues.at(
            t,
            "expression is nested too deeply: more than " + maxDepth
                + " levels of parentheses, lists and 'not'");
        return;
      }
    }
  }
}
