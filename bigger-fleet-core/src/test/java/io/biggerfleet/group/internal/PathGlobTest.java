package io.biggerfleet.group.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathGlobTest {
  private static boolean m(String glob, String path) {
    List<String> segs = List.of(path.substring(1).split("/"));
    return PathGlob.parse(glob).matches(segs);
  }

  @Test
  void star_matchesExactlyOneSegment() {
    assertThat(m("/co/*/121XPs", "/co/cisco/121XPs")).isTrue();
    assertThat(m("/co/*/121XPs", "/co/a/b/121XPs")).isFalse();
    assertThat(m("/co/*", "/co/cisco")).isTrue();
    assertThat(m("/co/*", "/co/cisco/121XPs")).isFalse();
  }

  @Test
  void starInsideASegment_matchesAnyRunOfCharacters() {
    assertThat(m("/co/c*o", "/co/cisco")).isTrue();
    assertThat(m("/co/c*o", "/co/cisca")).isFalse();
    assertThat(m("/co/?isco", "/co/cisco")).isTrue();
  }

  @Test
  void doubleStar_matchesZeroOrMoreSegments() {
    assertThat(m("/co/**", "/co")).isTrue();
    assertThat(m("/co/**", "/co/cisco/121XPs")).isTrue();
    assertThat(m("/**/121XPs", "/co/cisco/121XPs")).isTrue();
    assertThat(m("/**/121XPs", "/121XPs")).isTrue();
    assertThat(m("/**/121XPs", "/co/cisco")).isFalse();
  }

  @Test
  void deviceSegment_canBeMatchedAfterTheGroupPath() {
    PathGlob g = PathGlob.parse("/location/trading-floor/*");

    assertThat(g.matches(List.of("location", "trading-floor"), "DEVICEID-5@cisco.com"))
        .isTrue();
    assertThat(g.matches(List.of("location", "trading-floor"))).isFalse();
    assertThat(g.lastSegmentMatchesAnything()).isTrue();
  }

  @Test
  void manyDoubleStars_matchInPolynomialTime() {
    String glob = "/**/a".repeat(30) + "/b";
    List<String> path = java.util.Collections.nCopies(200, "a");

    assertThat(PathGlob.parse(glob).matches(path)).isFalse();
  }

  @Test
  void badGlobs_sayWhatIsWrong() {
    assertThatThrownBy(() -> PathGlob.parse("/co/a**"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'**' must be a whole segment");
    assertThatThrownBy(() -> PathGlob.parse("/co//*"))
        .hasMessageContaining("empty segment at position 5");
    assertThatThrownBy(() -> PathGlob.parse("/co/$*"))
        .hasMessageContaining("has '$' at position 5");
  }
}
