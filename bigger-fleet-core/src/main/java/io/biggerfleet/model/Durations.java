package io.biggerfleet.model;

import io.biggerfleet.InvalidInputException;
import java.time.Duration;
import java.util.Objects;

/**
 * Parses and prints the short durations rollouts use: {@code 5d}, {@code 4h}, {@code 12h}, {@code 90m},
 * {@code 30s}, or several units together ({@code 1d12h}). Stateless and thread-safe.
 */
public final class Durations {
  /** The longest duration a rollout accepts for a window or timeout. */
  public static final Duration MAX = Duration.ofDays(366);

  private Durations() {}

  /**
   * Parses {@code text} (units d, h, m, s; at least one; each unit once, largest first).
   *
   * @param what names the field in the error message, e.g. {@code time}
   * @throws InvalidInputException naming the field, the text and the position of the problem
   */
  public static Duration parse(String what, String text) {
    Objects.requireNonNull(text, what);
    String s = text.strip();
    if (s.isEmpty()) {
      throw new InvalidInputException(
          what + " is empty; expected a duration such as 5d, 12h or 90m");
    }
    if (s.charAt(0) == '-') {
      throw bad(what, text, text.indexOf('-'), "durations cannot be negative");
    }
    Duration total = Duration.ZERO;
    int i = 0;
    int lastRank = Integer.MAX_VALUE;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && Character.isDigit(s.charAt(i))) {
        i++;
      }
      if (i == start) {
        throw bad(what, text, start, "expected a number");
      }
      if (i - start > 6) {
        throw bad(what, text, start, "number too large");
      }
      long n = Long.parseLong(s.substring(start, i));
      if (i == s.length()) {
        throw bad(what, text, i, "missing unit (d, h, m or s)");
      }
      char u = Character.toLowerCase(s.charAt(i));
      int rank = "smhd".indexOf(u);
      if (rank < 0) {
        throw bad(what, text, i, "unknown unit '" + s.charAt(i) + "' (use d, h, m or s)");
      }
      if (rank >= lastRank) {
        throw bad(what, text, i, "units must go from largest to smallest, each once");
      }
      lastRank = rank;
      total = total.plus(
          u == 'd'
              ? Duration.ofDays(n)
              : u == 'h'
                  ? Duration.ofHours(n)
                  : u == 'm' ? Duration.ofMinutes(n) : Duration.ofSeconds(n));
      i++;
    }
    if (total.compareTo(MAX) > 0) {
      throw new InvalidInputException(
          what + " '" + text + "' is longer than the maximum of " + format(MAX));
    }
    return total;
  }

  private static InvalidInputException bad(String what, String text, int pos, String problem) {
    return new InvalidInputException(
        what + " '" + text + "' is not a duration: " + problem + " at position " + (pos + 1)
            + "; expected e.g. 5d, 12h, 90m or 1d12h\n  " + text + "\n  " + " ".repeat(pos) + "^");
  }

  /** The compact form: {@code 4h}, {@code 1d12h}, {@code 90m} prints as {@code 1h30m}, zero as {@code 0s}. */
  public static String format(Duration d) {
    long s = d.getSeconds();
    if (s == 0) {
      return "0s";
    }
    StringBuilder b = new StringBuilder();
    long[] unit = {86400, 3600, 60, 1};
    char[] name = {'d', 'h', 'm', 's'};
    for (int i = 0; i < unit.length; i++) {
      if (s >= unit[i]) {
        b.append(s / unit[i]).append(name[i]);
        s %= unit[i];
      }
    }
    return b.toString();
  }

  /**
   * A human form for status lines: whole days when at least a day ({@code 1 day}, {@code 3 days}),
   * else whole hours, else minutes. Rounds up, so an ETA is never too optimistic; {@code 0 minutes}
   * for zero or negative.
   */
  public static String human(Duration d) {
    long s = Math.max(0, d.getSeconds() + (d.getNano() > 0 ? 1 : 0));
    if (s >= 86400) {
      return plural((s + 86399) / 86400, "day");
    }
    if (s >= 3600) {
      return plural((s + 3599) / 3600, "hour");
    }
    return plural((s + 59) / 60, "minute");
  }

  /** Like {@link #human} but rounding down, for elapsed times ("running since"). */
  public static String humanElapsed(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s >= 86400) {
      return plural(s / 86400, "day");
    }
    if (s >= 3600) {
      return plural(s / 3600, "hour");
    }
    return plural(s / 60, "minute");
  }

  private static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }
}
