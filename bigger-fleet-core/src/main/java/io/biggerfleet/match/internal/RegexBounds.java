package io.biggerfleet.match.internal;

import com.google.re2j.Pattern;
import io.biggerfleet.match.Matchers;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The compile-time bounds on a user's regular expression, checked before RE2/J sees it. RE2/J matches
 * in linear time, but a pattern can still hurt its caller: counted repetitions expand when compiled
 * ({@code ((a{100}){100}){100}} is a million instructions: out of memory), and its matcher follows
 * chains of empty moves recursively ({@code (?:($){3}){1000}}: a stack overflow while matching). So:
 *
 * <ul>
 *   <li>groups nest at most {@link Matchers#MAX_REGEX_GROUP_DEPTH} deep;
 *   <li>counted repetitions, multiplied through their nesting, repeat at most
 *       {@link Matchers#MAX_REGEX_REPEAT} times;
 *   <li>the program is at most {@link Matchers#MAX_REGEX_PROGRAM_SIZE} instructions: estimated (an upper
 *       bound) before compiling, so nothing large is ever built, and checked exactly after.
 * </ul>
 *
 * <p>The chain of empty moves RE2/J's matcher recurses along is at most the program size, so a pattern
 * within these bounds matches within a small, fixed stack depth. The scanner is a single pass with an
 * explicit stack (no recursion, no regex). It only has to be right for valid patterns; RE2/J reports
 * every syntax error itself. Stateless.
 */
final class RegexBounds {
  /** How far the estimate may exceed the exact limit before the pattern is refused uncompiled. */
  private static final long ESTIMATE_SLACK = 10;

  private static final long CAP = 1L << 40;

  private RegexBounds() {}

  /** Why {@code regex} breaks a bound before compiling, or null if it may be compiled. */
  static String beforeCompile(String regex) {
    Scan s = new Scan();
    int n = regex.length();
    for (int i = 0; i < n; i++) {
      char c = regex.charAt(i);
      switch (c) {
        case '\\':
          i = s.escape(regex, i);
          break;
        case '[':
          i = classEnd(regex, i);
          s.atom(1, 1);
          break;
        case '(': {
          int[] group = groupStart(regex, i);
          i = group[0];
          if (group[1] < 0) {
            s.lastSize = -1; // (?i): flags only, not an atom
            break;
          }
          if (s.open(group[1]) > Matchers.MAX_REGEX_GROUP_DEPTH) {
            return "regular expression nests groups too deeply: more than "
                + Matchers.MAX_REGEX_GROUP_DEPTH + " levels of parentheses";
          }
          break;
        }
        case ')':
          s.close();
          break;
        case '|':
          s.bar();
          break;
        case '*':
        case '+':
        case '?':
          s.quantify();
          i = skipLazy(regex, i);
          break;
        case '{': {
          int[] rep = repeat(regex, i);
          if (rep == null) {
            s.atom(1, 1);
            break;
          }
          String problem = s.countedRepeat(rep[1], rep[2]);
          if (problem != null) {
            return problem;
          }
          i = skipLazy(regex, rep[0]);
          break;
        }
        default:
          if (Character.isHighSurrogate(c)
              && i + 1 < n
              && Character.isLowSurrogate(regex.charAt(i + 1))) {
            i++;
          }
          s.atom(1, 1);
      }
    }
    long estimate = s.total();
    if (estimate > Matchers.MAX_REGEX_PROGRAM_SIZE * ESTIMATE_SLACK) {
      return "regular expression is too large: about "
          + (estimate >= CAP ? "2^40" : String.valueOf(estimate))
          + " instructions when compiled, at most " + Matchers.MAX_REGEX_PROGRAM_SIZE
          + " are allowed;"
          + " simplify it, or use like, in or contains";
    }
    return null;
  }

  /**
   * {@code regex} with every capturing group made non-capturing ({@code (x)} and {@code (?P<n>x)} become
   * {@code (?:x)}): a term only asks whether the pattern is found, and RE2/J's matcher copies capture
   * slots on every step, so captures only cost (up to twice the time, and program size).
   */
  static String withoutCaptures(String regex) {
    StringBuilder b = new StringBuilder(regex.length() + 8);
    int n = regex.length();
    for (int i = 0; i < n; i++) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < n && regex.charAt(i + 1) == 'Q') {
        int end = regex.indexOf("\\E", i + 2);
        int stop = end < 0 ? n : end + 2;
        b.append(regex, i, stop);
        i = stop - 1;
      } else if (c == '\\') {
        b.append(regex, i, Math.min(n, i + 2));
        i++;
      } else if (c == '[') {
        int end = classEnd(regex, i);
        b.append(regex, i, end + 1);
        i = end;
      } else if (c == '(' && (i + 1 >= n || regex.charAt(i + 1) != '?')) {
        b.append("(?:");
      } else if (c == '('
          && i + 2 < n
          && (regex.charAt(i + 2) == 'P' || regex.charAt(i + 2) == '<')
          && regex.indexOf('>', i) > 0) {
        b.append("(?:");
        i = regex.indexOf('>', i);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** Why the compiled {@code pattern} is too large, or null if it is within the bound. */
  static String afterCompile(Pattern pattern) {
    int size = pattern.programSize();
    if (size > Matchers.MAX_REGEX_PROGRAM_SIZE) {
      return "regular expression is too large: " + size + " instructions when compiled, at most "
          + Matchers.MAX_REGEX_PROGRAM_SIZE
          + " are allowed; simplify it, or use like, in or contains";
    }
    return null;
  }

  /** The running estimate: sizes of the finished alternatives and the current concatenation, per group. */
  private static final class Scan {
    private final Deque<long[]> outer =
        new ArrayDeque<>(); // {alternatives, concat, groupCost, product}
    private long alternatives;
    private long concat;
    private long lastSize = -1; // size of the last atom (an empty group is 0), -1 if there is none
    private long lastProduct = 1; // counted repetitions multiplied inside the last atom
    private long groupProduct = 1; // the largest product inside the current group so far

    void atom(long size, long product) {
      concat = add(concat, size);
      lastSize = size;
      lastProduct = product;
    }

    int open(long groupCost) {
      outer.push(new long[] {alternatives, concat, groupCost, groupProduct});
      alternatives = 0;
      concat = 0;
      lastSize = -1;
      groupProduct = 1;
      return outer.size();
    }

    void close() {
      if (outer.isEmpty()) {
        return; // unbalanced: RE2/J reports it
      }
      long size = add(add(alternatives, concat), 0);
      long product = groupProduct;
      long[] f = outer.pop();
      alternatives = f[0];
      concat = f[1];
      groupProduct = Math.max(f[3], product);
      atom(add(size, f[2]), product);
    }

    void bar() {
      alternatives = add(add(alternatives, concat), 1);
      concat = 0;
      lastSize = -1;
    }

    void quantify() {
      if (lastSize >= 0) {
        concat = add(concat, 2);
        lastSize = add(lastSize, 2);
      }
    }

    String countedRepeat(int min, int max) {
      if (lastSize < 0) {
        return null; // nothing to repeat: RE2/J reports it
      }
      long times = max >= 0 ? max : min + 1L;
      long product = lastProduct * Math.max(times, 1);
      if (product > Matchers.MAX_REGEX_REPEAT) {
        return lastProduct == 1
            ? "regular expression repeats too much: a counted repetition of " + times + ", at most "
                + Matchers.MAX_REGEX_REPEAT + " are allowed"
            : "regular expression repeats too much: counted repetitions nested inside each other multiply to "
                + product + ", at most " + Matchers.MAX_REGEX_REPEAT + " are allowed";
      }
      long size = add(mul(lastSize + 1, Math.max(times, 1)), 2);
      concat = add(concat - lastSize, size);
      lastSize = size;
      lastProduct = product;
      groupProduct = Math.max(groupProduct, product);
      return null;
    }

    int escape(String re, int i) {
      int n = re.length();
      if (i + 1 >= n) {
        return i;
      }
      char e = re.charAt(i + 1);
      if (e == 'Q') {
        int end = re.indexOf("\\E", i + 2);
        int stop = end < 0 ? n : end;
        long chars = re.codePointCount(i + 2, stop);
        atom(Math.max(chars, 1), 1);
        return end < 0 ? n - 1 : end + 1;
      }
      atom(1, 1);
      if ((e == 'p' || e == 'P' || e == 'x') && i + 2 < n && re.charAt(i + 2) == '{') {
        int close = re.indexOf('}', i + 3);
        return close < 0 ? n - 1 : close;
      }
      return i + 1;
    }

    long total() {
      for (long[] f : outer) {
        alternatives = add(add(alternatives, f[0]), add(f[1], f[2]));
      }
      return add(add(alternatives, concat), 6);
    }
  }

  /** The index of the {@code ]} closing the class that starts at {@code i} (or the last index). */
  private static int classEnd(String re, int i) {
    int n = re.length();
    int j = i + 1;
    if (j < n && re.charAt(j) == '^') {
      j++;
    }
    if (j < n && re.charAt(j) == ']') {
      j++; // a ] first is a literal
    }
    while (j < n) {
      char c = re.charAt(j);
      if (c == '\\') {
        if (j + 2 < n && "pPx".indexOf(re.charAt(j + 1)) >= 0 && re.charAt(j + 2) == '{') {
          int close = re.indexOf('}', j + 3);
          j = close < 0 ? n : close + 1;
        } else {
          j += 2;
        }
      } else if (c == '[' && j + 1 < n && re.charAt(j + 1) == ':') {
        int close = re.indexOf(":]", j + 2);
        j = close < 0 ? j + 1 : close + 2;
      } else if (c == ']') {
        return j;
      } else {
        j++;
      }
    }
    return n - 1;
  }

  /**
   * For a {@code (} at {@code i}: {index of its last character, cost} where cost is 2 for a capturing
   * group, 0 for {@code (?:..)} or {@code (?i:..)}, and -1 for a flags-only {@code (?i)}.
   */
  private static int[] groupStart(String re, int i) {
    int n = re.length();
    if (i + 1 >= n || re.charAt(i + 1) != '?') {
      return new int[] {i, 2};
    }
    int j = i + 2;
    if (j < n && (re.charAt(j) == 'P' || re.charAt(j) == '<')) {
      int close = re.indexOf('>', j);
      return new int[] {close < 0 ? n - 1 : close, 2};
    }
    while (j < n && (Character.isLetter(re.charAt(j)) || re.charAt(j) == '-')) {
      j++;
    }
    if (j < n && re.charAt(j) == ')') {
      return new int[] {j, -1};
    }
    return new int[] {Math.min(j, n - 1), 0};
  }

  /** For {@code {n}}, {@code {n,}} or {@code {n,m}} at {@code i}: {index of '}', n, m or -1}; else null. */
  private static int[] repeat(String re, int i) {
    int n = re.length();
    int j = i + 1;
    int min = 0;
    int start = j;
    while (j < n && re.charAt(j) >= '0' && re.charAt(j) <= '9' && j - start < 9) {
      min = min * 10 + (re.charAt(j++) - '0');
    }
    if (j == start || j >= n) {
      return null;
    }
    int max = min;
    if (re.charAt(j) == ',') {
      j++;
      int mStart = j;
      int m = 0;
      while (j < n && re.charAt(j) >= '0' && re.charAt(j) <= '9' && j - mStart < 9) {
        m = m * 10 + (re.charAt(j++) - '0');
      }
      max = j == mStart ? -1 : Math.max(m, min);
    }
    return j < n && re.charAt(j) == '}' ? new int[] {j, min, max} : null;
  }

  private static int skipLazy(String re, int i) {
    return i + 1 < re.length() && re.charAt(i + 1) == '?' ? i + 1 : i;
  }

  private static long add(long a, long b) {
    return Math.min(CAP, a + b);
  }

  private static long mul(long a, long b) {
    return a >= CAP / Math.max(b, 1) ? CAP : Math.min(CAP, a * b);
  }
}
