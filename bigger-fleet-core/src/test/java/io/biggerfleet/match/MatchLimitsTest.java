package io.biggerfleet.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class MatchLimitsTest {

  @Test
  void compile_longerThanMaxLength_isRefusedBeforeParsing() {
    Matchers m = Matchers.builder().maxLength(20).build();
    MatchSyntaxException e = catchThrowableOfType(
        MatchSyntaxException.class, () -> m.compile("Model == \"0123456789abcdef\""));
    assertThat(e.issues()).singleElement().satisfies(i -> {
      assertThat(i.message())
          .isEqualTo("expression is too long: 27 characters, at most 20 are allowed");
      assertThat(i.column()).isEqualTo(21);
    });
  }

  @Test
  void compile_deeplyNestedParentheses_isAClearErrorNotAStackOverflow() {
    String deep = "(".repeat(100_000) + "a==1" + ")".repeat(100_000);
    Matchers m = Matchers.builder().maxLength(1_000_000).build();
    MatchSyntaxException e =
        catchThrowableOfType(MatchSyntaxException.class, () -> m.compile(deep));
    assertThat(e.issues()).singleElement().satisfies(i -> {
      assertThat(i.message()).contains("nested too deeply: more than 32 levels");
      assertThat(i.column()).isEqualTo(33);
    });
  }

  @Test
  void compile_longRunOfNots_countsTowardsDepth() {
    String nots = "not ".repeat(50) + "a==1";
    assertThatThrownBy(() -> Matchers.standard().compile(nots))
        .isInstanceOf(MatchSyntaxException.class)
        .hasMessageContaining("nested too deeply");
  }

  @Test
  void compile_nestingAtTheLimit_compiles() {
    String ok = "(".repeat(31) + "a==1" + ")".repeat(31);
    assertThat(Matchers.standard().compile(ok).matches(MatchLanguageTest.attrs("a", "1")))
        .isTrue();
  }

  @Test
  void compile_manyErrors_reportsAtMostMaxErrors() {
    Matchers m = Matchers.builder().maxErrors(3).build();
    String bad = "a > 1Q b > 2Q c > 3Q d > 4Q e > 5Q";
    MatchSyntaxException e = catchThrowableOfType(MatchSyntaxException.class, () -> m.compile(bad));
    assertThat(e.issues()).hasSize(3);
    assertThat(e.issues()).extracting(MatchIssue::column).containsExactly(5, 12, 19);
  }

  @Test
  void compile_longFlatExpression_withinLimits_compilesWithoutDeepRecursion() {
    StringBuilder b = new StringBuilder("a==0");
    for (int i = 1; i < 400; i++) {
      b.append(" or a==").append(i);
    }
    Matchers m = Matchers.builder().maxLength(10_000).build();
    assertThat(m.compile(b.toString()).matches(MatchLanguageTest.attrs("a", "399")))
        .isTrue();
  }

  @Test
  void builder_outOfRangeLimit_isRefusedWithItsName() {
    assertThatThrownBy(() -> Matchers.builder().maxDepth(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxDepth must be from 1 to 200, got 0");
  }
}
