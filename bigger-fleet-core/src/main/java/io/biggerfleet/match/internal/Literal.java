package io.biggerfleet.match.internal;

/**
 * A literal as written, classified once at compile time: {@code 42}, {@code 4.10}, {@code 64M},
 * {@code 12h}, {@code 2026-01-01}, {@code 4.10.0-rc.1}, {@code true}, or text ({@code "Cisco"},
 * {@code Cisco}, {@code 121XPs}). Immutable.
 */
final class Literal {
  enum Kind {
    TEXT,
    NUMBER,
    DECIMAL,
    SIZE,
    DURATION,
    TIME,
    VERSION,
    BOOL
  }

  final Kind kind;
  final String text;
  final boolean quoted;
  final double number;
  final Version version;
  final long millis;
  final boolean bool;

  private Literal(
      Kind kind,
      String text,
      boolean quoted,
      double number,
      Version version,
      long millis,
      boolean bool) {
    this.kind = kind;
    this.text = text;
    this.quoted = quoted;
    this.number = number;
    this.version = version;
    this.millis = millis;
    this.bool = bool;
  }

  static Literal text(String text, boolean quoted) {
    return new Literal(Kind.TEXT, text, quoted, Double.NaN, null, 0, false);
  }

  static Literal bool(String text) {
    return new Literal(Kind.BOOL, text, false, Double.NaN, null, 0, text.equals("true"));
  }

  /**
   * Classifies a bare literal that starts with a digit. Returns a typed literal, or text for words
   * such as {@code 121XPs}.
   *
   * @throws IllegalArgumentException with the reason when it looks like a typed literal but is broken
   *     ({@code 64Q}, {@code 4..1}, {@code 2026-13-01})
   */
  static Literal classify(String w, boolean quoted) {
    int shape = plainShape(w);
    if (shape == 0) {
      double v = Double.parseDouble(w);
      return new Literal(
          Kind.NUMBER, w, quoted, v, Version.parse(w.startsWith("-") ? "x" : w), 0, false);
    }
    if (shape == 1) {
      double v = Double.parseDouble(w);
      return new Literal(
          Kind.DECIMAL, w, quoted, v, w.startsWith("-") ? null : Version.parse(w), 0, false);
    }
    if (Shapes.isSize(w)) {
      return new Literal(Kind.SIZE, w, quoted, Values.number(w), null, 0, false);
    }
    if (Shapes.isDuration(w)) {
      return new Literal(Kind.DURATION, w, quoted, Values.compoundDuration(w), null, 0, false);
    }
    if (Shapes.isDateStart(w)) {
      long t = Values.instantMillis(w);
      if (t == Values.NOT_A_TIME) {
        throw new IllegalArgumentException("bad timestamp '" + w
            + "'; expected an ISO-8601 date or time such as 2026-01-31 or 2026-01-31T12:00:00Z");
      }
      return new Literal(Kind.TIME, w, quoted, Double.NaN, null, t, false);
    }
    if (Shapes.isVersionLike(w)) {
      Version v = Version.parse(w);
      if (v == null) {
        throw new IllegalArgumentException(
            "bad version '" + w
                + "'; expected numbers separated by dots, an optional -pre.release and +build, e.g. 4.10.0-rc.1");
      }
      return new Literal(Kind.VERSION, w, quoted, Double.NaN, v, 0, false);
    }
    char unit = Shapes.oneUnitLetter(w);
    if (unit != 0) {
      throw new IllegalArgumentException("unknown unit '" + unit + "' in '" + w
          + "'; sizes use K, M, G, T, P (powers of 1024, optionally KB or KiB), durations ms, s, m, h, d, w;"
          + " quote it to compare as text");
    }
    return text(w, quoted);
  }

  /** 0 for an integer, 1 for a decimal (one dot between digits), -1 otherwise; no regex, no allocation. */
  private static int plainShape(String w) {
    int i = w.startsWith("-") ? 1 : 0;
    int digitsBefore = 0;
    int digitsAfter = 0;
    boolean dot = false;
    for (; i < w.length(); i++) {
      char c = w.charAt(i);
      if (c >= '0' && c <= '9') {
        if (dot) {
          digitsAfter++;
        } else {
          digitsBefore++;
        }
      } else if (c == '.' && !dot) {
        dot = true;
      } else {
        return -1;
      }
    }
    if (digitsBefore == 0) {
      return -1;
    }
    if (!dot) {
      return 0;
    }
    return digitsAfter > 0 ? 1 : -1;
  }

  /** A typed reading of a quoted string's content, for ordering comparisons; null if it is just text. */
  static Literal typedContent(String content) {
    if (content.isEmpty()
        || !(content.charAt(0) >= '0' && content.charAt(0) <= '9'
            || content.charAt(0) == '-'
            || content.charAt(0) == 'v'
            || content.charAt(0) == 'V')) {
      return null;
    }
    try {
      Literal l = classify(content, true);
      return l.kind == Kind.TEXT ? null : l;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** A short name of the kind for messages. */
  String kindName() {
    switch (kind) {
      case TEXT:
        return "text";
      case NUMBER:
      case DECIMAL:
        return "a number";
      case SIZE:
        return "a size";
      case DURATION:
        return "a duration";
      case TIME:
        return "a timestamp";
      case VERSION:
        return "a version";
      default:
        return "a boolean";
    }
  }
}
