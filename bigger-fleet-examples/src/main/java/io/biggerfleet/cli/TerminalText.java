package io.biggerfleet.cli;

/**
 * Makes text safe to print on a terminal. Values a device reports (device-meta, status messages, logs)
 * and input echoed in error messages can hold terminal escapes, carriage returns or newlines that would
 * forge {@code bigger-fleet:} lines; every human-readable line the CLI prints goes through here.
 * Control characters (C0, DEL, C1), Unicode format characters (bidi overrides, zero-width) and line
 * separators are shown as escapes: {@code \n}, {@code \r}, {@code \t}, {@code \x1b}, {@code \u202e}.
 * JSON output does not use this: it stays exact.
 *
 * <p>Stateless and thread-safe.
 */
final class TerminalText {
  /** How much of an input an error message echoes. */
  static final int MAX_ECHO = 120;
  /** The longest line of an error message; longer lines are cut in the middle. */
  static final int MAX_MESSAGE_LINE = 1000;

  private TerminalText() {}

  /** One line: every control character, newlines included, shown as an escape. */
  static String line(String s) {
    return escape(s, false);
  }

  /** Like {@link #line} but keeps newlines (for multi-line text the CLI composed itself). */
  static String lines(String s) {
    return escape(s, true);
  }

  /**
   * An error message: control characters escaped except newlines (expression errors show a caret on
   * the next line), and every line longer than {@link #MAX_MESSAGE_LINE} cut in the middle, saying how
   * much was left out.
   */
  static String message(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    String[] parts = s.split("\n", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        b.append('\n');
      }
      b.append(cutMiddle(escape(parts[i], false), MAX_MESSAGE_LINE));
    }
    return b.toString();
  }

  /** Input echoed in a message: escaped, and at most {@link #MAX_ECHO} characters of it. */
  static String echo(String s) {
    return cutMiddle(line(s), MAX_ECHO);
  }

  static String cutMiddle(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int head = max * 2 / 3;
    int tail = max - head;
    int cut = s.length() - head - tail;
    return s.substring(0, head) + "[... " + cut + " characters cut ...]"
        + s.substring(s.length() - tail);
  }

  /** True if {@code c} must not reach a terminal as it is. */
  static boolean unsafe(int c) {
    if (c < 0x20 || c >= 0x7f && c <= 0x9f) {
      return true;
    }
    int type = Character.getType(c);
    return type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  private static String escape(String s, boolean keepNewlines) {
    if (s == null) {
      return "null";
    }
    int i = 0;
    while (i < s.length()) {
      int c = s.codePointAt(i);
      if (unsafe(c) && !(keepNewlines && c == '\n')) {
        break;
      }
      i += Character.charCount(c);
    }
    if (i == s.length()) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
    while (i < s.length()) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      if (!unsafe(c) || keepNewlines && c == '\n') {
        b.appendCodePoint(c);
      } else {
        appendEscape(b, c);
      }
    }
    return b.toString();
  }

  static void appendEscape(StringBuilder b, int c) {
    switch (c) {
      case '\n':
        b.append("\\n");
        break;
      case '\r':
        b.append("\\r");
        break;
      case '\t':
        b.append("\\t");
        break;
      default:
        if (c <= 0xff) {
          b.append(String.format("\\x%02x", c));
        } else {
          b.append(String.format("\\u%04x", c));
        }
    }
  }
}
