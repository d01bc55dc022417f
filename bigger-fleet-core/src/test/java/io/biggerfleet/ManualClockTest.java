package io.biggerfleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ManualClockTest {

  @Test
  void standsStill_untilAdvanced() {
    ManualClock c = ManualClock.at("2026-01-01T00:00:00Z");

    Instant first = c.instant();
    assertThat(c.instant()).isEqualTo(first).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(c.advance(Duration.ofDays(5))).isEqualTo(Instant.parse("2026-01-06T00:00:00Z"));
    assertThat(c.millis()).isEqualTo(Instant.parse("2026-01-06T00:00:00Z").toEpochMilli());
  }

  @Test
  void neverGoesBackwards() {
    ManualClock c = ManualClock.at("2026-01-01T00:00:00Z");

    assertThatThrownBy(() -> c.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> c.set(Instant.parse("2025-12-31T23:59:59Z")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(c.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void withZone_sharesTheSameTime() {
    ManualClock c = ManualClock.at("2026-01-01T00:00:00Z");
    java.time.Clock berlin = c.withZone(ZoneId.of("Europe/Berlin"));

    c.advance(Duration.ofHours(1));

    assertThat(berlin.instant()).isEqualTo(c.instant());
    assertThat(berlin.getZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
  }
}
