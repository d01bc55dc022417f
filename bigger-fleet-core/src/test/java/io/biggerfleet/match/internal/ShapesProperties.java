package io.biggerfleet.match.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The hand-written scanners that replaced regexes and {@link Duration#parse} accept exactly what those
 * did, on short words built from the characters that matter. (The tests may use JDK regexes on their
 * own bounded inputs; the engine may not.)
 */
class ShapesProperties {
  private static final Pattern SIZE = Pattern.compile("[0-9]+(\\.[0-9]+)?([KMGTP](i?B)?|B)");
  private static final Pattern DURATION = Pattern.compile("-?([0-9]+(\\.[0-9]+)?(ms|s|m|h|d|w))+");
  private static final Pattern DATE_START = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}([T ].*)?");
  private static final Pattern VERSION_LIKE = Pattern.compile("[vV]?[0-9]+(\\.[0-9]*)+([-+].*)?");
  private static final Pattern ONE_UNIT = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([A-Za-z])");
  private static final Pattern WHOLE = Pattern.compile("-?[0-9]{1,18}");
  private static final Pattern DISTANCE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(km|m|mi)");

  @Property(tries = 3000)
  void shapes_agreeWithTheRegexesTheyReplace(@ForAll("words") String w) {
    assertThat(Shapes.isSize(w)).as("size %s", w).isEqualTo(SIZE.matcher(w).matches());
    assertThat(Shapes.isDuration(w))
        .as("duration %s", w)
        .isEqualTo(DURATION.matcher(w).matches());
    assertThat(Shapes.isDateStart(w))
        .as("date %s", w)
        .isEqualTo(DATE_START.matcher(w).matches());
    assertThat(Shapes.isVersionLike(w))
        .as("version %s", w)
        .isEqualTo(VERSION_LIKE.matcher(w).matches());
    java.util.regex.Matcher unit = ONE_UNIT.matcher(w);
    assertThat(Shapes.oneUnitLetter(w))
        .as("unit %s", w)
        .isEqualTo(unit.matches() ? unit.group(2).charAt(0) : 0);
    assertThat(Shapes.isWholeNumber(w))
        .as("whole %s", w)
        .isEqualTo(WHOLE.matcher(w).matches());
    assertThat(Shapes.distanceUnitStart(w) >= 0)
        .as("distance %s", w)
        .isEqualTo(DISTANCE.matcher(w).matches());
  }

  @Property(tries = 3000)
  void isoDuration_agreesWithJavaTime(@ForAll("isoDurations") String t) {
    double expected;
    try {
      // Upper case: the JDK takes a bare lower-case "t" after the days ("P1Dt") but not "P1DT", a
      // quirk of its own; the engine reads both the same way (refused), as the ISO text is
      // case-insensitive.
      // Seconds and nanos apart: toNanos() overflows past 292 years ("P111136D"), which is not a
      // refusal of the text.
      Duration d = Duration.parse(t.toUpperCase(java.util.Locale.ROOT));
      expected = d.getSeconds() + d.getNano() / 1e9;
    } catch (DateTimeParseException | ArithmeticException e) {
      expected = Double.NaN;
    }
    assertThat(IsoDuration.seconds(t))
        .as("%s", t)
        .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Provide
  Arbitrary<String> words() {
    Arbitrary<String> pieces = Arbitraries.of(
            "1",
            "0",
            "42",
            ".",
            "-",
            "+",
            "v",
            "K",
            "M",
            "i",
            "B",
            "m",
            "s",
            "h",
            "d",
            "w",
            "ms",
            "km",
            "mi",
            "Q",
            "T",
            " ",
            "2026",
            "-01",
            "x",
            "5",
            "99999999999999999999")
        .list()
        .ofMaxSize(7)
        .map(l -> String.join("", l));
    return Arbitraries.oneOf(
        pieces, Arbitraries.strings().withChars("0123456789.-+vKMBimshdwQT: ").ofMaxLength(12));
  }

  @Provide
  Arbitrary<String> isoDurations() {
    return Arbitraries.of(
            "P", "p", "T", "t", "1", "2", "0", "36", ".", ",", "5", "-", "+", "D", "H", "M", "S",
            "d", "h", "m", "s", "W")
        .list()
        .ofMaxSize(9)
        .map(l -> String.join("", l))
        .map(s -> s.isEmpty() || s.charAt(0) != 'P' ? "P" + s : s);
  }
}
