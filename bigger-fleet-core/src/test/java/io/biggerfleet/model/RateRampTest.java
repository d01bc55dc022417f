package io.biggerfleet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Worked numbers of {@link RateRamp}: limit = min(rate, floor(start × factor^floor(succeeded / every))). */
class RateRampTest {
  @Test
  void limit_startsAtTheStartRate_andDoublesPerFiftySucceeded_cappedByTheRate() {
    RateRamp r = RateRamp.parse("100/min", "5/min x2 every 50");
    assertThat(r.limit(0)).isEqualTo(5);
    assertThat(r.limit(49)).isEqualTo(5);
    assertThat(r.limit(50)).isEqualTo(10);
    assertThat(r.limit(150)).isEqualTo(40);
    assertThat(r.limit(200)).isEqualTo(80);
    assertThat(r.limit(250)).isEqualTo(100); // 160, capped
    assertThat(r.limit(1_000_000)).isEqualTo(100);
  }

  @Test
  void limit_withAFractionalFactor_roundsDown() {
    RateRamp r = RateRamp.parse(null, "10/min x1.5 every 10 ok");
    assertThat(r.limit(10)).isEqualTo(15);
    assertThat(r.limit(20)).isEqualTo(22); // 22.5
  }

  @Test
  void aRateAloneIsAFixedCap_andNothingIsNone() {
    assertThat(RateRamp.parse("100/min", null).limit(0)).isEqualTo(100);
    assertThat(RateRamp.parse(null, null)).isEqualTo(RateRamp.NONE);
    assertThat(RateRamp.parse("100/min", "5/min x2 every 50"))
        .hasToString("rate 100/min, ramp 5/min x2 every 50");
  }

  @Test
  void parse_badText_failsAtItsColumnWithACaret() {
    assertThatThrownBy(() -> RateRamp.parse("100/hour", null))
        .hasMessage("rate: expected a count per minute, e.g. 100/min at 1:5\n  100/hour\n      ^");
    assertThatThrownBy(() -> RateRamp.parse(null, "5/min x0.5 every 50"))
        .hasMessageStartingWith("ramp: factor must be at least 1, was 0.5 at 1:8");
  }
}
