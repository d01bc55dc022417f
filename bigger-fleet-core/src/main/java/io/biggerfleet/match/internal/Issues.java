package io.biggerfleet.match.internal;

import io.biggerfleet.match.MatchIssue;
import io.biggerfleet.match.MatchSyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;

/** Collects the issues of one compilation, up to a maximum. Not thread-safe (one per compilation). */
final class Issues {
  /** Thrown to stop parsing once the maximum number of issues is reached. */
  static final class Full extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Full() {
      super(null, null, false, false);
    }
  }

  private final String source;
  private String[] lines; // split lazily: most compilations have no issue
  private final int max;
  private final List<MatchIssue> list = new ArrayList<>();

  Issues(String source, int max) {
    this.source = source;
    this.max = max;
  }

  /** The lines of {@code s}, split at \r\n, \r or \n (no regex). */
  static String[] lines(String s) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n' || c == '\r') {
        out.add(s.substring(start, i));
        if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    out.add(s.substring(start));
    return out.toArray(new String[0]);
  }

  /**
   * An issue at {@code line} (1-based), {@code column} (0-based), spanning {@code length} code points.
   * Columns and lengths are in Unicode code points throughout, as ANTLR reports them.
   */
  void add(int line, int column0, int length, String message) {
    if (list.size() >= max) {
      throw new Full();
    }
    if (lines == null) {
      lines = lines(source);
    }
    int l = Math.max(1, Math.min(line, lines.length));
    list.add(new MatchIssue(l, column0 + 1, length, message, lines[l - 1]));
    if (list.size() >= max) {
      throw new Full();
    }
  }

  /** An issue on {@code token}. */
  void at(Token token, String message) {
    add(token.getLine(), token.getCharPositionInLine(), tokenLength(token), message);
  }

  /** An issue spanning {@code from} to {@code to}, on {@code from}'s line. */
  void span(Token from, Token to, String message) {
    int length = to.getLine() == from.getLine() && to.getStopIndex() >= from.getStartIndex()
        ? to.getStopIndex() - from.getStartIndex() + 1
        : tokenLength(from);
    add(from.getLine(), from.getCharPositionInLine(), length, message);
  }

  /** An issue at a UTF-16 offset of the source (its column counted in code points). */
  void atOffset(int offset, int length, String message) {
    int line = 1;
    int col = 0;
    for (int i = 0; i < offset && i < source.length(); i++) {
      char c = source.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= source.length() || source.charAt(i + 1) != '\n'))) {
        line++;
        col = 0;
      } else if (c != '\r' && !Character.isLowSurrogate(c)) {
        col++;
      }
    }
    add(line, col, length, message);
  }

  private static int tokenLength(Token t) {
    if (t.getType() == Token.EOF) {
      return 1;
    }
    int len = t.getStopIndex() - t.getStartIndex() + 1;
    String text = t.getText();
    if (text != null) {
      int nl = text.indexOf('\n');
      if (nl >= 0) {
        len = text.codePointCount(0, nl);
      }
    }
    return Math.max(1, len);
  }

  boolean isEmpty() {
    return list.isEmpty();
  }

  void throwIfAny() {
    if (!list.isEmpty()) {
      throw new MatchSyntaxException(source, list);
    }
  }
}
