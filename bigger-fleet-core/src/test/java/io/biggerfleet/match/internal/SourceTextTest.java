package io.biggerfleet.match.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** ANTLR counts code points, Java strings count UTF-16 units: a term's text must come out whole. */
class SourceTextTest {
  @Test
  void plainSource_cutsAtTheGivenPositions() {
    SourceText s = new SourceText("Model == \"x\"");

    assertThat(s.between(0, 4)).isEqualTo("Model");
    assertThat(s.between(9, 11)).isEqualTo("\"x\"");
  }

  @Test
  void sourceWithCharactersBeyondTheBmp_countsEachAsOnePosition() {
    // "😀" is one code point but two chars: ANTLR puts "Name" at code points 7..10, chars 8..11
    SourceText s = new SourceText("\"😀\" == Name");

    assertThat(s.between(0, 2)).isEqualTo("\"😀\"");
    assertThat(s.between(7, 10)).isEqualTo("Name");
  }

  @Test
  void anEmptyNode_hasNoText() {
    assertThat(new SourceText("a").between(1, 0)).isEmpty();
  }
}
