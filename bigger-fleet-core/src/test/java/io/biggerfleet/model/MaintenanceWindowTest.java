package io.biggerfleet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Worked examples of {@link MaintenanceWindow}: parsing, and open time across DST switches. */
class MaintenanceWindowTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void parse_whenADayIsMisspelt_failsAtItsColumnWithACaret() {
    assertThatThrownBy(() -> MaintenanceWindow.parse("Mon-Fry 1:00"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "window: unknown day 'Fry'; use Mon, Tue, Wed, Thu, Fri, Sat, Sun (ranges like Mon-Fri, lists like"
                + " Sat,Sun) at 1:5\n  Mon-Fry 1:00\n      ^");
  }

  @Test
  void parse_whenTheTimeRangeIsMissing_saysWhatIsExpected() {
    assertThatThrownBy(() -> MaintenanceWindow.parse("Mon-Fri 1:00"))
        .hasMessageStartingWith("window: needs a time range HH:MM-HH:MM after '1:00' at 1:13");
    assertThatThrownBy(() -> MaintenanceWindow.parse("Mon 01:00-25:00"))
        .hasMessageStartingWith(
            "window: '25:00' is not a time; expected HH:MM (00:00 to 23:59, or 24:00) at 1:11");
  }

  @Test
  void toString_isCanonicalAndParsesBack() {
    MaintenanceWindow w = MaintenanceWindow.parse("sat,sun,mon-wed 22:00-2:00");
    assertThat(w).hasToString("Mon-Wed,Sat-Sun 22:00-02:00");
    assertThat(MaintenanceWindow.parse(w.toString())).isEqualTo(w);
    assertThat(MaintenanceWindow.parse("01:00-05:00")).hasToString("01:00-05:00");
  }

  @Test
  void isOpen_followsTheDevicesLocalClock() {
    MaintenanceWindow w = MaintenanceWindow.parse("Mon-Fri 01:00-05:00");
    // Tue 2026-03-03 00:30 UTC = 01:30 in Berlin (CET, +1): open there, closed in UTC and in Hong
    // Kong (08:30)
    Instant t = Instant.parse("2026-03-03T00:30:00Z");
    assertThat(w.isOpen(t, BERLIN)).isTrue();
    assertThat(w.isOpen(t, ZoneId.of("UTC"))).isFalse();
    assertThat(w.isOpen(t, ZoneId.of("Asia/Hong_Kong"))).isFalse();
    // Sat 2026-03-07 01:30 Berlin: a weekend day
    assertThat(w.isOpen(Instant.parse("2026-03-07T00:30:00Z"), BERLIN)).isFalse();
  }

  @Test
  void nextOpen_afterFridaysWindow_isMondayAt0100Local() {
    MaintenanceWindow w = MaintenanceWindow.parse("Mon-Fri 01:00-05:00");
    Instant fri = Instant.parse("2026-03-06T06:00:00Z"); // Fri 07:00 Berlin
    assertThat(w.nextOpen(fri, BERLIN))
        .isEqualTo(Instant.parse("2026-03-09T00:00:00Z")); // Mon 01:00 CET
  }

  @Test
  void aWindowOverTheSpringForwardGap_isOneHourShorter() {
    // Berlin, Sun 2026-03-29: 02:00 CET jumps to 03:00 CEST. A 01:00-05:00 window holds 3 hours
    // that night.
    MaintenanceWindow w = MaintenanceWindow.parse("Sun 01:00-05:00");
    long from = Instant.parse("2026-03-28T12:00:00Z").toEpochMilli();
    long[] iv = w.openIntervals(BERLIN, from, from + Duration.ofDays(1).toMillis());
    assertThat(iv)
        .containsExactly(
            Instant.parse("2026-03-29T00:00:00Z").toEpochMilli(), // 01:00 CET
            Instant.parse("2026-03-29T03:00:00Z").toEpochMilli()); // 05:00 CEST
    assertThat(Duration.ofMillis(iv[1] - iv[0])).isEqualTo(Duration.ofHours(3));
  }

