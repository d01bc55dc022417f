package io.biggerfleet.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.device.Attributes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The documented truth table (docs/expressions.md, "Missing attributes"), row by row. */
class MissingAttributeTest {
  private static final Matchers M = Matchers.standard();

  @ParameterizedTest(name = "{0}: A=x → {1}, A=y → {2}, A missing → {3}")
  @CsvSource(
      delimiter = ';',
      value = {
        "A == x;            true;  false; false",
        "A != x;            false; true;  false",
        "!(A == x);         false; true;  true",
        "not A != x;        true;  false; true",
        "A in [x, z];       true;  false; false",
        "A not in [x, z];   false; true;  false",
        "!(A in [x, z]);    false; true;  true",
        "A like \"x*\";     true;  false; false",
        "A matches \"^x\";  true;  false; false",
        "A contains x;      true;  false; false",
        "exists(A);         true;  true;  false",
        "!exists(A);        false; false; true",
        "A == x or !exists(A); true; false; true",
        "A > 5;             false; false; false",
        "!(A > 5);          true;  true;  true",
      })
  void term_onMissingAttribute_followsTheTruthTable(
      String expr, boolean onX, boolean onY, boolean onMissing) {
    Matcher m = M.compile(expr);
    assertThat(m.matches(MatchLanguageTest.attrs("A", "x"))).as("A=x").isEqualTo(onX);
    assertThat(m.matches(MatchLanguageTest.attrs("A", "y"))).as("A=y").isEqualTo(onY);
    assertThat(m.matches(Attributes.empty())).as("A missing").isEqualTo(onMissing);
  }
}
