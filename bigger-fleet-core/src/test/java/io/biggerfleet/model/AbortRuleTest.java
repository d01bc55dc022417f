package io.biggerfleet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code abort=} rules: their syntax, their errors (column and caret), and when they trip. */
class AbortRuleTest {

  @Test
  void parse_readsEveryTerm_andPrintsTheCanonicalFormBack() {
    AbortRule r = AbortRule.parse("failed>5% status=ERROR msg~'boot.*fail' after=20");

    assertThat(r.isPercent()).isTrue();
    assertThat(r.threshold()).isEqualTo(500);
    assertThat(r.status()).contains("ERROR");
    assertThat(r.messagePattern()).contains("boot.*fail");
    assertThat(r.after()).isEqualTo(20);
    assertThat(r).hasToString("failed>5% status=ERROR msg~'boot.*fail' after=20");
    assertThat(AbortRule.parse(r.toString())).isEqualTo(r);
  }

  @Test
  void parseAll_splitsRulesAtSemicolons_outsideQuotes() {
    List<AbortRule> rules = AbortRule.parseAll("failed>3; failed>2.5% msg~\"a;b\" after=40");

    assertThat(rules)
        .extracting(AbortRule::toString)
        .containsExactly("failed>3", "failed>2.5% msg~'a;b' after=40");
    assertThat(AbortRule.parseAll("  ")).isEmpty();
  }

  @Test
  void isTripped_countsMoreThanTheThreshold_onlyOnceEnoughReported() {
    AbortRule count = AbortRule.parse("failed>2 after=10");
    AbortRule share = AbortRule.parse("failed>10%");

    assertThat(count.isTripped(3, 9)).as("too few reported yet").isFalse();
    assertThat(count.isTripped(2, 10)).as("2 is not more than 2").isFalse();
    assertThat(count.isTripped(3, 10)).isTrue();
    assertThat(share.isTripped(1, 10)).as("exactly 10%").isFalse();
    assertThat(share.isTripped(2, 19)).as("10.5%").isTrue();
  }

  @Test
  void matches_statusCaseInsensitively_andTheMessageByRegexSearch() {
    AbortRule r = AbortRule.parse("failed>0 status=error msg~'boot.*FAIL'");

    assertThat(r.matches("ERROR", "try-boot failed, rolled back")).isTrue();
    assertThat(r.matches("", "boot fail")).as("no status counts as ERROR").isTrue();
    assertThat(r.matches("WONTGO", "boot failed")).isFalse();
    assertThat(r.matches("ERROR", "disk full")).isFalse();
  }

  @Test
  void parse_unknownTerm_namesTheColumn_withACaret() {
    assertThatThrownBy(() -> AbortRule.parseAll("failed>5% stauts=ERROR"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "abort: unknown term 'stauts' (column 11); terms are failed>N, failed>N%, status=WORD, "
                + "msg~'regex', after=N\n  failed>5% stauts=ERROR\n            ^");
  }

  @Test
  void parse_badValues_areNamedWhereTheyAre() {
    assertThatThrownBy(() -> AbortRule.parseAll("failed>5x"))
        .hasMessageStartingWith(
            "abort: expected a device count (or a percentage with %), found '5x' (column 9)");
    assertThatThrownBy(() -> AbortRule.parseAll("failed>101%"))
        .hasMessageStartingWith(
            "abort: a percentage must be 0 to 100 with at most 2 decimals, was 101% (column 8)");
    assertThatThrownBy(() -> AbortRule.parseAll("status=ERROR"))
        .hasMessageStartingWith("abort: a rule needs failed>N or failed>N% (column 1)");
    assertThatThrownBy(() -> AbortRule.parseAll("failed>1 msg~'boot"))
        .hasMessageStartingWith("abort: unclosed quote (column 14)");
    assertThatThrownBy(() -> AbortRule.parseAll("failed>1 msg~'(boot'"))
        .hasMessageStartingWith("abort: bad pattern: Unclosed group");
    assertThatThrownBy(() -> AbortRule.parseAll("failed=1"))
        .hasMessage("abort: expected 'failed>' (column 7)\n  failed=1\n        ^");
  }
}
