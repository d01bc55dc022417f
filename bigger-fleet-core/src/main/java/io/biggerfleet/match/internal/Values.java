package io.biggerfleet.match.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reads attribute values (always text) as the typed values terms compare: numbers and sizes, durations,
 * timestamps. Every reader returns a sentinel (NaN, {@link Long#MIN_VALUE}) instead of throwing, and the
 * hot ones never allocate. Stateless.
 *
 * <p>One rule for blanks, shared by every typed reading (numbers, sizes, durations, timestamps,
 * versions, booleans, locations): ASCII blanks around the value (space, tab, line feed, carriage
 * return, form feed, vertical tab; see {@link #isBlank}) are ignored; any other character, including
 * other Unicode spaces such as U+3000, makes the value unreadable.
 */
final class Values {
  /** Returned by {@link #instantMillis} for text that is not a timestamp. */
  static final long NOT_A_TIME = Long.MIN_VALUE;

  private Values() {}

  /** An ASCII blank: space, tab, line feed, carriage return, form feed or vertical tab. */
  static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
  }

  /** {@code s} without ASCII blanks at either end ({@code s} itself if it has none). */
  static String trim(String s) {
    int n = s.length();
    int i = 0;
    while (i < n && isBlank(s.charAt(i))) {
      i++;
    }
    while (n > i && isBlank(s.charAt(n - 1))) {
      n--;
    }
    return i == 0 && n == s.length() ? s : s.substring(i, n);
  }

  /**
   * A plain number ({@code 42}, {@code -1.5}) or a size ({@code 64M}, {@code 1.5G}, {@code 512KiB},
   * {@code 100B}; powers of 1024), as a double; NaN otherwise. ASCII blanks around the value, and one
   * space before the unit, are allowed.
   */
  static double number(String s) {
    int n = s.length();
    int i = 0;
    while (i < n && isBlank(s.charAt(i))) {
      i++;
    }
    while (n > i && isBlank(s.charAt(n - 1))) {
      n--;
    }
    boolean neg = false;
    if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      neg = s.charAt(i) == '-';
      i++;
    }
    int start = i;
    long whole = 0;
    double big = 0; // past 18 digits the whole part goes on as a double
    int digits = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        break;
      }
      if (digits < 18) {
        whole = whole * 10 + (c - '0');
      } else {
        big = (digits == 18 ? whole : big) * 10 + (c - '0');
      }
      digits++;
      i++;
    }
    if (i == start) {
      return Double.NaN;
    }
    double v = digits > 18 ? big : whole;
    if (i < n && s.charAt(i) == '.') {
      i++;
      int fracStart = i;
      long frac = 0;
      long scale = 1;
      while (i < n) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
          break;
        }
        if (scale < 1_000_000_000_000_000L) {
          frac = frac * 10 + (c - '0');
          scale *= 10;
        }
        i++;
      }
      if (i == fracStart) {
        return Double.NaN;
      }
      v += (double) frac / scale;
    }
    if (i < n) {
      if (s.charAt(i) == ' ') {
        i++;
      }
      double m = unit(s, i, n);
      if (Double.isNaN(m)) {
        return Double.NaN;
      }
      v *= m;
    }
    return neg ? -v : v;
  }

  /** The multiplier of a size unit at {@code s[i..n)}: K, KB, KiB, M, ... or B; NaN if not one. */
  static double unit(String s, int i, int n) {
    int len = n - i;
    if (len < 1 || len > 3) {
      return Double.NaN;
    }
    char u = s.charAt(i);
    double m;
    switch (u) {
      case 'B':
        return len == 1 ? 1 : Double.NaN;
      case 'K':
      case 'k':
        m = 1024d;
        break;
      case 'M':
        m = 1024d * 1024;
        break;
      case 'G':
        m = 1024d * 1024 * 1024;
        break;
      case 'T':
        m = 1024d * 1024 * 1024 * 1024;
        break;
      case 'P':
        m = 1024d * 1024 * 1024 * 1024 * 1024;
        break;
      default:
        return Double.NaN;
    }
    if (len == 1) {
      return m;
    }
    if (len == 2) {
      return s.charAt(i + 1) == 'B' ? m : Double.NaN;
    }
    return s.charAt(i + 1) == 'i' && s.charAt(i + 2) == 'B' ? m : Double.NaN;
  }

  /** True if {@code s} is a plain number without unit: {@code 4.9}, {@code -3}. */
  static boolean isPlainNumber(String s) {
    String t = trim(s);
    int i = 0;
    int n = t.length();
    if (i < n && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
      i++;
    }
    int digits = 0;
    int dots = 0;
    for (; i < n; i++) {
      char c = t.charAt(i);
      if (c == '.') {
        if (++dots > 1 || digits == 0) {
          return false;
        }
      } else if (c >= '0' && c <= '9') {
        digits++;
      } else {
        return false;
      }
    }
    return digits > 0 && t.charAt(n - 1) != '.';
  }

  /**
   * A duration in seconds: {@code 90s}, {@code 12h}, {@code 5d}, {@code 1h30m}, {@code 250ms},
   * {@code 2w}, an ISO-8601 {@code PT12H}, or a plain number of seconds; NaN otherwise.
   */
  static double durationSeconds(String s) {
    String t = trim(s);
    if (t.isEmpty()) {
      return Double.NaN;
    }
    char first = t.charAt(0);
    if (first == 'P'
        || first == 'p'
        || t.length() > 1
            && (first == '-' || first == '+')
            && (t.charAt(1) == 'P' || t.charAt(1) == 'p')) {
      return IsoDuration.seconds(t);
    }
    double plain = number(t);
    if (!Double.isNaN(plain) && isPlainNumber(t)) {
      return plain;
    }
    return compoundDuration(t);
  }

  /** {@code 1h30m}-style text in seconds, NaN if any part is not a number and a unit. */
  static double compoundDuration(String t) {
    int i = 0;
    int n = t.length();
    double total = 0;
    boolean any = false;
    boolean neg = false;
    if (n > 0 && t.charAt(0) == '-') {
      neg = true;
      i++;
    }
    while (i < n) {
      int start = i;
      while (i < n && (t.charAt(i) >= '0' && t.charAt(i) <= '9' || t.charAt(i) == '.')) {
        i++;
      }
      if (i == start) {
        return Double.NaN;
      }
      double v;
      try {
        v = Double.parseDouble(t.substring(start, i));
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
      int u = i;
      while (i < n && Character.isLetter(t.charAt(i))) {
        i++;
      }
      double mult = durationUnit(t.substring(u, i));
      if (Double.isNaN(mult)) {
        return Double.NaN;
      }
      total += v * mult;
      any = true;
    }
    return any ? (neg ? -total : total) : Double.NaN;
  }

  /** Seconds in one {@code unit}: ms, s, m, h, d, w; NaN otherwise. */
  static double durationUnit(String unit) {
    switch (unit) {
      case "ms":
        return 0.001;
      case "s":
        return 1;
      case "m":
        return 60;
      case "h":
        return 3600;
      case "d":
        return 86400;
      case "w":
        return 7 * 86400;
      default:
        return Double.NaN;
    }
  }

  /**
   * A timestamp in epoch milliseconds: ISO-8601 {@code 2026-01-01T10:00:00Z}, with an offset
   * ({@code +02:00}), without a zone (UTC), or a date ({@code 2026-01-01}, midnight UTC);
   * {@link #NOT_A_TIME} otherwise.
   */
  static long instantMillis(String s) {
    String t = trim(s);
    int n = t.length();
    if (n < 10
        || !digits(t, 0, 4)
        || t.charAt(4) != '-'
        || !digits(t, 5, 7)
        || t.charAt(7) != '-'
        || !digits(t, 8, 10)) {
      return NOT_A_TIME;
    }
    try {
      if (n == 10) {
        return LocalDate.parse(t).toEpochDay() * 86_400_000L;
      }
      char last = t.charAt(n - 1);
      if (last == 'Z' || last == 'z') {
        return fastUtc(t);
      }
      int tpos = t.indexOf('T') >= 0 ? t.indexOf('T') : t.indexOf(' ');
      String tail = tpos < 0 ? "" : t.substring(tpos);
      if (tail.indexOf('+') >= 0 || tail.lastIndexOf('-') > 0) {
        return OffsetDateTime.parse(t.replace(' ', 'T')).toInstant().toEpochMilli();
      }
      return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeException | ArithmeticException e) {
      return NOT_A_TIME;
    }
  }

  /** {@code yyyy-mm-ddThh:mm:ss[.fff…]Z} without allocation; falls back to java.time for other shapes. */
  private static long fastUtc(String t) {
    int n = t.length();
    if (n >= 20
        && t.charAt(10) == 'T'
        && digits(t, 11, 13)
        && t.charAt(13) == ':'
        && digits(t, 14, 16)
        && t.charAt(16) == ':'
        && digits(t, 17, 19)) {
      int month = num(t, 5, 7);
      int day = num(t, 8, 10);
      int hour = num(t, 11, 13);
      int min = num(t, 14, 16);
      int sec = num(t, 17, 19);
      long millis = 0;
      int i = 19;
      if (i < n - 1 && t.charAt(i) == '.') {
        i++;
        int scale = 100;
        while (i < n - 1 && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
          millis += (t.charAt(i) - '0') * scale;
          scale /= 10;
          i++;
        }
      }
      if (i == n - 1
          && month >= 1
          && month <= 12
          && day >= 1
          && day <= 31
          && hour < 24
          && min < 60
          && sec < 60) {
        long days = LocalDate.of(num(t, 0, 4), month, day).toEpochDay();
        return ((days * 24 + hour) * 60 + min) * 60_000L + sec * 1000L + millis;
      }
    }
    return OffsetDateTime.parse(t).toInstant().toEpochMilli();
  }

  private static boolean digits(String t, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static int num(String t, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      v = v * 10 + (t.charAt(i) - '0');
    }
    return v;
  }
}
