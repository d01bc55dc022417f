package io.biggerfleet.match;

import java.util.Objects;

/**
 * One problem found in a match expression: where it is (1-based line and column, and how many
 * characters it spans) and what is wrong. {@link #render()} shows it the way a compiler does:
 *
 * <pre>
 * line 1, column 7: unknown size unit 'Q' in '64Q'; sizes use K, M, G, T, P (powers of 1024)
 *   Mem > 64Q
 *         ^~~
 * </pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class MatchIssue {
  private final int line;
  private final int column;
  private final int length;
  private final String message;
  private final String sourceLine;

  /**
   * An issue at {@code line}:{@code column} (both 1-based) spanning {@code length} code points (at
   * least one caret is drawn) of {@code sourceLine}, the text of that line.
   */
  public MatchIssue(int line, int column, int length, String message, String sourceLine) {
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("line and column are 1-based, got " + line + ":" + column);
    }
    this.line = line;
    this.column = column;
    this.length = Math.max(1, length);
    this.message = Objects.requireNonNull(message, "message");
    this.sourceLine = Objects.requireNonNull(sourceLine, "sourceLine");
  }

  /** The 1-based line the problem starts on. */
  public int line() {
    return line;
  }

  /** The 1-based column the problem starts at, counted in Unicode code points (an emoji is one). */
  public int column() {
    return column;
  }

  /** How many code points the problem spans (at least 1). */
  public int length() {
    return length;
  }

  /** What is wrong, without the position: {@code unknown function 'buckit'; known: age, bucket}. */
  public String message() {
    return message;
  }

  /** The text of the line the problem is on. */
  public String sourceLine() {
    return sourceLine;
  }

  /**
   * Three lines: {@code line L, column C: message}, the source line indented by two spaces, and a caret
   * ({@code ^~~}) under the offending characters. Control characters in the source are shown as
   * {@code ?} so the caret stays aligned and the terminal is never garbled. Long lines are cut around
   * the caret.
   */
  public String render() {
    int[] cps = sourceLine.codePoints().toArray();
    int caretAt = column - 1;
    int span = length;
    final int window = 100;
    int from = 0;
    int to = cps.length;
    if (cps.length > window) {
      from = Math.max(0, Math.min(caretAt - window / 2, cps.length - window));
      to = Math.min(cps.length, from + window);
      caretAt = caretAt - from + (from > 0 ? 3 : 0);
    }
    StringBuilder clean = new StringBuilder(sourceLine.length() + 6);
    int shown = 0; // in code points
    if (from > 0) {
      clean.append("...");
      shown += 3;
    }
    for (int i = from; i < to; i++) {
      clean.appendCodePoint(Character.isISOControl(cps[i]) ? '?' : cps[i]);
      shown++;
    }
    if (to < cps.length) {
      clean.append("...");
      shown += 3;
    }
    caretAt = Math.max(0, Math.min(caretAt, shown));
    span = Math.max(1, Math.min(span, shown - caretAt));
    StringBuilder b = new StringBuilder();
    b.append("line ")
        .append(line)
        .append(", column ")
        .append(column)
        .append(": ")
        .append(message)
        .append('\n');
    b.append("  ").append(clean).append('\n');
    b.append("  ").append(" ".repeat(caretAt)).append('^').append("~".repeat(span - 1));
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof MatchIssue)) {
      return false;
    }
    MatchIssue i = (MatchIssue) o;
    return i.line == line
        && i.column == column
        && i.length == length
        && i.message.equals(message)
        && i.sourceLine.equals(sourceLine);
  }

  @Override
  public int hashCode() {
    return Objects.hash(line, column, length, message);
  }

  /** {@code line L, column C: message}. */
  @Override
  public String toString() {
    return "line " + line + ", column " + column + ": " + message;
  }
}
