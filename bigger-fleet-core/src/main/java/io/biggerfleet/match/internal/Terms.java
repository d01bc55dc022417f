package io.biggerfleet.match.internal;

import com.google.re2j.Pattern;
import io.biggerfleet.device.Attributes;
import io.biggerfleet.device.Device;
import io.biggerfleet.match.MatchNode;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The leaf terms on one attribute. Each is immutable and its {@code test} never allocates. */
final class Terms {
  private Terms() {}

  /** {@code exists(A)}. */
  static final class Exists extends Term {
    Exists(String text, Ref ref) {
      super(text, ref);
    }

    @Override
    boolean test(Attributes a, Device d) {
      return ref.get(a) != null;
    }

    @Override
    boolean testValue(String v) {
      return true;
    }

    @Override
    MatchNode view() {
      return new MatchNode.Exists(ref.api);
    }

    @Override
    int cost() {
      return 1;
    }
  }

  /** {@code A == "text"} / {@code A != "text"}: exact, case-sensitive. */
  static final class TextEquals extends Term {
    final String literal;
    final boolean negate;

    TextEquals(String text, Ref ref, String literal, boolean negate) {
      super(text, ref);
      this.literal = literal;
      this.negate = negate;
    }

    @Override
    boolean test(Attributes a, Device d) {
      String v = ref.get(a);
      return v != null && literal.equals(v) != negate;
    }

    @Override
    boolean testValue(String v) {
      return literal.equals(v) != negate;
    }

    @Override
    MatchNode view() {
      MatchNode in = new MatchNode.ValueIn(ref.api, Set.of(literal));
      return negate ? new MatchNode.And(List.of(new MatchNode.Exists(ref.api), new MatchNode.Not(in))) : in;
    }

    @Override
    int cost() {
      return 2;
    }
  }

  /** {@code A in ["x", "y"]} / {@code not in}: exact text. */
  static final class TextIn extends Term {
    private final String[] small;
    private final Set<String> large;
    final boolean negate;

    TextIn(String text, Ref ref, List<String> literals, boolean negate) {
      super(text, ref);
      String[] distinct = new java.util.LinkedHashSet<>(literals).toArray(new String[0]);
      this.small = distinct.length <= 8 ? distinct : null;
      this.large = distinct.length <= 8 ? null : new HashSet<>(Arrays.asList(distinct));
      this.negate = negate;
    }

    @Override
    boolean test(Attributes a, Device d) {
      String v = ref.get(a); // overridden in each hot term so testValue is a direct call, not megamorphic
      return v != null && testValue(v);
    }

    @Override
    boolean testValue(String v) {
      boolean in;
      if (small != null) {
        in = false;
        for (String s : small) {
          if (s.equals(v)) {
            in = true;
            break;
          }
        }
      } else {
        in = large.contains(v);
      }
      return in != negate;
    }

    @Override
    MatchNode view() {
      MatchNode in = new MatchNode.ValueIn(ref.api, small != null ? Set.of(small) : large);
      return negate ? new MatchNode.And(List.of(new MatchNode.Exists(ref.api), new MatchNode.Not(in))) : in;
    }

    @Override
    int cost() {
      return 3;
    }
  }

  /** A typed list: {@code Kernel in [4.9.3, 4.10.0]}: any element equal by its own type. */
  static final class AnyOf extends Term {
    private final Term[] equalities;
    final boolean negate;

    AnyOf(String text, Ref ref, List<Term> equalities, boolean negate) {
      super(text, ref);
      this.equalities = equalities.toArray(new Term[0]);
      this.negate = negate;
    }

    @Override
    boolean test(Attributes a, Device d) {
      String v = ref.get(a); // overridden in each hot term so testValue is a direct call, not megamorphic
      return v != null && testValue(v);
    }

    @Override
    boolean testValue(String v) {
      for (Term t : equalities) {
        if (t.testValue(v)) {
          return !negate;
        }
      }
      return negate;
    }

    @Override
    int cost() {
      return Arrays.stream(equalities).mapToInt(Node::cost).sum();
    }
  }

