package io.biggerfleet.match.internal;

import com.google.re2j.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A compiled glob: {@code *} any run of characters (also none), {@code ?} exactly one, {@code \} makes
 * the next character literal; everything else, case included, must match exactly and the whole value
 * must match. Common shapes ({@code abc}, {@code abc*}, {@code *abc}, {@code *abc*}) use plain string
 * methods; the rest runs on RE2 (linear time). Immutable.
 */
final class Glob {
  private enum Shape {
    EXACT,
    PREFIX,
    SUFFIX,
    INFIX,
    REGEX
  }

  private final Shape shape;
  private final String fixed;
  private final Pattern pattern;

  private Glob(Shape shape, String fixed, Pattern pattern) {
    this.shape = shape;
    this.fixed = fixed;
    this.pattern = pattern;
  }

  static Glob compile(String written) {
    String glob = collapseStars(written);
    StringBuilder literal = new StringBuilder();
    StringBuilder regex = new StringBuilder();
    int stars = 0;
    boolean question = false;
    boolean starFirst = false;
    boolean starLast = false;
    boolean starInside = false;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '\\' && i + 1 < glob.length()) {
        char next = glob.charAt(++i);
        literal.append(next);
        regex.append(Pattern.quote(String.valueOf(next)));
        if (starLast) {
          starInside = true;
          starLast = false;
        }
      } else if (c == '*') {
        stars++;
        if (i == 0) {
          starFirst = true;
        } else if (i == glob.length() - 1) {
          starLast = true;
        } else {
          starInside = true;
        }
        regex.append("(?s:.*)");
      } else if (c == '?') {
        question = true;
        regex.append("(?s:.)");
      } else {
        literal.append(c);
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    String fixed = literal.toString();
    if (!question && !starInside) {
      if (stars == 0) {
        return new Glob(Shape.EXACT, fixed, null);
      }
      if (starFirst && starLast && stars == 2) {
        return new Glob(Shape.INFIX, fixed, null);
      }
      if (starLast && stars == 1) {
        return new Glob(Shape.PREFIX, fixed, null);
      }
      if (starFirst && stars == 1) {
        return new Glob(Shape.SUFFIX, fixed, null);
      }
    }
    return new Glob(Shape.REGEX, fixed, Pattern.compile(regex.toString()));
  }

  /** {@code glob} with every run of unescaped {@code *} made one: the same language, and short chains of
   * empty moves for RE2/J (which follows them recursively). */
  private static String collapseStars(String glob) {
    StringBuilder b = new StringBuilder(glob.length());
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '\\' && i + 1 < glob.length()) {
        b.append(c).append(glob.charAt(++i));
      } else if (c != '*' || b.length() == 0 || b.charAt(b.length() - 1) != '*' || escapedStar(b)) {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** True if the {@code *} that ends {@code b} was written as {@code \*}. */
  private static boolean escapedStar(StringBuilder b) {
    int k = b.length() - 2;
    while (k >= 0 && b.charAt(k) == '\\') {
      k--;
    }
    return (b.length() - 2 - k) % 2 == 1;
  }

  boolean matches(String v) {
    switch (shape) {
      case EXACT:
        return v.equals(fixed);
      case PREFIX:
        return v.startsWith(fixed);
      case SUFFIX:
        return v.endsWith(fixed);
      case INFIX:
        return v.contains(fixed);
      default:
        return pattern.matches(v);
    }
  }

  /** The literal prefix if this glob is {@code prefix*} (no other wildcard), else null. */
  @Nullable
  String prefixOnly() {
    return shape == Shape.PREFIX ? fixed : null;
  }

  int cost() {
    return shape == Shape.REGEX ? 18 : 4;
  }
}