  @Test
  void aWindowInsideTheGap_opensWhenTheClockLandsAfterIt() {
    // 02:00-02:30 does not exist on 2026-03-29 in Berlin: no opening that day
    MaintenanceWindow w = MaintenanceWindow.parse("02:00-02:30");
    long from = Instant.parse("2026-03-28T23:00:00Z").toEpochMilli(); // 00:00 CET on the 29th
    assertThat(w.openMillis(from, from + Duration.ofHours(24).toMillis(), BERLIN))
        .isZero();
    assertThat(w.nextOpen(Instant.ofEpochMilli(from), BERLIN))
        .isEqualTo(Instant.parse("2026-03-30T00:00:00Z"));
  }

  @Test
  void aWindowOverTheFallBackRepeat_isOpenBothTimesTheClockShowsIt() {
    // Berlin, Sun 2026-10-25: 03:00 CEST falls back to 02:00 CET. 02:00-03:00 local happens twice:
    // 2 hours open.
    MaintenanceWindow w = MaintenanceWindow.parse("Sun 02:00-03:00");
    long from = Instant.parse("2026-10-24T12:00:00Z").toEpochMilli();
    long[] iv = w.openIntervals(BERLIN, from, from + Duration.ofDays(1).toMillis());
    assertThat(iv)
        .containsExactly(
            Instant.parse("2026-10-25T00:00:00Z").toEpochMilli(), // 02:00 CEST
            Instant.parse("2026-10-25T02:00:00Z").toEpochMilli()); // 03:00 CET
  }

  @Test
  void aWindowStartingInsideTheRepeat_skipsTheEarlierClockTimesOfTheSecondPass() {
    // 02:30-04:00 on the fall-back night: open 02:30-03:00 CEST, closed 02:00-02:30 CET, open again
    // 02:30-04:00 CET
    MaintenanceWindow w = MaintenanceWindow.parse("Sun 02:30-04:00");
    long from = Instant.parse("2026-10-24T12:00:00Z").toEpochMilli();
    long[] iv = w.openIntervals(BERLIN, from, from + Duration.ofDays(1).toMillis());
    assertThat(iv)
        .containsExactly(
            Instant.parse("2026-10-25T00:30:00Z").toEpochMilli(),
                Instant.parse("2026-10-25T01:00:00Z").toEpochMilli(),
            Instant.parse("2026-10-25T01:30:00Z").toEpochMilli(),
                Instant.parse("2026-10-25T03:00:00Z").toEpochMilli());
  }

  @Test
  void aWindowAcrossMidnight_belongsToTheDayItOpens() {
    MaintenanceWindow w = MaintenanceWindow.parse("Fri 22:00-02:00");
    ZoneId utc = ZoneId.of("UTC");
    assertThat(w.isOpen(Instant.parse("2026-03-06T23:00:00Z"), utc)).isTrue(); // Fri 23:00
    assertThat(w.isOpen(Instant.parse("2026-03-07T01:59:00Z"), utc)).isTrue(); // Sat 01:59
    assertThat(w.isOpen(Instant.parse("2026-03-08T01:00:00Z"), utc)).isFalse(); // Sun 01:00
  }

  @Test
  void timeZones_readTheWalkthroughsSpellingAndRejectUnknownZones() {
    assertThat(TimeZones.parse("Asia/Hong Kong")).contains(ZoneId.of("Asia/Hong_Kong"));
    assertThat(TimeZones.parse(" Europe/Berlin ")).contains(BERLIN);
    assertThat(TimeZones.parse("Mars/Olympus Mons")).isEmpty();
    assertThatThrownBy(() -> Rollout.builder("R").timezone("Mars/Base"))
        .hasMessageContaining("timezone: unknown time zone 'Mars/Base'");
  }
}
