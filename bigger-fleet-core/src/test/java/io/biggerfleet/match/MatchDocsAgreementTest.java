package io.biggerfleet.match;

import static io.biggerfleet.match.MatchLanguageTest.attrs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.biggerfleet.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Where issue 19 found the engine disagreeing with docs/expressions.md: blanks around typed values,
 * quoted typed content after a function, and positions in expressions with characters outside the
 * Basic Multilingual Plane.
 */
class MatchDocsAgreementTest {
  private static final Matchers M = Matchers.builder().cacheSize(0).build();

  // ---- "ASCII blanks around a typed value are ignored; any other character makes it unreadable"
  // ----

  @ParameterizedTest(name = "{0} on \"{1}\" → {2}")
  @CsvSource(
      delimiter = ';',
      value = {
        "v > 0.5;           0.7\\n;          true",
        "v >= 4;            \\t4.9;          true",
        "v == 4.9;          \\t4.9;          true",
        "v >= 64M;          512M\\r\\n;      true",
        "v >= 4.10.0;       4.10.1\\n;       true",
        "v > 1h;            \\t90m ;         true",
        "v > 2025-06-01;    2026-01-01\\n;   true",
        "v == true;         TRUE\\n;         true",
        "v == 4.9;          4.9\\u3000;      false",
        "v == 1.5;          4.9\\u3000;      false",
        "v >= 1.5;          4.9\\u3000;      false",
        "v >= 4;            4.9\\u00a0;      false",
        "v >= 4.10.0;       4.10.1\\u3000;   false",
        "v > 2025-06-01;    2026-01-01\\u2003; false",
        "v == true;         true\\u3000;     false",
        "v == \"x\";        x\\n;            false",
      })
  void typedComparison_blanksAroundTheValue_followTheDocumentedRule(
      String expr, String value, boolean expected) {
    assertThat(M.compile(expr).matches(attrs("v", unescape(value)))).isEqualTo(expected);
  }

  @Test
  void explain_numberWithAWideSpace_saysItIsNotReadable() {
    Explanation e = M.compile("v >= 1.5").explain(attrs("v", "4.9\u3000"));
    assertThat(e.matched()).isFalse();
    assertThat(e.observed()).endsWith("is neither a number nor a version");
  }

  private static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char e = s.charAt(++i);
      if (e == 'u') {
        b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
        i += 4;
      } else {
        b.append(e == 'n' ? '\n' : e == 'r' ? '\r' : '\t');
      }
    }
    return b.toString();
  }

  // ---- "A quoted value whose content is typed is read as that type" ----

  @Test
  void age_withAQuotedDuration_readsItAsADuration() {
    ManualClock clock = ManualClock.at("2026-01-01T11:00:00Z");
    Matchers m = Matchers.builder().clock(clock).build();
    Matcher quoted = m.compile("age(Last-Seen) > \"12h\"");
    assertThat(quoted.matches(attrs("Last-Seen", "2026-01-01T00:00:00Z"))).isFalse();
    clock.advance(Duration.ofHours(2));
    assertThat(quoted.matches(attrs("Last-Seen", "2026-01-01T00:00:00Z"))).isTrue();
  }

  @Test
  void age_withQuotedText_isStillAClearError() {
    MatchSyntaxException e = catchThrowableOfType(
        MatchSyntaxException.class, () -> M.compile("age(Last-Seen) > \"soon\""));
    assertThat(e.issues())
        .singleElement()
        .extracting(MatchIssue::message)
        .isEqualTo("age(..) compares with a duration such as 12h, 30m or 7d, not text");
  }

  @Test
  void bucket_withAQuotedWholeNumber_readsItAsANumber() {
    Matcher quoted = M.compile("bucket(100) < \"100\"");
    assertThat(quoted.matches(attrs("Device-Id", "DEVICEID-5@cisco.com"))).isTrue();
  }

  // ---- positions are counted in code points everywhere ----

  @Test
  void explain_afterAnEmoji_cutsEachTermsTextAtItsOwnBounds() {
    Matcher m = M.compile("a == \"x\" and N == \"\uD83D\uDCA5\" and Model == x");
    Explanation e = m.explain(attrs("a", "x", "N", "\uD83D\uDCA5", "Model", "x"));
    assertThat(e.matched()).isTrue();
    assertThat(e.children())
        .extracting(Explanation::text)
        .containsExactly("a == \"x\"", "N == \"\uD83D\uDCA5\"", "Model == x");
    assertThat(e.text()).isEqualTo(m.expression());
  }

  @Test
  void issue_afterAnEmoji_isAtTheCodePointColumnWithTheCaretUnderIt() {
    MatchSyntaxException e = catchThrowableOfType(
        MatchSyntaxException.class, () -> M.compile("N == \"\uD83D\uDCA5\" and Mem > 64Q"));
    MatchIssue i = e.issues().get(0);
    assertThat(i.column()).isEqualTo(20);
    assertThat(i.length()).isEqualTo(3);
    List<String> lines = i.render().lines().toList();
    assertThat(lines.get(1)).isEqualTo("  N == \"\uD83D\uDCA5\" and Mem > 64Q");
    assertThat(lines.get(2)).isEqualTo("  " + " ".repeat(19) + "^~~");
  }

  @Test
  void issue_inAStringAfterAnEmoji_pointsAtTheBadEscape() {
    MatchSyntaxException e = catchThrowableOfType(
        MatchSyntaxException.class, () -> M.compile("N == \"\uD83D\uDCA5\\uZZ\""));
    assertThat(e.issues().get(0).column()).isEqualTo(8);
  }

  @Test
  void issue_tooLongExpressionWithEmoji_isAtTheCodePointOfTheLimit() {
    Matchers m = Matchers.builder().maxLength(12).build();
    MatchSyntaxException e = catchThrowableOfType(
        MatchSyntaxException.class, () -> m.compile("N == \"\uD83D\uDCA5\uD83D\uDCA5\" or x == 1"));
    // The limit counts UTF-16 chars: the first 12 are 10 code points (two emoji), so column 11.
    assertThat(e.issues().get(0).column()).isEqualTo(11);
  }
}
