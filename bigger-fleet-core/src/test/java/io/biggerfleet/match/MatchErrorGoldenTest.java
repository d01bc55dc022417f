package io.biggerfleet.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden-file tests: each case in {@code match/errors.golden} is {@code ### <expression>} (with
 * {@code \n} for line breaks) followed by the exact message {@link MatchSyntaxException} must carry.
 */
class MatchErrorGoldenTest {
  private static final Matchers M = Matchers.builder().cacheSize(0).build();

  record Case(String input, String expected) {}

  static List<Case> cases() throws IOException {
    String text;
    try (InputStream in = MatchErrorGoldenTest.class.getResourceAsStream("/match/errors.golden")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<Case> out = new ArrayList<>();
    String input = null;
    StringBuilder expected = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("### ")) {
        if (input != null) {
          out.add(new Case(input, expected.toString().stripTrailing()));
        }
        input = line.substring(4);
        expected.setLength(0);
      } else {
        expected.append(line).append('\n');
      }
    }
    if (input != null) {
      out.add(new Case(input, expected.toString().stripTrailing()));
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> compile_badExpression_reportsTheGoldenMessage() throws IOException {
    List<Case> cases = cases();
    assertThat(cases).hasSizeGreaterThan(25);
    return cases.stream()
        .map(c -> DynamicTest.dynamicTest("[" + c.input() + "]", () -> {
          MatchSyntaxException e = catchThrowableOfType(
              MatchSyntaxException.class, () -> M.compile(c.input().replace("\\n", "\n")));
          assertThat(e).as("expected a MatchSyntaxException for %s", c.input()).isNotNull();
          assertThat(e.getMessage().stripTrailing()).isEqualTo(c.expected());
        }));
  }
}
