package io.biggerfleet.match;

import static io.biggerfleet.match.MatchLanguageTest.attrs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.biggerfleet.device.Attributes;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The inputs of issue 19's table: each once made the engine throw something other than
 * {@link MatchSyntaxException} (or exhaust the stack or heap of the caller). Each must now either
 * compile and evaluate, or be refused with a located, readable issue.
 */
class MatchHostileInputTest {
  private static final Matchers M = Matchers.builder().cacheSize(0).build();
  private static final Attributes SAMPLE =
      attrs("s", "x,y", "Fleet-Tags", "lab, canary", "N", "gw-1", "Model", "121XPs", "a", "5");

  /** Runs {@code work} on a new thread with the JVM's default stack size and returns its result. */
  static <T> T onDefaultStack(Supplier<T> work) throws InterruptedException {
    AtomicReference<Object> out = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        out.set(work.get());
      } catch (Throwable e) {
        out.set(e);
      }
    });
    t.start();
    t.join();
    if (out.get() instanceof Throwable) {
      throw new AssertionError("failed on a default-size stack", (Throwable) out.get());
    }
    @SuppressWarnings("unchecked")
    T result = (T) out.get();
    return result;
  }

  private static MatchIssue refused(Matchers m, String expression) {
    MatchSyntaxException e =
        catchThrowableOfType(MatchSyntaxException.class, () -> m.compile(expression));
    String shown = expression.length() > 80 ? expression.substring(0, 80) + "..." : expression;
    assertThat(e).as("a MatchSyntaxException for %s", shown).isNotNull();
    assertThat(e.getMessage()).contains("^");
    return e.issues().get(0);
  }

  // ---- duplicates in lists ----

  @Test
  void contains_listWithDuplicates_compilesAndMatches() {
    Matcher m = M.compile("s contains[\"x\",x]");
    assertThat(m.matches(SAMPLE)).isTrue();
    assertThat(m.structure()).isEqualTo(new MatchNode.ItemIn(AttributeRef.of("s"), Set.of("x")));
  }

  @Test
  void contains_tagListWithTheSameTagTwice_isTheSameAsOnce() {
    Matcher twice = M.compile("Fleet-Tags contains [canary, canary]");
    assertThat(twice.matches(SAMPLE)).isTrue();
    assertThat(twice.matches(attrs("Fleet-Tags", "lab"))).isFalse();
    assertThat(twice.structure())
        .isEqualTo(M.compile("Fleet-Tags contains [canary]").structure());
  }

  @Test
  void in_listsWithDuplicates_areTheSameAsWithout() {
    assertThat(M.compile("a in [5, 5, \"5\"]").matches(SAMPLE)).isTrue();
    assertThat(M.compile("Model not in [x, x, 'x']").matches(SAMPLE)).isTrue();
    assertThat(M.compile("Model in [x, 121XPs, x, 121XPs]").structure())
        .isEqualTo(new MatchNode.ValueIn(AttributeRef.of("Model"), Set.of("x", "121XPs")));
  }

  // ---- the duration classifier ----

  @Test
  void compare_longRepeatedDuration_isAHandScannedDurationNotAStackOverflow()
      throws InterruptedException {
    String expr = "a > " + "1h".repeat(2000);
    Matcher m = onDefaultStack(() -> M.compile(expr));
    assertThat(m.matches(attrs("a", "2001h"))).isTrue();
    assertThat(m.matches(attrs("a", "1999h"))).isFalse();
  }

  @Test
  void compare_longQuotedDuration_isReadAsADuration() throws InterruptedException {
    String expr = "a > \"" + "1m".repeat(2000) + "\"";
    Matcher m = onDefaultStack(() -> M.compile(expr));
    assertThat(m.matches(attrs("a", "34h"))).isTrue();
  }

  // ---- regexes ----

  @Test
  void regex_emptyGroupsRepeatedThousandsOfTimes_isRefusedAtCompileTime()
      throws InterruptedException {
    MatchIssue i = onDefaultStack(() -> refused(M, "N =~ '(?:($){3}){1000}'"));
    assertThat(i.message()).startsWith("regular expression repeats too much:");
    assertThat(i.column()).isEqualTo(6);
    assertThat(i.length()).isEqualTo("'(?:($){3}){1000}'".length());
  }

  @Test
  void regex_nestedCountedRepeatsOfEmptyGroups_isRefusedAtCompileTime()
      throws InterruptedException {
    MatchIssue i = onDefaultStack(() -> refused(M, "Model=~'((){100}){100}'"));
    assertThat(i.message())
        .isEqualTo("regular expression repeats too much: counted repetitions nested"
            + " inside each other multiply to 10000, at most 1000 are allowed");
  }

  @Test
  void regex_hugeCountedRepetitions_isRefusedBeforeRe2jBuildsIt() throws InterruptedException {
    MatchIssue i = onDefaultStack(() -> refused(M, "N =~ '((((a{100}){100}){100}){100})'"));
    assertThat(i.message()).contains("multiply to 10000,");
  }

  @Test
  void regex_countedRepeatsOfEmptyGroups_countToo() throws InterruptedException {
    // Found by the long fuzz run: an empty group is still repeated (and expanded) by RE2/J.
    MatchIssue i =
        onDefaultStack(() -> refused(M, "Model =~ '(?:(?:(?:(?:(?:)){564}){651}){641}){417}'"));
    assertThat(i.message()).contains("multiply to 367164,");
  }

  @Test
  void regex_largeButFlatRepetition_isRefusedForItsProgramSize() throws InterruptedException {
    String expr = "N =~ '(?:" + "abcdefghij".repeat(20) + "){1000}'";
    Matchers big = Matchers.builder().maxLength(10_000).build();
    MatchIssue i = onDefaultStack(() -> refused(big, expr));
    assertThat(i.message()).startsWith("regular expression is too large:").contains("at most 500");
  }

  @Test
  void regex_justOverTheProgramSize_isRefusedWithItsExactSize() {
    MatchIssue i = refused(M, "N =~ '^(?:a?){247}gw-1$'");
    assertThat(i.message())
        .isEqualTo("regular expression is too large: 502 instructions when compiled, at most"
            + " 500 are allowed; simplify it, or use like, in or contains");
  }

  @Test
  void regex_capturingGroups_areNotPaidFor() {
    // Found by the long fuzz run: (?:.*()){331} took 276 ms on a 2,000-character value, most of it
    // copying capture slots. A term only asks whether the pattern is found, so groups do not
    // capture.
    Matcher m = M.compile("N =~ '^(g)(w)-(?P<n>[0-9]+)$' and N =~ '(?:.*()){160}'");
    assertThat(m.matches(SAMPLE)).isTrue();
    assertThat(m.matches(attrs("N", "gw-x"))).isFalse();
  }

  @Test
  void regex_groupsNestedTooDeeply_isRefused() throws InterruptedException {
    String expr = "N =~ '" + "(".repeat(150) + "a" + ")".repeat(150) + "'";
    MatchIssue i = onDefaultStack(() -> refused(M, expr));
    assertThat(i.message())
        .isEqualTo(
            "regular expression nests groups too deeply: more than 100 levels of" + " parentheses");
  }

  @Test
  void regex_theLargestAcceptedEmptyLoop_evaluatesAndExplainsOnADefaultStack()
      throws InterruptedException {
    // 246 optional items in a row compile to 500 instructions, nearly all one chain of empty moves:
    // the longest the bounds let through.
    Matcher m = M.compile(
        "N =~ '^(?:a?){246}gw-1$' or N =~ '(?:(?:$){10}){45}x' or N =~ '(?:(?:a?){4}){61}'");
    String explained =
        onDefaultStack(() -> m.matches(SAMPLE) + " " + m.explain(SAMPLE).matched());
    assertThat(explained).isEqualTo("true true");
  }

  @Test
  void like_globWithThousandsOfStars_evaluatesOnADefaultStack() throws InterruptedException {
    Matchers big = Matchers.builder().maxLength(10_000).build();
    Matcher m = big.compile(
        "N like \"" + "*?".repeat(1000) + "*\" or N like \"" + "*".repeat(4000) + "1\"");
    assertThat(onDefaultStack(() -> m.matches(SAMPLE))).isTrue();
  }

  // ---- literal and list bounds; nesting ----

  @Test
  void literal_longerThanTheLimit_isRefusedWithItsLength() {
    Matchers big = Matchers.builder().maxLength(100_000).build();
    MatchIssue i = refused(big, "Model == \"" + "x".repeat(5000) + "\"");
    assertThat(i.message())
        .isEqualTo("literal is too long: 5000 characters, at most 4096 are allowed");
    assertThat(i.column()).isEqualTo(10);
  }

  @Test
  void list_longerThanTheLimit_isRefusedAtTheFirstExtraElement() {
    Matchers big = Matchers.builder().maxLength(100_000).build();
    StringBuilder b = new StringBuilder("Model in [");
    for (int k = 0; k < 10_001; k++) {
      b.append(k == 0 ? "" : ",").append('x').append(k);
    }
    MatchIssue i = refused(big, b.append(']').toString());
    assertThat(i.message())
        .isEqualTo("list is too long: 10001 elements, at most 10000 are allowed");
  }

  @Test
  void nesting_atTheHighestMaxDepth_compilesEvaluatesAndExplainsOnADefaultStack()
      throws InterruptedException {
    Matchers deep = Matchers.builder().maxDepth(200).build();
    String expr = "(!(a==1 or ".repeat(66) + "a==5" + "))".repeat(66);
    String out = onDefaultStack(() -> {
      Matcher m = deep.compile(expr);
      Explanation e = m.explain(SAMPLE);
      return m.matches(SAMPLE) + " " + e.matched() + " " + e.equals(m.explain(SAMPLE)) + " "
          + e.toString().startsWith("yes");
    });
    assertThat(out).isEqualTo("true true true true");
  }
}
