package io.biggerfleet.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeviceIdTest {

  @Test
  void parse_walkthroughId_splitsIdAndRegistry() {
    DeviceId id = DeviceId.parse("DEVICEID-5@cisco.com");

    assertThat(id.id()).isEqualTo("DEVICEID-5");
    assertThat(id.registry()).isEqualTo("cisco.com");
    assertThat(id).hasToString("DEVICEID-5@cisco.com");
  }

  @Test
  void parse_pantahubHexIdWithPort_isAccepted() {
    DeviceId id = DeviceId.parse("6634f0c2a7b1e4001f3c9a51@127.0.0.1:8080");

    assertThat(id.registry()).isEqualTo("127.0.0.1:8080");
  }

  @Test
  void registry_isCaseInsensitive_idIsNot() {
    assertThat(DeviceId.parse("Dev@Cisco.COM")).isEqualTo(DeviceId.parse("Dev@cisco.com"));
    assertThat(DeviceId.parse("Dev@cisco.com")).isNotEqualTo(DeviceId.parse("dev@cisco.com"));
  }

  @Test
  void toString_parsesBackToEqualId() {
    DeviceId id = DeviceId.of("a.b_c-1", "Hub.example.org");

    assertThat(DeviceId.parse(id.toString())).isEqualTo(id).hasSameHashCodeAs(id);
  }

  @Test
  void ordering_isByIdThenRegistry() {
    assertThat(DeviceId.parse("DEVICEID-8@cisco.com"))
        .isLessThan(DeviceId.parse("DEVICEID-9@pantahub.com"));
    assertThat(DeviceId.parse("DEVICEID-9@pantahub.com"))
        .isLessThan(DeviceId.parse("DEVICEID-A@pantahub.com"));
    assertThat(DeviceId.parse("X@a.com")).isLessThan(DeviceId.parse("X@b.com"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "@x|empty id before '@'",
        "a@|empty registry after '@'",
        "'   '|blank",
        "noat|has no '@'",
        "a b@x.com|whitespace at position 2",
        "a@x y.com|whitespace in its registry",
        "a/b@x.com|'/' at position 2",
        "a@x.com:99999|bad port '99999'",
        "a@x.com:|bad port ''",
        "a@:80|registry without a host name",
      })
  void parse_malformedId_namesTheProblem(String text, String expected) {
    assertThatThrownBy(() -> DeviceId.parse(text))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(expected);
  }

  @Test
  void parse_overLongId_isRejectedWithTheLimit() {
    String longId = "x".repeat(DeviceId.MAX_ID_LENGTH + 1) + "@r.io";

    assertThatThrownBy(() -> DeviceId.parse(longId))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("too long")
        .hasMessageContaining(String.valueOf(DeviceId.MAX_ID_LENGTH));
    assertThat(DeviceId.parse("x".repeat(DeviceId.MAX_ID_LENGTH) + "@r.io").id())
        .hasSize(DeviceId.MAX_ID_LENGTH);
  }

  @Test
  void parse_null_namesTheArgument() {
    assertThatThrownBy(() -> DeviceId.parse(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("device id");
  }

  @Test
  void parse_controlCharacters_areEscapedInTheMessage() {
    assertThatThrownBy(() -> DeviceId.parse("a\u001b[2J@x.com"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("\\u001b")
        .hasMessageNotContaining("\u001b");
  }

  @Test
  void isValid_answersWithoutThrowing() {
    assertThat(DeviceId.isValid("a@b.c")).isTrue();
    assertThat(DeviceId.isValid("a@")).isFalse();
    assertThat(DeviceId.isValid(null)).isFalse();
  }
}