  /** Numbers and sizes: {@code Mem >= 64M}, {@code Cores == 4}. */
  static final class Numeric extends Term {
    final Op op;
    final double literal;

    Numeric(String text, Ref ref, Op op, double literal) {
      super(text, ref);
      this.op = op;
      this.literal = literal;
    }

    @Override
    boolean test(Attributes a, Device d) {
      String v = ref.get(a);
      if (v == null) {
        return false;
      }
      double x = Values.number(v);
      return !Double.isNaN(x) && op.holds(x, literal);
    }

    @Override
    boolean testValue(String v) {
      double x = Values.number(v);
      return !Double.isNaN(x) && op.holds(x, literal);
    }

    @Override
    String why(String v) {
      return Double.isNaN(Values.number(v)) ? "is not a number or size" : null;
    }

    @Override
    int cost() {
      return 4;
    }
  }

  /** Versions: {@code Kernel >= 4.10.0}, {@code App < 2.0.0-rc.1}. */
  static final class VersionCompare extends Term {
    final Op op;
    final Version literal;

    VersionCompare(String text, Ref ref, Op op, Version literal) {
      super(text, ref);
      this.op = op;
      this.literal = literal;
    }

    @Override
    boolean test(Attributes a, Device d) {
      String v = ref.get(a);
      if (v == null) {
        return false;
      }
      int c = literal.compareFrom(v);
      return c != Version.NOT_A_VERSION && op.holds(c);
    }

    @Override
    boolean testValue(String v) {
      int c = literal.compareFrom(v);
      return c != Version.NOT_A_VERSION && op.holds(c);
    }

    @Override
    String why(String v) {
      return literal.compareFrom(v) == Version.NOT_A_VERSION ? "is not a version" : null;
    }

    @Override
    int cost() {
      return 5;
    }
  }

  /**
   * A decimal such as {@code 4.10}: numeric against a plain number ({@code "4.9"}), version-wise
   * against a version ({@code "4.9.3"}).
   */
  static final class NumberOrVersion extends Term {
    final Op op;
    final double number;
    final Version version;

    NumberOrVersion(String text, Ref ref, Op op, double number, Version version) {
      super(text, ref);
      this.op = op;
      this.number = number;
      this.version = version;
    }

    @Override
    boolean test(Attributes a, Device d) {
      String v = ref.get(a); // overridden in each hot term so testValue is a direct call, not megamorphic
      return v != null && testValue(v);
    }

    @Override
    boolean testValue(String v) {
      if (Values.isPlainNumber(v)) {
        double x = Values.number(v);
        return !Double.isNaN(x) && op.holds(x, number);
      }
      int c = version.compareFrom(v);
      return c != Version.NOT_A_VERSION && op.holds(c);
    }

    @Override
    String why(String v) {
      return !Values.isPlainNumber(v) && version.compareFrom(v) == Version.NOT_A_VERSION
          ? "is neither a number nor a version" : null;
    }

    @Override
    int cost() {
      return 6;
    }
  }

  /** Timestamps: {@code Last-Seen > 2026-01-01T00:00:00Z}. */
  static final class TimeCompare extends Term {
    final Op op;
    final long millis;

    TimeCompare(String text, Ref ref, Op op, long millis) {
      super(text, ref);
      this.op = op;
      this.millis = millis;
    }

    @Override
    boolean test(Attributes a, Device d) {
      String v = ref.get(a); // overridden in each hot term so testValue is a direct call, not megamorphic
      return v != null && testValue(v);
    }

    @Override
    boolean testValue(String v) {
      long t = Values.instantMillis(v);
      return t != Values.NOT_A_TIME && op.holds(Long.compare(t, millis));
    }

    @Override
    String why(String v) {
      return Values.instantMillis(v) == Values.NOT_A_TIME ? "is not a timestamp" : null;
    }

    @Override
    int cost() {
      return 8;
    }
  }

  /** Durations: {@code Uptime > 12h}. */
  static final class DurationCompare extends Term {
    final Op op;
    final double seconds;

