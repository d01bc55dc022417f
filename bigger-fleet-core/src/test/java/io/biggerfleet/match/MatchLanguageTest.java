package io.biggerfleet.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.device.AttributeSource;
import io.biggerfleet.device.Attributes;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatchLanguageTest {
  private static final Matchers M = Matchers.builder().cacheSize(0).build();

  static Attributes attrs(String... kv) {
    Attributes.Builder b = Attributes.builder();
    for (int i = 0; i < kv.length; i += 2) {
      b.put(AttributeSource.SYSTEM, kv[i], kv[i + 1]);
    }
    return b.build();
  }

  static boolean eval(String expr, String... kv) {
    return M.compile(expr).matches(attrs(kv));
  }

  @Nested
  class WalkthroughForm {
    private final Attributes cisco121 = attrs("Manufacturer", "Cisco", "Model", "121XPs");
    private final Attributes cisco122 = attrs("Manufacturer", "Cisco", "Model", "122XPs");

    @Test
    void juxtaposedTerms_meanAnd() {
      Matcher m = M.compile("Manufacturer==\"Cisco\" Model==\"121XPs\"");
      assertThat(m.matches(cisco121)).isTrue();
      assertThat(m.matches(cisco122)).isFalse();
    }

    @Test
    void termsGivenAsSeparateArguments_meanTheSameAsOneExpression() {
      Matcher joined = M.compile(List.of("Manufacturer==\"Cisco\"", "Model==\"121XPs\""));
      assertThat(joined.matches(cisco121)).isTrue();
      assertThat(joined.matches(cisco122)).isFalse();
    }

    @Test
    void shellStrippedQuotes_bareWordsAreText() {
      // The shell turns Model=="121XPs" into Model==121XPs before the CLI sees it.
      Matcher m = M.compile(List.of("Manufacturer==Cisco", "Model==121XPs"));
      assertThat(m.matches(cisco121)).isTrue();
      assertThat(m.matches(cisco122)).isFalse();
    }
  }

  @ParameterizedTest(name = "{0} on a=1,b=2 → {1}")
  @CsvSource(
      delimiter = ';',
      value = {
        "a==1 and b==2;true",
        "a==1 && b==3;false",
        "a==9 or b==2;true",
        "a==9 || b==9;false",
        "!(a==1);false",
        "not a==9;true",
        "a==9 or a==1 and b==2;true",
        "(a==9 or a==1) and b==9;false",
        "a==9 or a==1 b==9;false",
        "not a==1 or b==2;true",
        "not (a==1 or b==9);false",
        "true;true",
        "false or a==1;true",
      })
  void booleanOperators_followDocumentedPrecedence(String expr, boolean expected) {
    assertThat(eval(expr, "a", "1", "b", "2")).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} on {1}={2} → {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Mem >= 64M | Mem | 512M | true",
        "Mem >= 64M | Mem | 32M | false",
        "Mem >= 64M | Mem | 67108864 | true",
        "Mem > 1G | Mem | 1.5G | true",
        "Mem < 512K | Mem | 100KiB | true",
        "Mem == 1024 | Mem | 1K | true",
        "Cores > 2 | Cores | 4 | true",
        "Cores > 2 | Cores | 10 | true",
        "Temp < -5 | Temp | -10.5 | true",
        "Ratio >= 0.5 | Ratio | 0.75 | true",
        "Mem > 64M | Mem | abc | false",
      })
  void numbersAndSizes_compareNumerically(
      String expr, String name, String value, boolean expected) {
    assertThat(eval(expr, name, value)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} on Kernel={1} → {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Kernel > 4.9.3 | 4.10.0 | true",
        "Kernel < 4.9.3 | 4.10.0 | false",
        "Kernel >= 4.10 | 4.10.0 | true",
        "Kernel == 4.10.0 | 4.10 | true",
        "Kernel > 4.9 | 4.10.1 | true",
        "Kernel < 1.0.0 | 1.0.0-rc.1 | true",
        "Kernel < 1.0.0-rc.2 | 1.0.0-rc.1 | true",
        "Kernel < 1.0.0-rc.10 | 1.0.0-rc.9 | true",
        "Kernel < 1.0.0-beta | 1.0.0-alpha.1 | true",
        "Kernel > 1.0.0-alpha | 1.0.0-alpha.1 | true",
        "Kernel == 1.0.0 | 1.0.0+build.5 | true",
        "Kernel >= 4.10.0 | v4.10.2 | true",
        "Kernel > \"4.9.3\" | 4.10.0 | true",
        "Kernel > 4.9.3 | not-a-version | false",
        "Kernel == \"4.10.0\" | 4.10 | false",
      })
  void versions_compareTheSemVerWay(String expr, String value, boolean expected) {
    assertThat(eval(expr, "Kernel", value)).isEqualTo(expected);
  }

  @Test
  void decimalLiteral_comparesNumericallyWithPlainNumbers_andVersionWiseWithVersions() {
    assertThat(eval("V > 4.10", "V", "4.9")).isTrue(); // 4.9 > 4.10 as numbers
    assertThat(eval("V > 4.10", "V", "4.9.3")).isFalse(); // 4.9.3 < 4.10 as versions
  }

  @ParameterizedTest(name = "{0} on {1} → {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Last-Seen > 2026-01-01 | 2026-03-01T10:00:00Z | true",
        "Last-Seen < 2026-01-01T00:00:00Z | 2025-12-31T23:59:59Z | true",
        "Last-Seen >= 2026-01-01T02:00:00+02:00 | 2026-01-01T00:00:00Z | true",
        "Last-Seen > 2026-01-01 | yesterday | false",
      })
  void timestamps_compareAsInstants(String expr, String value, boolean expected) {
    assertThat(eval(expr, "Last-Seen", value)).isEqualTo(expected);
  }

  @Test
  void durations_compareAsLengthsOfTime() {
    assertThat(eval("Uptime > 12h", "Uptime", "2d")).isTrue();
    assertThat(eval("Uptime > 12h", "Uptime", "1h30m")).isFalse();
    assertThat(eval("Uptime >= 90m", "Uptime", "5400")).isTrue();
  }

  @Test
  void textEquality_isExactAndCaseSensitive() {
    assertThat(eval("Model == \"121XPs\"", "Model", "121XPs")).isTrue();
    assertThat(eval("Model == '121xps'", "Model", "121XPs")).isFalse();
    assertThat(eval("Model != \"121XPs\"", "Model", "122XPs")).isTrue();
    assertThat(eval("Name == \"say \\\"hi\\\"\"", "Name", "say \"hi\"")).isTrue();
  }

  @Test
  void in_andNotIn_testMembership() {
    assertThat(eval("Model in [\"a\", \"121XPs\"]", "Model", "121XPs")).isTrue();
    assertThat(eval("Model in [a, b]", "Model", "c")).isFalse();
    assertThat(eval("Model not in [a, b]", "Model", "c")).isTrue();
    assertThat(eval("Model not in [a, b]", "Model", "a")).isFalse();
    assertThat(eval("Kernel in [4.9.3, 4.10]", "Kernel", "4.10.0")).isTrue();
    assertThat(eval("Model in []", "Model", "a")).isFalse();
  }

  @Test
  void contains_looksAtCommaSeparatedItems() {
    assertThat(eval("Fleet-Tags contains canary", "Fleet-Tags", "beta, canary,lab"))
        .isTrue();
    assertThat(eval("Fleet-Tags contains can", "Fleet-Tags", "beta, canary")).isFalse();
    assertThat(eval("Fleet-Tags contains [x, lab]", "Fleet-Tags", "beta,lab")).isTrue();
  }

  @Test
  void like_matchesWholeValueWithGlobs() {
    assertThat(eval("Device-Name like \"garden*\"", "Device-Name", "garden-7")).isTrue();
    assertThat(eval("Device-Name like \"garden*\"", "Device-Name", "my-garden")).isFalse();
    assertThat(eval("Device-Name like \"*-7\"", "Device-Name", "garden-7")).isTrue();
    assertThat(eval("Device-Name like \"*rde*\"", "Device-Name", "garden-7")).isTrue();
    assertThat(eval("Device-Name like \"g?rden-*7\"", "Device-Name", "garden-17"))
        .isTrue();
    assertThat(eval("Device-Name like \"a\\*b\"", "Device-Name", "a*b")).isTrue();
    assertThat(eval("Device-Name like \"a\\*b\"", "Device-Name", "axb")).isFalse();
  }

  @Test
  void matches_searchesWithRe2() {
    assertThat(eval("Device-Name matches \"^gw-[0-9]+$\"", "Device-Name", "gw-12"))
        .isTrue();
    assertThat(eval("Device-Name =~ \"\\d{3}\"", "Device-Name", "x123y")).isTrue();
    assertThat(eval("Device-Name matches \"(?i)GARDEN\"", "Device-Name", "garden"))
        .isTrue();
  }

  @ParameterizedTest(name = "{0} on {1} → {2}")
  @CsvSource(
      delimiter = ';',
      value = {
        "^gw-[0-9]+$;gw-12;true",
        "^gw-[0-9]+$;gx-12;false",
        "^gw-?x;gwx;true",
        "^ab*c;ac;true",
        "^ab+c;abbc;true",
        "^a|b;xb;true",
        "^(?i)gw;GW-1;true",
      })
  void matches_anchoredPatterns_agreeWithRe2(String regex, String value, boolean expected) {
    assertThat(eval("N matches \"" + regex + "\"", "N", value)).isEqualTo(expected);
  }

  @Test
  void matches_catastrophicPattern_runsInLinearTime() {
    String value = "a".repeat(10_000) + "!";
    // (a+)+$ backtracks exponentially in java.util.regex; RE2 answers at once.
    assertThat(eval("N matches \"^(a+)+$\"", "N", value)).isFalse();
  }

  @Test
  void exists_testsPresence() {
    assertThat(eval("exists(Model)", "Model", "x")).isTrue();
    assertThat(eval("exists(Serial)", "Model", "x")).isFalse();
    assertThat(eval("exists(`Serial Number`)", "Serial Number", "1")).isTrue();
  }

  @Test
  void attributeNamesWithDashesAndDots_areReadAsOneName() {
    assertThat(eval(
            "pantavisor.arch == arm64 Device-Name == gw",
            "pantavisor.arch",
            "arm64",
            "Device-Name",
            "gw"))
        .isTrue();
  }

  @Test
  void sourcePrefix_readsOneSource_andNoPrefixReadsTheWinner() {
    Attributes a = Attributes.builder()
        .put(AttributeSource.SYSTEM, "Model", "from-device")
        .put(AttributeSource.REGISTRY, "Model", "from-owner")
        .build();
    assertThat(M.compile("system:Model == from-device").matches(a)).isTrue();
    assertThat(M.compile("registry:Model == from-owner").matches(a)).isTrue();
    assertThat(M.compile("Model == from-owner").matches(a)).isTrue();
    assertThat(M.compile("fleet:Model == from-owner").matches(a)).isFalse();
  }

  @Test
  void within_usesGreatCircleDistance() {
    // Syracuse NY (43.05,-76.15) is about 55 km from (43.54,-76.12).
    assertThat(eval("Loc within 60km of (43.54,-76.12)", "Loc", "lat:43.05,lon:-76.15"))
        .isTrue();
    assertThat(eval("Loc within 50km of (43.54,-76.12)", "Loc", "lat:43.05,lon:-76.15"))
        .isFalse();
    assertThat(eval("Loc within 40mi of (43.54,-76.12)", "Loc", "43.05, -76.15"))
        .isTrue();
    assertThat(eval("Loc within 500m of (43.54,-76.12)", "Loc", "lat:43.54,lon:-76.12"))
        .isTrue();
    assertThat(eval("Loc within 50km of (43.54,-76.12)", "Loc", "somewhere")).isFalse();
  }

  @Test
  void booleans_compareCaseInsensitively() {
    assertThat(eval("Online == true", "Online", "TRUE")).isTrue();
    assertThat(eval("Online != true", "Online", "false")).isTrue();
    assertThat(eval("Online == false", "Online", "maybe")).isFalse();
  }

  @Test
  void age_readsTheInjectedClock() {
    io.biggerfleet.ManualClock clock = io.biggerfleet.ManualClock.at("2026-01-02T00:00:00Z");
    Matcher m = Matchers.builder().clock(clock).build().compile("age(Last-Seen) > 12h");
    Attributes a = attrs("Last-Seen", "2026-01-01T18:00:00Z");
    assertThat(m.matches(a)).isFalse();
    clock.advance(java.time.Duration.ofHours(7));
    assertThat(m.matches(a)).isTrue();
    assertThat(m.dependsOnTime()).isTrue();
  }

  @Test
  void matchesDevice_seesBuiltinsAndAttributes() {
    Device d = Device.builder(DeviceId.parse("DEVICEID-5@cisco.com"))
        .nick("garden-5")
        .systemAttributes(java.util.Map.of("Model", "121XPs"))
        .build();
    assertThat(M.compile("Device-Name like \"garden*\" and Model == 121XPs").matches(d))
        .isTrue();
    assertThat(M.compile("Device-Id == \"DEVICEID-5@cisco.com\"").matches(d)).isTrue();
  }

  @Test
  void compile_sameText_returnsCachedMatcher() {
    Matchers cached = Matchers.builder().build();
    assertThat(cached.compile("a==1")).isSameAs(cached.compile("a==1"));
  }

  @Test
  void compile_badExpression_throwsInvalidInputWithPosition() {
    assertThatThrownBy(() -> M.compile("Model == "))
        .isInstanceOf(io.biggerfleet.InvalidInputException.class)
        .isInstanceOfSatisfying(MatchSyntaxException.class, e -> {
          assertThat(e.issues()).hasSize(1);
          assertThat(e.issues().get(0).line()).isEqualTo(1);
          assertThat(e.issues().get(0).column()).isEqualTo(10);
        });
  }
}
