package io.biggerfleet.match.internal;

import java.util.Arrays;

/**
 * A version literal, compared the SemVer way: numeric components one by one (missing ones count as
 * 0, so {@code 4.10} equals {@code 4.10.0}), then a pre-release sorts before the release
 * ({@code 1.0.0-rc.1 < 1.0.0}) and pre-release identifiers compare numerically when both are numbers,
 * else as text, numbers first; build metadata ({@code +build}) is ignored. A leading {@code v} is
 * allowed. Immutable.
 */
final class Version {
  /** Returned by {@link #compareFrom} when the text is not a version. */
  static final int NOT_A_VERSION = Integer.MIN_VALUE;

  private final long[] parts;
  private final String pre;

  private Version(long[] parts, String pre) {
    this.parts = parts;
    this.pre = pre;
  }

  /** The version in {@code s}, or null if it is not one. */
  static Version parse(String s) {
    String t = Values.trim(s);
    int i = 0;
    int n = t.length();
    if (i < n && (t.charAt(i) == 'v' || t.charAt(i) == 'V')) {
      i++;
    }
    long[] parts = new long[4];
    int count = 0;
    while (true) {
      int start = i;
      long v = 0;
      while (i < n && isAsciiDigit(t.charAt(i)) && i - start < 18) {
        v = v * 10 + (t.charAt(i) - '0');
        i++;
      }
      if (i == start || (i < n && isAsciiDigit(t.charAt(i)))) {
        return null;
      }
      if (count == parts.length) {
        parts = Arrays.copyOf(parts, count * 2);
      }
      parts[count++] = v;
      if (i < n && t.charAt(i) == '.') {
        i++;
        continue;
      }
      break;
    }
    String pre = null;
    if (i < n && t.charAt(i) == '-') {
      int end = t.indexOf('+', i);
      end = end < 0 ? n : end;
      pre = t.substring(i + 1, end);
      if (!validIdentifiers(pre)) {
        return null;
      }
      i = end;
    }
    if (i < n && t.charAt(i) == '+') {
      if (!validIdentifiers(t.substring(i + 1))) {
        return null;
      }
      i = n;
    }
    return i == n ? new Version(Arrays.copyOf(parts, count), pre) : null;
  }

  private static boolean validIdentifiers(String s) {
    if (s.isEmpty() || s.startsWith(".") || s.endsWith(".") || s.contains("..")) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) && c < 128 || c == '.' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** Number of numeric components. */
  int size() {
    return parts.length;
  }

  boolean hasPreRelease() {
    return pre != null;
  }

  /**
   * The sign of {@code (version in s) - this}, or {@link #NOT_A_VERSION} if {@code s} is not a version.
   * Allocates nothing unless both have a pre-release.
   */
  int compareFrom(String s) {
    int n = s.length();
    int i = 0;
    while (i < n && Values.isBlank(s.charAt(i))) {
      i++;
    }
    while (n > i && Values.isBlank(s.charAt(n - 1))) {
      n--;
    }
    if (i < n && (s.charAt(i) == 'v' || s.charAt(i) == 'V')) {
      i++;
    }
    int result = 0;
    int comp = 0;
    while (true) {
      int start = i;
      long v = 0;
      while (i < n) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
          break;
        }
        if (i - start >= 18) {
          return NOT_A_VERSION;
        }
        v = v * 10 + (c - '0');
        i++;
      }
      if (i == start) {
        return NOT_A_VERSION;
      }
      if (result == 0) {
        long mine = comp < parts.length ? parts[comp] : 0;
        if (v != mine) {
          result = v < mine ? -1 : 1;
        }
      }
      comp++;
      if (i < n && s.charAt(i) == '.') {
        i++;
        continue;
      }
      break;
    }
    if (result == 0) {
      for (int k = comp; k < parts.length; k++) {
        if (parts[k] != 0) {
          result = -1;
          break;
        }
      }
    }
    int preStart = -1;
    int preEnd = -1;
    if (i < n && s.charAt(i) == '-') {
      preStart = i + 1;
      int end = i + 1;
      while (end < n && s.charAt(end) != '+') {
        end++;
      }
      preEnd = end;
      if (preEnd == preStart) {
        return NOT_A_VERSION;
      }
      i = end;
    }
    if (i < n && s.charAt(i) == '+') {
      i = n;
    }
    if (i != n) {
      return NOT_A_VERSION;
    }
    if (result != 0) {
      return result;
    }
    if (preStart < 0) {
      return pre == null ? 0 : 1;
    }
    if (pre == null) {
      return -1;
    }
    return Integer.signum(comparePre(s.substring(preStart, preEnd), pre));
  }

  private static int comparePre(String a, String b) {
    String[] x = splitDots(a);
    String[] y = splitDots(b);
    for (int k = 0; k < Math.min(x.length, y.length); k++) {
      boolean xn = isNumeric(x[k]);
      boolean yn = isNumeric(y[k]);
      int c;
      if (xn && yn) {
        c = x[k].length() != y[k].length()
            ? Integer.compare(x[k].length(), y[k].length())
            : x[k].compareTo(y[k]);
      } else if (xn) {
        c = -1;
      } else if (yn) {
        c = 1;
      } else {
        c = x[k].compareTo(y[k]);
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }

  /** {@code s} split at every dot, keeping empty parts (no regex). */
  private static String[] splitDots(String s) {
    int count = 1;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '.') {
        count++;
      }
    }
    String[] out = new String[count];
    int k = 0;
    int start = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || s.charAt(i) == '.') {
        out[k++] = s.substring(start, i);
        start = i + 1;
      }
    }
    return out;
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isNumeric(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isAsciiDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      b.append(i == 0 ? "" : ".").append(parts[i]);
    }
    return pre == null ? b.toString() : b + "-" + pre;
  }
}
