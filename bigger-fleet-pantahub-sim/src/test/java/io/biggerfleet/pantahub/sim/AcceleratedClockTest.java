package io.biggerfleet.pantahub.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An accelerated clock starts at its base's time and runs {@code speed} times faster from there. */
class AcceleratedClockTest {
  @Test
  void aMinuteOfTheBaseClock_isAnHourAtSpeedSixty() {
    SimClock base = SimClock.at("2026-01-05T09:00:00Z");
    AcceleratedClock fast = AcceleratedClock.of(base, 60);
    assertThat(fast.instant()).isEqualTo(Instant.parse("2026-01-05T09:00:00Z"));

    base.advance(Duration.ofMinutes(1));
    assertThat(fast.instant()).isEqualTo(Instant.parse("2026-01-05T10:00:00Z"));
    base.advance(Duration.ofMillis(500));
    assertThat(fast.instant()).isEqualTo(Instant.parse("2026-01-05T10:00:30Z"));
  }

  @Test
  void speedOne_isTheBaseClock() {
    SimClock base = SimClock.at("2026-01-05T09:00:00Z");
    AcceleratedClock same = AcceleratedClock.of(base, 1);
    base.advance(Duration.ofHours(3));
    assertThat(same.instant()).isEqualTo(base.instant());
  }

  @Test
  void speedOutOfRange_isRefusedNamingTheRange() {
    SimClock base = SimClock.at("2026-01-05T09:00:00Z");
    assertThatThrownBy(() -> AcceleratedClock.of(base, 0))
        .hasMessage("speed must be in [1, 10000], was 0");
    assertThatThrownBy(() -> AcceleratedClock.of(base, 10_001))
        .hasMessage("speed must be in [1, 10000], was 10001");
  }
}
