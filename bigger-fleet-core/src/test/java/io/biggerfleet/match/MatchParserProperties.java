package io.biggerfleet.match;

import io.biggerfleet.device.AttributeSource;
import io.biggerfleet.device.Attributes;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Throws 100,000 random and mutated inputs at the compiler (50,000 of each kind): whatever comes in,
 * the only exception that may come out is {@link MatchSyntaxException}, and a matcher that compiles
 * evaluates without throwing.
 */
class MatchParserProperties {
  private static final Matchers M = Matchers.builder().cacheSize(0).build();
  private static final Attributes SAMPLE = Attributes.builder()
      .put(AttributeSource.SYSTEM, "Model", "121XPs")
      .put(AttributeSource.SYSTEM, "Mem", "512M")
      .put(AttributeSource.SYSTEM, "Kernel", "4.10.0")
      .put(AttributeSource.REGISTRY, "Device-Location", "lat:43.5,lon:-76.1")
      .put(AttributeSource.FLEET, "Fleet-Tags", "canary,lab")
      .build();

  private static final List<String> SEEDS = List.of(
      "Manufacturer==\"Cisco\" Model==\"121XPs\"",
      "Mem >= 64M and Kernel > 4.9.3 or not (Model in [a, 'b', 3])",
      "Fleet-Tags contains canary && Device-Name like \"garden*\" || Device-Name matches \"^gw-\\\\d+$\"",
      "bucket(100, \"r1\") < 10 and age(Last-Seen) < 12h and exists(system:`Serial No`)",
      "Device-Location within 50km of (43.54,-76.12) and Last-Seen > 2026-01-01T00:00:00Z",
      "!(registry:Model != x) and Online == true and Kernel not in [4.9.3, 4.10.0-rc.1]");

  private static final List<String> FRAGMENTS = List.of(
      "(",
      ")",
      "[",
      "]",
      ",",
      ":",
      "==",
      "!=",
      "<",
      "<=",
      ">",
      ">=",
      "=~",
      "!",
      "&&",
      "||",
      "and",
      "or",
      "not",
      "in",
      "contains",
      "like",
      "matches",
      "exists",
      "within",
      "of",
      "true",
      "false",
      "bucket(",
      "age(",
      "\"",
      "'",
      "`",
      "\\",
      "64Q",
      "4..1",
      "1e9",
      "-",
      ".",
      "*",
      "km",
      "\n",
      "\t",
      "\u0000",
      "é",
      "💥",
      "Model",
      "system:",
      "2026-02-30",
      "99999999999999999999");

  @Property(tries = 50_000, shrinking = ShrinkingMode.OFF)
  void compile_randomText_onlyEverThrowsMatchSyntaxException(@ForAll("randomText") String input) {
    compileAndEvaluate(input);
  }

  @Property(tries = 50_000, shrinking = ShrinkingMode.OFF)
  void compile_mutatedValidExpression_onlyEverThrowsMatchSyntaxException(
      @ForAll("mutated") String input) {
    compileAndEvaluate(input);
  }

  private static void compileAndEvaluate(String input) {
    Matcher m;
    try {
      m = M.compile(input);
    } catch (MatchSyntaxException e) {
      // Plain checks here: AssertJ's descriptions would dominate the cost of 100,000 tries.
      if (e.issues().isEmpty() || !e.getMessage().contains("^")) {
        throw new AssertionError("a syntax error without a located issue for: " + input, e);
      }
      return;
    }
    if (m.explain(SAMPLE).matched() != m.matches(SAMPLE)) {
      throw new AssertionError("explain and matches disagree for: " + input);
    }
  }

  @Provide
  Arbitrary<String> randomText() {
    Arbitrary<String> ascii =
        Arbitraries.strings().withCharRange(' ', '~').withChars('\n', '\t').ofMaxLength(40);
    Arbitrary<String> tokens =
        Arbitraries.of(FRAGMENTS).list().ofMaxSize(15).map(l -> String.join(" ", l));
    Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(20);
    return Arbitraries.oneOf(ascii, tokens, any);
  }

  @Provide
  Arbitrary<String> mutated() {
    Arbitrary<String> seed = Arbitraries.of(SEEDS);
    Arbitrary<Integer> position = Arbitraries.integers().between(0, 1000);
    Arbitrary<String> fragment = Arbitraries.of(FRAGMENTS);
    Arbitrary<Integer> kind = Arbitraries.integers().between(0, 3);
    return Combinators.combine(seed, position, fragment, kind, position).as((s, p, f, k, p2) -> {
      int at = p % (s.length() + 1);
      int to = Math.min(s.length(), at + p2 % 8);
      switch (k) {
        case 0:
          return s.substring(0, at) + f + s.substring(at); // insert
        case 1:
          return s.substring(0, at) + s.substring(to); // delete a span
        case 2:
          return s.substring(0, at) + f + s.substring(to); // replace a span
        default:
          return s.substring(0, at) + " " + s.substring(0, to)
              + s.substring(at); // duplicate a prefix
      }
    });
  }
}
