package io.biggerfleet.match.internal;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import org.antlr.v4.runtime.Token;

/**
 * Compiles the pattern of a {@code matches} term with RE2, within the {@link RegexBounds} on its size:
 * capture groups are dropped (a term never reads them), a bad pattern is reported as written. Every
 * problem goes to {@link Issues} and the result is null. One instance per compilation; not thread-safe.
 */
final class RegexReader {
  private final Issues issues;

  RegexReader(Issues issues) {
    this.issues = issues;
  }

  /** The compiled {@code pattern}, or null (issue reported at {@code at}) if it is bad or too big. */
  Pattern compile(String pattern, Token at) {
    String tooBig = RegexBounds.beforeCompile(pattern);
    if (tooBig != null) {
      issues.at(at, tooBig);
      return null;
    }
    try {
      String plain = RegexBounds.withoutCaptures(pattern);
      if (!plain.equals(pattern)) {
        Pattern.compile(pattern); // a bad pattern is reported as written
      }
      Pattern p = Pattern.compile(plain);
      tooBig = RegexBounds.afterCompile(p);
      if (tooBig != null) {
        issues.at(at, tooBig);
        return null;
      }
      return p;
    } catch (PatternSyntaxException e) {
      issues.at(
          at,
          "bad regular expression: " + e.getDescription()
              + (e.getPattern().isEmpty() ? "" : " in " + Quote.of(e.getPattern())));
      return null;
    }
  }
}
