package io.biggerfleet.match.internal;

/**
 * ISO-8601 durations as {@link java.time.Duration#parse} reads them ({@code PT12H}, {@code P2DT3H4M},
 * {@code PT0.5S}, {@code -PT6H}, any case), scanned by hand in one pass so no regex ever runs on an
 * attribute value. Stateless.
 */
final class IsoDuration {
  private IsoDuration() {}

  /** The duration in {@code t} (no blanks around it) in seconds, or NaN if it is not one. */
  static double seconds(String t) {
    int n = t.length();
    int i = 0;
    double sign = 1;
    if (i < n && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
      sign = t.charAt(i) == '-' ? -1 : 1;
      i++;
    }
    if (i >= n || Character.toUpperCase(t.charAt(i)) != 'P') {
      return Double.NaN;
    }
    i++;
    double total = 0;
    boolean any = false;
    boolean inTime = false;
    char last = 0; // the last unit seen, to enforce the order D, then H, M, S
    while (i < n) {
      char c = Character.toUpperCase(t.charAt(i));
      if (c == 'T') {
        if (inTime || i + 1 == n) {
          return Double.NaN;
        }
        inTime = true;
        i++;
        continue;
      }
      int start = i;
      double partSign = 1;
      if (t.charAt(i) == '-' || t.charAt(i) == '+') {
        partSign = t.charAt(i) == '-' ? -1 : 1;
        i++;
      }
      int digitsStart = i;
      double v = 0;
      while (i < n && isDigit(t.charAt(i)) && i - digitsStart < 19) {
        v = v * 10 + (t.charAt(i) - '0');
        i++;
      }
      if (i == digitsStart || i < n && isDigit(t.charAt(i))) {
        return Double.NaN;
      }
      double fraction = 0;
      if (i < n && (t.charAt(i) == '.' || t.charAt(i) == ',')) {
        i++;
        double scale = 0.1;
        int fracStart = i;
        while (i < n && isDigit(t.charAt(i)) && i - fracStart < 9) {
          fraction += (t.charAt(i) - '0') * scale;
          scale /= 10;
          i++;
        }
        if (i >= n || Character.toUpperCase(t.charAt(i)) != 'S') {
          return Double.NaN; // only seconds take a fraction
        }
      }
      if (i >= n || start == i) {
        return Double.NaN;
      }
      char unit = Character.toUpperCase(t.charAt(i++));
      double mult = multiplier(unit, inTime, last);
      if (Double.isNaN(mult)) {
        return Double.NaN;
      }
      last = unit;
      total += partSign * (v + fraction) * mult;
      any = true;
    }
    return any ? sign * total : Double.NaN;
  }

  private static double multiplier(char unit, boolean inTime, char last) {
    if (!inTime) {
      return unit == 'D' && last == 0 ? 86_400 : Double.NaN;
    }
    switch (unit) {
      case 'H':
        return last == 0 || last == 'D' ? 3600 : Double.NaN;
      case 'M':
        return last == 0 || last == 'D' || last == 'H' ? 60 : Double.NaN;
      case 'S':
        return last != 'S' ? 1 : Double.NaN;
      default:
        return Double.NaN;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
