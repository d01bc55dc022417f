package io.biggerfleet.match.internal;

import io.biggerfleet.match.Matchers;
import io.biggerfleet.match.internal.grammar.MatchParser;
import io.biggerfleet.match.internal.grammar.MatchParser.ListContext;
import io.biggerfleet.match.internal.grammar.MatchParser.ValueContext;
import java.util.List;
import org.antlr.v4.runtime.Token;

/**
 * Reads the values of one compilation: literals (with their kind), string contents with escapes
 * resolved, whole numbers, and lists, enforcing {@link Matchers#MAX_LITERAL_LENGTH} and
 * {@link Matchers#MAX_LIST_SIZE}. Every problem goes to {@link Issues} and the method returns null.
 * One instance per compilation; not thread-safe.
 */
final class ValueReader {
  private final Issues issues;

  ValueReader(Issues issues) {
    this.issues = issues;
  }

  /** The literal of a value, or null (issue reported) if it is broken or too long. */
  Literal literal(ValueContext ctx) {
    Token t = ctx.start;
    switch (t.getType()) {
      case MatchParser.STRING:
        String content = unquote(t);
        return content == null ? null : Literal.text(content, true);
      case MatchParser.WORD:
        if (tooLong(t, t.getText().length())) {
          return null;
        }
        try {
          return Literal.classify(t.getText(), false);
        } catch (IllegalArgumentException e) {
          issues.at(t, e.getMessage());
          return null;
        }
      case MatchParser.TRUE:
      case MatchParser.FALSE:
        return Literal.bool(t.getText());
      default:
        return tooLong(t, t.getText().length()) ? null : Literal.text(t.getText(), false);
    }
  }

  /**
   * The text of a value used as a pattern or item: string content, or the word as written; null (issue
   * reported) if it is broken or too long.
   */
  String rawText(ValueContext ctx) {
    Token t = ctx.start;
    if (t.getType() == MatchParser.STRING) {
      return unquote(t);
    }
    return tooLong(t, t.getText().length()) ? null : t.getText();
  }

  /** The elements of a list, or null (issue at the first one too many) if it is too long. */
  List<ValueContext> elements(ListContext list) {
    List<ValueContext> values = list.value();
    if (values.size() > Matchers.MAX_LIST_SIZE) {
      issues.at(
          values.get(Matchers.MAX_LIST_SIZE).start,
          "list is too long: " + values.size() + " elements, at most " + Matchers.MAX_LIST_SIZE
              + " are allowed");
      return null;
    }
    return values;
  }

  /**
   * A whole number from {@code min} to {@code max}, written bare ({@code 10}) or quoted ({@code "10"}),
   * or null (issue reported).
   */
  Long wholeNumber(Token t, long min, long max, String what) {
    String s = t.getType() == MatchParser.STRING ? unquote(t) : t.getText();
    if (s == null) {
      return null;
    }
    boolean written = t.getType() == MatchParser.WORD || t.getType() == MatchParser.STRING;
    if (!written || !Shapes.isWholeNumber(s)) {
      issues.at(t, what + " must be a whole number, not " + SyntaxErrors.describe(t));
      return null;
    }
    long v = Long.parseLong(s);
    if (v < min || v > max) {
      issues.at(t, what + " must be from " + min + " to " + max + ", not " + v);
      return null;
    }
    return v;
  }

  private boolean tooLong(Token t, int length) {
    if (length <= Matchers.MAX_LITERAL_LENGTH) {
      return false;
    }
    issues.at(
        t,
        "literal is too long: " + length + " characters, at most " + Matchers.MAX_LITERAL_LENGTH
            + " are allowed");
    return true;
  }

  /**
   * The content of a string token with escapes resolved: \\ \" \' \n \r \t \\uXXXX. Any other
   * backslash pair is kept as written, so patterns keep their escapes ({@code "\d+"}, {@code "a\*"}).
   * Null (issue reported) for a bad {@code \\u} escape or content longer than the limit.
   */
  String unquote(Token t) {
    String s = t.getText();
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 1; i < s.length() - 1; i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case '\\':
        case '"':
        case '\'':
          b.append(e);
          break;
        case 'n':
          b.append('\n');
          break;
        case 'r':
          b.append('\r');
          break;
        case 't':
          b.append('\t');
          break;
        case 'u':
          int hex = i + 4 < s.length() ? hex4(s, i + 1) : -1;
          if (hex < 0) {
            // Columns are code points: count those before the backslash.
            issues.add(
                t.getLine(),
                t.getCharPositionInLine() + s.codePointCount(0, i - 1),
                2,
                "bad escape \\u in string; expected 4 hex digits, e.g. \\u00e9");
            return null;
          }
          b.append((char) hex);
          i += 4;
          break;
        default:
          b.append('\\').append(e);
      }
    }
    return tooLong(t, b.length()) ? null : b.toString();
  }

  /** The value of the four hex digits at {@code s[from..from+4)}, or -1. */
  private static int hex4(String s, int from) {
    int v = 0;
    for (int i = from; i < from + 4; i++) {
      int d = Character.digit(s.charAt(i), 16);
      if (d < 0 || s.charAt(i) > 'f') {
        return -1;
      }
      v = v * 16 + d;
    }
    return v;
  }
}
