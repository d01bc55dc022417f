package io.biggerfleet.match.internal;

import com.google.re2j.Pattern;
import io.biggerfleet.device.Attributes;
import io.biggerfleet.device.Device;

/**
 * The leaf terms that match an attribute's text against a pattern: a glob, a literal prefix, a
 * regular expression. Each is immutable and its {@code test} never allocates.
 */
final class PatternTerms {
  private PatternTerms() {}

  /** {@code Device-Name like "garden*"}. */
  static final class Like extends Term {
    private final Glob glob;

    Like(String text, Ref ref, Glob glob) {
      super(text, ref);
      this.glob = glob;
    }

    @Override
    boolean test(Attributes a, Device d) {
      String v =
          ref.get(a); // overridden in each hot term so testValue is a direct call, not megamorphic
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
      while (i < regex.length()
          && (Character.isLetterOrDigit(regex.charAt(i))
              || regex.charAt(i) == '-'
              || regex.charAt(i) == '_'
              || regex.charAt(i) == ' '
              || regex.charAt(i) == '/'
              || regex.charAt(i) == ':')) {
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
      String v =
          ref.get(a); // overridden in each hot term so testValue is a direct call, not megamorphic
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
}
