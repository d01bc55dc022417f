package io.biggerfleet.match.internal;

/**
 * The shapes {@link Literal#classify} and the compiler recognise in a word, each a hand-written
 * single-pass scanner: no regex runs on user input, no recursion, linear time for any length (a
 * {@code 1h1h1h…} of thousands of parts is just a long duration). Stateless.
 */
final class Shapes {
  private Shapes() {}

  /** {@code [0-9]+(\.[0-9]+)?([KMGTP](i?B)?|B)}: {@code 64M}, {@code 1.5G}, {@code 512KiB}, {@code 100B}. */
  static boolean isSize(String w) {
    int i = number(w, 0, false);
    if (i < 0 || i >= w.length()) {
      return false;
    }
    int rest = w.length() - i;
    char u = w.charAt(i);
    if (u == 'B') {
      return rest == 1;
    }
    if ("KMGTP".indexOf(u) < 0) {
      return false;
    }
    return rest == 1
        || rest == 2 && w.charAt(i + 1) == 'B'
        || rest == 3 && w.charAt(i + 1) == 'i' && w.charAt(i + 2) == 'B';
  }

  /** {@code -?([0-9]+(\.[0-9]+)?(ms|s|m|h|d|w))+}: {@code 12h}, {@code 1h30m}, {@code -250ms}. */
  static boolean isDuration(String w) {
    int n = w.length();
    int i = n > 0 && w.charAt(0) == '-' ? 1 : 0;
    if (i == n) {
      return false;
    }
    while (i < n) {
      i = number(w, i, false);
      if (i < 0 || i >= n) {
        return false;
      }
      char u = w.charAt(i);
      if (u == 'm' && i + 1 < n && w.charAt(i + 1) == 's') {
        i += 2;
      } else if (u == 's' || u == 'm' || u == 'h' || u == 'd' || u == 'w') {
        i++;
      } else {
        return false;
      }
    }
    return true;
  }

  /** {@code [0-9]{4}-[0-9]{2}-[0-9]{2}([T ].*)?}: a date, maybe followed by a time. */
  static boolean isDateStart(String w) {
    int n = w.length();
    if (n < 10
        || !digits(w, 0, 4)
        || w.charAt(4) != '-'
        || !digits(w, 5, 7)
        || w.charAt(7) != '-'
        || !digits(w, 8, 10)) {
      return false;
    }
    return n == 10 || w.charAt(10) == 'T' || w.charAt(10) == ' ';
  }

  /** {@code [vV]?[0-9]+(\.[0-9]*)+([-+].*)?}: digits, at least one dot, then maybe a tail. */
  static boolean isVersionLike(String w) {
    int n = w.length();
    int i = n > 0 && (w.charAt(0) == 'v' || w.charAt(0) == 'V') ? 1 : 0;
    int start = i;
    while (i < n && isDigit(w.charAt(i))) {
      i++;
    }
    if (i == start || i >= n || w.charAt(i) != '.') {
      return false;
    }
    while (i < n && (isDigit(w.charAt(i)) || w.charAt(i) == '.')) {
      i++;
    }
    return i == n || w.charAt(i) == '-' || w.charAt(i) == '+';
  }

  /**
   * For {@code -?[0-9]+(\.[0-9]+)?[A-Za-z]} (a number and one letter, such as {@code 64Q}) the letter,
   * else 0.
   */
  static char oneUnitLetter(String w) {
    int i = number(w, 0, true);
    if (i < 0 || i != w.length() - 1) {
      return 0;
    }
    char c = w.charAt(i);
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' ? c : 0;
  }

  /** {@code -?[0-9]{1,18}}: a whole number that fits a long. */
  static boolean isWholeNumber(String w) {
    int i = w.startsWith("-") ? 1 : 0;
    int digits = w.length() - i;
    return digits >= 1 && digits <= 18 && digits(w, i, w.length());
  }

  /**
   * Where a distance's unit starts in {@code [0-9]+(\.[0-9]+)?(km|m|mi)} ({@code 50km}, {@code 1.5mi}),
   * or -1 if {@code w} is not one.
   */
  static int distanceUnitStart(String w) {
    int i = number(w, 0, false);
    if (i < 0) {
      return -1;
    }
    String unit = w.substring(i);
    return unit.equals("km") || unit.equals("m") || unit.equals("mi") ? i : -1;
  }

  /**
   * Scans {@code [0-9]+(\.[0-9]+)?} (with a leading {@code -} if {@code signed}) from {@code from};
   * returns the index after it, or -1 if there is none. A dot not followed by a digit ends the number
   * before the dot.
   */
  private static int number(String w, int from, boolean signed) {
    int n = w.length();
    int i = from;
    if (signed && i < n && w.charAt(i) == '-') {
      i++;
    }
    int start = i;
    while (i < n && isDigit(w.charAt(i))) {
      i++;
    }
    if (i == start) {
      return -1;
    }
    if (i + 1 < n && w.charAt(i) == '.' && isDigit(w.charAt(i + 1))) {
      i++;
      while (i < n && isDigit(w.charAt(i))) {
        i++;
      }
    }
    return i;
  }

  private static boolean digits(String w, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!isDigit(w.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
