package io.biggerfleet.pantahub.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SimClockTest {
  @Test
  void advanceAndSet_moveForward_andAZoneViewSharesTheTime() {
    SimClock c = SimClock.at("2026-01-05T09:00:00Z");
    java.time.Clock berlin = c.withZone(ZoneId.of("Europe/Berlin"));
    assertThat(c.advance(Duration.ofMinutes(5))).isEqualTo(Instant.parse("2026-01-05T09:05:00Z"));
    c.set(Instant.parse("2026-01-06T00:00:00Z"));
    assertThat(berlin.instant()).isEqualTo(Instant.parse("2026-01-06T00:00:00Z"));
  }

  @Test
  void goingBackwards_isRefusedNamingBothTimes() {
    SimClock c = SimClock.at("2026-01-05T09:00:00Z");
    assertThatThrownBy(() -> c.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("backwards");
    assertThatThrownBy(() -> c.set(Instant.parse("2026-01-05T08:00:00Z")))
        .hasMessageContaining("2026-01-05T09:00:00Z")
        .hasMessageContaining("2026-01-05T08:00:00Z");
    assertThat(c.instant()).isEqualTo(Instant.parse("2026-01-05T09:00:00Z"));
  }

  @Test
  void simulatorAdvance_movesItsSimClock_throughEveryDueAction() {
    SimClock c = SimClock.at("2026-01-05T09:00:00Z");
    try (PantahubSimulator sim = PantahubSimulator.builder().clock(c).start()) {
      assertThat(sim.advance(Duration.ofHours(1))).isEqualTo(Instant.parse("2026-01-05T10:00:00Z"));
      assertThat(c.instant()).isEqualTo(Instant.parse("2026-01-05T10:00:00Z"));
    }
  }
}