    DurationCompare(String text, Ref ref, Op op, double seconds) {
      super(text, ref);
      this.op = op;
      this.seconds = seconds;
    }

    @Override
    boolean test(Attributes a, Device d) {
      String v = ref.get(a); // overridden in each hot term so testValue is a direct call, not megamorphic
      return v != null && testValue(v);
    }

    @Override
    boolean testValue(String v) {
      double s = Values.durationSeconds(v);
      return !Double.isNaN(s) && op.holds(s, seconds);
    }

    @Override
    String why(String v) {
      return Double.isNaN(Values.durationSeconds(v)) ? "is not a duration" : null;
    }

    @Override
    int cost() {
      return 6;
    }
  }

  /** {@code Online == true}: the value {@code true}/{@code false}, any case. */
  static final class BoolEquals extends Term {
    final boolean literal;
    final boolean negate;

    BoolEquals(String text, Ref ref, boolean literal, boolean negate) {
      super(text, ref);
      this.literal = literal;
      this.negate = negate;
    }

    @Override
    boolean test(Attributes a, Device d) {
      String v = ref.get(a); // overridden in each hot term so testValue is a direct call, not megamorphic
      return v != null && testValue(v);
    }

    @Override
    boolean testValue(String v) {
      String t = Values.trim(v);
      boolean isTrue = t.equalsIgnoreCase("true");
      if (!isTrue && !t.equalsIgnoreCase("false")) {
        return false;
      }
      return (isTrue == literal) != negate;
    }

    @Override
    String why(String v) {
      String t = Values.trim(v);
      return t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false") ? null : "is not true or false";
    }

    @Override
    int cost() {
      return 2;
    }
  }

  /** {@code Fleet-Tags contains canary}: one of the comma-separated items equals a needle. */
  static final class Contains extends Term {
    private final String[] needles;

    Contains(String text, Ref ref, List<String> needles) {
      super(text, ref);
      this.needles = new java.util.LinkedHashSet<>(needles).toArray(new String[0]); // duplicates are harmless
    }

    @Override
    boolean test(Attributes a, Device d) {
      String v = ref.get(a); // overridden in each hot term so testValue is a direct call, not megamorphic
      return v != null && testValue(v);
    }

    @Override
    boolean testValue(String v) {
      int n = v.length();
      int start = 0;
      while (start <= n) {
        int comma = v.indexOf(',', start);
        int end = comma < 0 ? n : comma;
        int s = start;
        int e = end;
        while (s < e && v.charAt(s) <= ' ') {
          s++;
        }
        while (e > s && v.charAt(e - 1) <= ' ') {
          e--;
        }
        int len = e - s;
        for (String needle : needles) {
          if (needle.length() == len && v.regionMatches(s, needle, 0, len)) {
            return true;
          }
        }
        if (comma < 0) {
          return false;
        }
        start = comma + 1;
      }
      return false;
    }

    @Override
    MatchNode view() {
      return new MatchNode.ItemIn(ref.api, Set.of(needles));
    }

    @Override
    int cost() {
      return 5;
    }
  }

  /** {@code Device-Name like "garden*"}. */
  static final class Like extends Term {
    private final Glob glob;

    Like(String text, Ref ref, Glob glob) {
      super(text, ref);
      this.glob = glob;
    }

    @Override
    boolean test(Attributes a, Device d) {
      String v = ref.get(a); // overridden in each hot term so testValue is a direct call, not megamorphic
      return v != null && testValue(v);
    }

    @Override
    boolean testValue(String v) {
      return glob.matches(v);
    }

    @Override
    int cost() {
      return glob.cost();
    }
  }

  /** {@code Device-Name like "garden*"}: a glob that is a literal prefix and one trailing star. */
  static final class StartsWith extends Term {
    private final String prefix;

    StartsWith(String text, Ref ref, String prefix) {
      super(text, ref);
      this.prefix = prefix;
    }

    @Override
    boolean test(Attributes a, Device d) {
      String v = ref.get(a);
      return v != null && v.startsWith(prefix);
    }

