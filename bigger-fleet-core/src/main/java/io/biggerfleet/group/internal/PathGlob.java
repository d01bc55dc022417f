package io.biggerfleet.group.internal;

import io.biggerfleet.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * A glob over group paths and device paths: {@code /location/trading-floor/*}, {@code /co/*}{@code /121XPs},
 * {@code /co/**}. Matching is segment by segment, without regular expressions, in time proportional
 * to (glob segments × path segments × segment length) at worst — no catastrophic backtracking.
 *
 * <ul>
 *   <li>{@code *} matches any run of characters inside one segment (so {@code /co/*} matches
 *       {@code /co/cisco} but not {@code /co/cisco/121XPs});
 *   <li>{@code ?} matches exactly one character inside a segment;
 *   <li>{@code **} as a whole segment matches zero or more whole segments ({@code /co/**} matches
 *       {@code /co}, {@code /co/cisco} and {@code /co/cisco/121XPs}).
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
final class PathGlob {
  /** Longest glob, in characters. */
  static final int MAX_LENGTH = 512;

  private final String text;
  private final String[] segments;

  private PathGlob(String text, String[] segments) {
    this.text = text;
    this.segments = segments;
  }

  /** True if {@code selector} uses glob characters. */
  static boolean isGlob(String selector) {
    return selector.indexOf('*') >= 0 || selector.indexOf('?') >= 0;
  }

  /**
   * Parses a glob.
   *
   * @throws InvalidInputException naming the glob, the position and the rule it breaks
   */
  static PathGlob parse(String text) {
    if (text.isEmpty() || text.charAt(0) != '/') {
      throw new InvalidInputException("Glob '" + text + "' must start with '/', e.g. /location/*");
    }
    if (text.length() > MAX_LENGTH) {
      throw new InvalidInputException(
          "Glob is too long: " + text.length() + " characters, at most " + MAX_LENGTH);
    }
    List<String> segs = new ArrayList<>();
    int start = 1;
    while (true) {
      int slash = text.indexOf('/', start);
      int end = slash < 0 ? text.length() : slash;
      if (end == start) {
        throw new InvalidInputException("Glob '" + text + "' has an empty segment at position "
            + (start + 1) + "\n  " + text + "\n  " + " ".repeat(start) + "^");
      }
      String seg = text.substring(start, end);
      for (int i = 0; i < seg.length(); i++) {
        char c = seg.charAt(i);
        boolean ok = (c >= 'a' && c <= 'z')
            || (c >= 'A' && c <= 'Z')
            || (c >= '0' && c <= '9')
            || c == '.'
            || c == '_'
            || c == '-'
            || c == '@'
            || c == ':'
            || c == '*'
            || c == '?';
        if (!ok) {
          throw new InvalidInputException(
              "Glob '" + text + "' has '" + c + "' at position " + (start + i + 1)
                  + "; globs use path characters plus '*', '**' and '?'\n  " + text + "\n  "
                  + " ".repeat(start + i) + "^");
        }
      }
      if (seg.contains("**") && !seg.equals("**")) {
        throw new InvalidInputException(
            "Glob '" + text + "' uses '**' inside a segment at position " + (start + 1)
                + "; '**' must be a whole segment (use '*' within a segment)\n  " + text + "\n  "
                + " ".repeat(start) + "^");
      }
      segs.add(seg);
      if (slash < 0) {
        break;
      }
      start = slash + 1;
    }
    return new PathGlob(text, segs.toArray(new String[0]));
  }

  /** The last segment, e.g. {@code *} for {@code /location/trading-floor/*}. */
  String lastSegment() {
    return segments[segments.length - 1];
  }

  /** True if the last segment matches any device id ({@code *}, {@code **}, {@code ***}...). */
  boolean lastSegmentMatchesAnything() {
    String s = lastSegment();
    return s.chars().allMatch(c -> c == '*');
  }

  /** Whether the path made of {@code path} segments matches. */
  boolean matches(List<String> path) {
    return matches(path, null);
  }

  /** Whether {@code path} segments followed by {@code last} (when non-null) match. */
  boolean matches(List<String> path, String last) {
    int n = path.size() + (last == null ? 0 : 1);
    // dp[i][j]: glob segments from i match path segments from j.
    boolean[][] dp = new boolean[segments.length + 1][n + 1];
    dp[segments.length][n] = true;
    for (int i = segments.length - 1; i >= 0; i--) {
      boolean doubleStar = segments[i].equals("**");
      for (int j = n; j >= 0; j--) {
        if (doubleStar) {
          dp[i][j] = dp[i + 1][j] || (j < n && dp[i][j + 1]);
        } else {
          dp[i][j] = j < n
              && dp[i + 1][j + 1]
              && segmentMatches(segments[i], j < path.size() ? path.get(j) : last);
        }
      }
    }
    return dp[0][0];
  }

  /** Classic linear-time wildcard match of one segment: '*' any run, '?' one character. */
  static boolean segmentMatches(String glob, String s) {
    int g = 0;
    int i = 0;
    int star = -1;
    int mark = 0;
    while (i < s.length()) {
      if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == s.charAt(i))) {
        g++;
        i++;
      } else if (g < glob.length() && glob.charAt(g) == '*') {
        star = g++;
        mark = i;
      } else if (star >= 0) {
        g = star + 1;
        i = ++mark;
      } else {
        return false;
      }
    }
    while (g < glob.length() && glob.charAt(g) == '*') {
      g++;
    }
    return g == glob.length();
  }

  @Override
  public String toString() {
    return text;
  }
}
