package io.biggerfleet.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.InvalidInputException;
import org.junit.jupiter.api.Test;

class GroupPathTest {

  @Test
  void parse_walkthroughPath_hasSegmentsDepthAndName() {
    GroupPath p = GroupPath.parse("/co/cisco/121XPs");

    assertThat(p.segments()).containsExactly("co", "cisco", "121XPs");
    assertThat(p.depth()).isEqualTo(3);
    assertThat(p.name()).isEqualTo("121XPs");
    assertThat(p).hasToString("/co/cisco/121XPs");
  }

  @Test
  void parse_slash_isTheRoot() {
    assertThat(GroupPath.parse("/").isRoot()).isTrue();
    assertThat(GroupPath.parse("/")).isEqualTo(GroupPath.root());
  }

  @Test
  void parse_withoutLeadingSlash_saysSoAndSuggestsTheFix() {
    assertThatThrownBy(() -> GroupPath.parse("co/cisco"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("Group path 'co/cisco' must start with '/', e.g. /co/cisco");
  }

  @Test
  void parse_emptySegment_pointsAtIt() {
    assertThatThrownBy(() -> GroupPath.parse("/co//cisco"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "Group path '/co//cisco' has an empty segment at position 5 ('//')\n  /co//cisco\n      ^");
    assertThatThrownBy(() -> GroupPath.parse("/co/"))
        .hasMessageContaining("empty segment at position 5 (trailing '/')");
  }

  @Test
  void parse_forbiddenCharacters_nameTheCharacterAndPosition() {
    assertThatThrownBy(() -> GroupPath.parse("/co/cis co"))
        .hasMessageStartingWith("Group path '/co/cis co' has a space at position 8;");
    assertThatThrownBy(() -> GroupPath.parse("/co/*"))
        .hasMessageContaining("'*' (globs select groups but cannot name one) at position 5");
    assertThatThrownBy(() -> GroupPath.parse("/co/DEVICEID-5@cisco.com"))
        .hasMessageContaining("'@' (device ids cannot be group names)");
    assertThatThrownBy(() -> GroupPath.parse("/co/-x"))
        .hasMessageContaining("'-' at position 5; a segment starts with a letter or digit");
  }

  @Test
  void parse_tooDeepOrTooLong_isRefused() {
    assertThatThrownBy(() -> GroupPath.parse("/a".repeat(GroupPath.MAX_DEPTH + 1)))
        .hasMessageContaining("too deep: more than 16 segments");
    assertThat(GroupPath.isValid("/a".repeat(GroupPath.MAX_DEPTH))).isTrue();
    assertThatThrownBy(() -> GroupPath.parse("/" + "a".repeat(GroupPath.MAX_SEGMENT_LENGTH + 1)))
        .hasMessageContaining("segment of 65 characters");
    assertThatThrownBy(() -> GroupPath.parse("/" + "abcdefgh/".repeat(29) + "x"))
        .hasMessageContaining("too long: 263 characters, at most 256");
  }

  @Test
  void isAncestorOf_respectsSegmentBoundaries() {
    GroupPath co = GroupPath.parse("/co");

    assertThat(co.isAncestorOf(GroupPath.parse("/co/cisco"))).isTrue();
    assertThat(co.isAncestorOf(GroupPath.parse("/corp"))).isFalse();
    assertThat(co.isAncestorOf(co)).isFalse();
    assertThat(GroupPath.root().isAncestorOf(co)).isTrue();
    assertThat(co.contains(co)).isTrue();
  }
}