    @Override
    boolean testValue(String v) {
      return v.startsWith(prefix);
    }

    @Override
    int cost() {
      return 4; // as Glob#cost for a prefix
    }
  }

  /**
   * {@code Device-Name matches "^gw-[0-9]+$"}: RE2 (linear time), unanchored search. A pattern that
   * starts with {@code ^} and literal text ({@code ^gw-}) first checks that prefix with
   * {@link String#startsWith}, so most non-matching values never reach the regex engine.
   */
  static final class Regex extends Term {
    private final Pattern pattern;
    private final String requiredPrefix;

    Regex(String text, Ref ref, Pattern pattern) {
      super(text, ref);
      this.pattern = pattern;
      this.requiredPrefix = anchoredLiteralPrefix(pattern.pattern());
    }

    /** The literal text right after a leading {@code ^} that every match must start with ("" if none). */
    static String anchoredLiteralPrefix(String regex) {
      if (!regex.startsWith("^") || regex.indexOf('|') >= 0) {
        return ""; // an alternation may not be anchored at all: "^a|b" matches "xb"
      }
      int i = 1;
      while (i < regex.length() && (Character.isLetterOrDigit(regex.charAt(i)) || regex.charAt(i) == '-'
          || regex.charAt(i) == '_' || regex.charAt(i) == ' ' || regex.charAt(i) == '/' || regex.charAt(i) == ':')) {
        i++;
      }
      int end = i;
      if (i < regex.length() && "*?{+".indexOf(regex.charAt(i)) >= 0) {
        end = i - 1; // the last literal is quantified: it is not required
      }
      return end > 1 ? regex.substring(1, end) : "";
    }

    @Override
    boolean test(Attributes a, Device d) {
      String v = ref.get(a); // overridden in each hot term so testValue is a direct call, not megamorphic
      return v != null && testValue(v);
    }

    @Override
    boolean testValue(String v) {
      return v.startsWith(requiredPrefix) && pattern.matcher(v).find();
    }

    @Override
    int cost() {
      return 20;
    }
  }

  /** {@code Device-Location within 50km of (43.54, -76.12)}. */
  static final class Within extends Term {
    private final Geo.Circle circle;

    Within(String text, Ref ref, Geo.Circle circle) {
      super(text, ref);
      this.circle = circle;
    }

    @Override
    boolean test(Attributes a, Device d) {
      String v = ref.get(a); // overridden in each hot term so testValue is a direct call, not megamorphic
      return v != null && testValue(v);
    }

    @Override
    boolean testValue(String v) {
      return circle.contains(v);
    }

    @Override
    String why(String v) {
      return Geo.parse(v) == null ? "is not a location (lat:..,lon:..)" : null;
    }

    @Override
    int cost() {
      return 15;
    }
  }

  /** {@code age(Last-Seen) > 12h}: time since a timestamp attribute, on the injected clock. */
  static final class Age extends Term {
    final Op op;
    final double seconds;
    private final Clock clock;

    Age(String text, Ref ref, Op op, double seconds, Clock clock) {
      super(text, ref);
      this.op = op;
      this.seconds = seconds;
      this.clock = clock;
    }

    @Override
    boolean test(Attributes a, Device d) {
      String v = ref.get(a); // overridden in each hot term so testValue is a direct call, not megamorphic
      return v != null && testValue(v);
    }

    @Override
    boolean testValue(String v) {
      long t = Values.instantMillis(v);
      if (t == Values.NOT_A_TIME) {
        return false;
      }
      double age = (clock.millis() - t) / 1000.0;
      return op.holds(age, seconds);
    }

    @Override
    String why(String v) {
      long t = Values.instantMillis(v);
      if (t == Values.NOT_A_TIME) {
        return "is not a timestamp";
      }
      return "(age " + java.time.Duration.ofMillis(clock.millis() - t) + ")";
    }

    @Override
    boolean dependsOnTime() {
      return true;
    }

    @Override
    int cost() {
      return 9;
    }
  }
}
