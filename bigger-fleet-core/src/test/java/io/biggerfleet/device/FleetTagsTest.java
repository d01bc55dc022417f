package io.biggerfleet.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FleetTagsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "canary",
        "canary1",
        "conservative",
        "TAG1",
        "ring:0",
        "beta-device",
        "a.b_c",
        "9lives"
      })
  void checkTag_acceptsTagsOfTheAllowedSet(String tag) {
    assertThat(FleetTags.checkTag(tag)).isEqualTo(tag);
  }

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''|blank",
        "'  '|blank",
        "has space|a space at position 4",
        "a,b|',' at position 2",
        "-lead|'-' at position 1",
        "tab\there|control character U+0009",
      })
  void checkTag_rejectsWithTheReason(String tag, String expected) {
    assertThatThrownBy(() -> FleetTags.checkTag(tag))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {FleetTags.MAX_TAG_LENGTH + 1, 10_000})
  void checkTag_rejectsOverLongTags(int length) {
    assertThatThrownBy(() -> FleetTags.checkTag("t".repeat(length)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("too long")
        .hasMessageContaining("at most " + FleetTags.MAX_TAG_LENGTH);
  }

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Owner|must start with 'Fleet-'",
        "Fleet-|must start with 'Fleet-'",
        "Fleet-Tags|kept by tag/untag",
        "Fleet-a b|a space",
      })
  void checkFleetAttributeName_rejectsWithTheReason(String name, String expected) {
    assertThatThrownBy(() -> FleetTags.checkFleetAttributeName(name))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"line\nbreak", "bell\u0007"})
  void checkFleetAttributeValue_rejectsControlCharacters(String value) {
    assertThatThrownBy(() -> FleetTags.checkFleetAttributeValue("Fleet-X", value))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Fleet-X")
        .hasMessageContaining("control character");
  }
}
