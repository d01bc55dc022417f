package io.biggerfleet.match.internal;

import io.biggerfleet.match.internal.grammar.MatchLexer;
import io.biggerfleet.match.internal.grammar.MatchParser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Turns ANTLR's syntax errors into short messages for people: {@code unexpected '>'; expected a value}
 * instead of {@code mismatched input '>' expecting {STRING, WORD, IDENT, 'true', 'false'}}.
 */
final class SyntaxErrors extends BaseErrorListener {
  private final Issues issues;

  SyntaxErrors(Issues issues) {
    this.issues = issues;
  }

  @Override
  public void syntaxError(
      Recognizer<?, ?> recognizer,
      Object offending,
      int line,
      int charPositionInLine,
      String msg,
      RecognitionException e) {
    if (!(offending instanceof Token)) {
      issues.add(line, charPositionInLine, 1, "unexpected character");
      return;
    }
    Token t = (Token) offending;
    IntervalSet expected =
        recognizer instanceof Parser ? ((Parser) recognizer).getExpectedTokens() : null;
    if (e != null && e.getExpectedTokens() != null && e.getExpectedTokens().size() > 0) {
      expected = e.getExpectedTokens();
    }
    String what = describe(t);
    if (msg != null && msg.startsWith("missing ")) {
      issues.at(t, "missing " + expectation(expected) + " before " + what);
      return;
    }
    if (t.getType() == MatchLexer.BAD) {
      issues.at(t, badCharacter(t.getText()));
      return;
    }
    String exp = afterAttribute(recognizer, t) ? OPERATORS : expectation(expected);
    issues.at(t, "unexpected " + what + (exp.isEmpty() ? "" : "; expected " + exp));
  }

  private static final String OPERATORS =
      "an operator (==, !=, <, <=, >, >=, in, not in, contains, like, matches, within)";

  /** True if {@code t} directly follows an attribute name in term position (so an operator must come). */
  private static boolean afterAttribute(Recognizer<?, ?> recognizer, Token t) {
    if (!(recognizer instanceof Parser) || t.getTokenIndex() < 1) {
      return false;
    }
    TokenStream in = ((Parser) recognizer).getInputStream();
    Token prev = in.get(t.getTokenIndex() - 1);
    if (prev.getType() != MatchParser.IDENT && prev.getType() != MatchParser.QUOTED_NAME) {
      return false;
    }
    int i = t.getTokenIndex() - 2;
    if (i >= 0 && in.get(i).getType() == MatchParser.COLON) {
      i -= 2;
    }
    if (i < 0) {
      return true;
    }
    int before = in.get(i).getType();
    return before == MatchParser.AND
        || before == MatchParser.OR
        || before == MatchParser.NOT
        || before == MatchParser.LPAREN
        || before == MatchParser.WORD
        || before == MatchParser.STRING
        || before == MatchParser.IDENT
        || before == MatchParser.RPAREN
        || before == MatchParser.RBRACK
        || before == MatchParser.TRUE
        || before == MatchParser.FALSE;
  }

  private static String badCharacter(String text) {
    switch (text) {
      case "\"":
      case "'":
        return "unterminated string: a " + text + " without its closing " + text
            + " on the same line";
      case "`":
        return "unterminated or empty quoted name: a ` without its closing `";
      case "=":
        return "unexpected '='; use == to compare";
      case "&":
        return "unexpected '&'; use && or and";
      case "|":
        return "unexpected '|'; use || or or";
      default:
        return "unexpected character " + printable(text);
    }
  }

  static String describe(Token t) {
    if (t.getType() == Token.EOF) {
      return "end of expression";
    }
    String text = t.getText();
    if (text.codePointCount(0, text.length()) > 40) {
      text = text.substring(0, text.offsetByCodePoints(0, 37)) + "...";
    }
    return printable(text);
  }

  private static String printable(String text) {
    StringBuilder b = new StringBuilder("'");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) || Character.isWhitespace(c) && c != ' ') {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('\'').toString();
  }

  /** A human phrase for an expected-token set, or "" if it would not help. */
  static String expectation(IntervalSet expected) {
    if (expected == null || expected.size() == 0) {
      return "";
    }
    if (expected.contains(MatchParser.EQ) && expected.contains(MatchParser.IN)) {
      return OPERATORS;
    }
    if (expected.contains(MatchParser.LPAREN) && expected.contains(MatchParser.EXISTS)) {
      return "a term such as Model==\"x\", exists(Name), not .. or ( ..";
    }
    Set<String> parts = new LinkedHashSet<>();
    boolean value = expected.contains(MatchParser.STRING) && expected.contains(MatchParser.WORD);
    if (value) {
      parts.add("a value");
    }
    for (int type : expected.toList()) {
      if (value
          && (type == MatchParser.STRING
              || type == MatchParser.WORD
              || type == MatchParser.IDENT
              || type == MatchParser.TRUE
              || type == MatchParser.FALSE)) {
        continue;
      }
      parts.add(name(type));
    }
    List<String> list = new ArrayList<>(parts);
    if (list.size() > 6) {
      return "";
    }
    if (list.size() == 1) {
      return list.get(0);
    }
    return String.join(", ", list.subList(0, list.size() - 1)) + " or " + list.get(list.size() - 1);
  }

  private static String name(int type) {
    switch (type) {
      case Token.EOF:
        return "end of expression";
      case MatchParser.IDENT:
        return "a name";
      case MatchParser.QUOTED_NAME:
        return "a `quoted name`";
      case MatchParser.WORD:
        return "a number";
      case MatchParser.STRING:
        return "a string";
      case MatchParser.AND:
        return "'and'";
      case MatchParser.OR:
        return "'or'";
      case MatchParser.NOT:
        return "'not'";
      case MatchParser.EQ:
        return "'=='";
      case MatchParser.MATCHES:
        return "'matches'";
      default:
        String literal = MatchParser.VOCABULARY.getLiteralName(type);
        return literal != null ? literal : MatchParser.VOCABULARY.getDisplayName(type);
    }
  }
}
