package io.biggerfleet.match.internal;

import io.biggerfleet.device.Attributes;
import io.biggerfleet.device.Device;
import io.biggerfleet.match.MatchNode;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The leaf terms that compare an attribute's text as it is: presence, equality, membership in a list,
 * booleans and comma-separated items. Each is immutable and its {@code test} never allocates.
 */
final class TextTerms {
  private TextTerms() {}

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
      return negate
          ? new MatchNode.And(List.of(new MatchNode.Exists(ref.api), new MatchNode.Not(in)))
          : in;
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
      String v =
          ref.get(a); // overridden in each hot term so testValue is a direct call, not megamorphic
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
      return negate
          ? new MatchNode.And(List.of(new MatchNode.Exists(ref.api), new MatchNode.Not(in)))
          : in;
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
      String v =
          ref.get(a); // overridden in each hot term so testValue is a direct call, not megamorphic
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
      String v =
          ref.get(a); // overridden in each hot term so testValue is a direct call, not megamorphic
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
      return t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")
          ? null
          : "is not true or false";
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
      this.needles =
          new java.util.LinkedHashSet<>(needles).toArray(new String[0]); // duplicates are harmless
    }

    @Override
    boolean test(Attributes a, Device d) {
      String v =
          ref.get(a); // overridden in each hot term so testValue is a direct call, not megamorphic
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
}
