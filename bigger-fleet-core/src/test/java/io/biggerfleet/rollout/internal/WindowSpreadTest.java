package io.biggerfleet.rollout.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.model.MaintenanceWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The worked example of docs/rollouts.md: a 1-day step over the EU spring-forward night, four zones. */
class WindowSpreadTest {
  static final ZoneId[] ZONES = {
    ZoneId.of("Europe/Berlin"),
    ZoneId.of("America/New_York"),
    ZoneId.of("Asia/Hong_Kong"),
    ZoneId.of("America/Los_Angeles")
  };
  static final int HALF = 1 << (Spread.BITS - 1); // u = 0.5

  final WindowSpread ws = new WindowSpread(
      MaintenanceWindow.parse("01:00-05:00"),
      ZONES,
      Instant.parse("2026-03-28T12:00:00Z").toEpochMilli(),
      Duration.ofDays(1).toMillis());

  @Test
  void
      aDeviceHalfwayThroughTheSpread_isDueHalfwayThroughItsOwnOpenTime_threeHoursInBerlinThatNight() {
    assertThat(Instant.ofEpochMilli(ws.dueMillis(0, HALF)))
        .isEqualTo("2026-03-29T01:30:00Z"); // 03:30 CEST
    assertThat(Instant.ofEpochMilli(ws.dueMillis(1, HALF)))
        .isEqualTo("2026-03-29T07:00:00Z"); // 03:00 EDT
    assertThat(Instant.ofEpochMilli(ws.dueMillis(2, HALF)))
        .isEqualTo("2026-03-28T19:00:00Z"); // 03:00 HKT
    assertThat(Instant.ofEpochMilli(ws.dueMillis(3, HALF)))
        .isEqualTo("2026-03-29T10:00:00Z"); // 03:00 PDT
  }

  @Test
  void theSpreadOfEachZoneEnds_whenItsWindowCloses_losAngelesLast() {
    assertThat(Instant.ofEpochMilli(ws.endMillis(0))).isEqualTo("2026-03-29T03:00:00Z");
    assertThat(Instant.ofEpochMilli(ws.endMillis(3))).isEqualTo("2026-03-29T12:00:00Z");
    assertThat(Instant.ofEpochMilli(ws.dueMillis(0, 0)))
        .isEqualTo("2026-03-29T00:00:00Z"); // first: 01:00 CET
  }

  @Test
  void aZoneWhoseWindowDoesNotOpenWithinTheStep_spreadsOverItsFirstOpening() {
    WindowSpread short1h = new WindowSpread(
        MaintenanceWindow.parse("01:00-05:00"),
        new ZoneId[] {ZoneId.of("UTC")},
        Instant.parse("2026-03-28T12:00:00Z").toEpochMilli(),
        Duration.ofHours(1).toMillis());
    assertThat(Instant.ofEpochMilli(short1h.dueMillis(0, HALF))).isEqualTo("2026-03-29T03:00:00Z");
    assertThat(Instant.ofEpochMilli(short1h.endMillis(0))).isEqualTo("2026-03-29T05:00:00Z");
  }
}
