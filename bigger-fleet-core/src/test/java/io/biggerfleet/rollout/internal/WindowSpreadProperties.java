package io.biggerfleet.rollout.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.model.MaintenanceWindow;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Posts never fall outside device-local windows across a DST switch: over random zones (every zone the
 * JDK knows), random windows (days, start, end, across midnight or not) and step starts just before one of
 * the zone's offset transitions, every due time {@link WindowSpread} gives lies where the device's local
 * clock is inside the window, and the open intervals agree with {@link MaintenanceWindow#isOpen}.
 */
class WindowSpreadProperties {
  static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

  /** A step around one DST switch: zone, window, start, span (ms), spread values. */
  record Case(ZoneId zone, MaintenanceWindow window, long start, long span, List<Integer> us) {}

  @Provide
  Arbitrary<Case> cases() {
    List<String> ids = new ArrayList<>(new TreeSet<>(ZoneId.getAvailableZoneIds()));
    Arbitrary<ZoneId> zones = Arbitraries.of(ids).map(ZoneId::of);
    Arbitrary<Integer> dayMask = Arbitraries.integers().between(1, 127);
    Arbitrary<Integer> startMin = Arbitraries.integers().between(0, 1439);
    Arbitrary<Integer> endMin = Arbitraries.integers().between(1, 1440);
    Arbitrary<MaintenanceWindow> windows = Combinators.combine(dayMask, startMin, endMin)
        .filter((d, s, e) -> s != e % 1440 || e == 1440)
        .as(WindowSpreadProperties::window);
    Arbitrary<Long> base = Arbitraries.longs()
        .between(
            Instant.parse("2020-01-01T00:00:00Z").toEpochMilli(),
            Instant.parse("2030-01-01T00:00:00Z").toEpochMilli());
    Arbitrary<Long> before = Arbitraries.longs().between(0, 3 * 86_400_000L);
    Arbitrary<Long> span = Arbitraries.longs().between(60_000L, 5 * 86_400_000L);
    Arbitrary<List<Integer>> us =
        Arbitraries.integers().between(0, (1 << Spread.BITS) - 1).list().ofSize(20);
    return Combinators.combine(zones, windows, base, before, span, us).as((z, w, b, bf, sp, u) -> {
      ZoneOffsetTransition t = z.getRules().nextTransition(Instant.ofEpochMilli(b));
      long switchAt = t == null ? b : t.toEpochSecond() * 1000L;
      return new Case(z, w, switchAt - bf, sp, u);
    });
  }

  static MaintenanceWindow window(int mask, int start, int end) {
    List<String> days = new ArrayList<>();
    for (int d = 0; d < 7; d++) {
      if ((mask & (1 << d)) != 0) {
        days.add(DAYS[d]);
      }
    }
    return MaintenanceWindow.parse(String.join(",", days)
        + String.format(
            Locale.ROOT, " %02d:%02d-%02d:%02d", start / 60, start % 60, end / 60, end % 60));
  }

  @Property(tries = 2000)
  void postsNeverFallOutsideDeviceLocalWindows_acrossADstSwitch(@ForAll("cases") Case c) {
    WindowSpread ws = new WindowSpread(c.window(), new ZoneId[] {c.zone()}, c.start(), c.span());
    for (int u : c.us()) {
      long due = ws.dueMillis(0, u);
      assertThat(due).isGreaterThanOrEqualTo(c.start()).isLessThan(ws.endMillis(0));
      assertThat(c.window().isOpen(Instant.ofEpochMilli(due), c.zone()))
          .as(
              "%s in %s at %s (local %s)",
              c.window(),
              c.zone(),
              Instant.ofEpochMilli(due),
              Instant.ofEpochMilli(due).atZone(c.zone()))
          .isTrue();
    }
  }

  @Property(tries = 1000)
  void openIntervals_agreeWithTheLocalClock(@ForAll("cases") Case c) {
    long from = c.start();
    long to = from + c.span();
    long[] iv = c.window().openIntervals(c.zone(), from, to);
    for (int k = 0; k + 1 < iv.length; k += 2) {
      assertThat(iv[k]).isLessThan(iv[k + 1]);
      assertThat(c.window().isOpen(Instant.ofEpochMilli(iv[k]), c.zone())).isTrue();
      assertThat(c.window().isOpen(Instant.ofEpochMilli(iv[k + 1] - 1), c.zone()))
          .isTrue();
      if (iv[k + 1] < to) {
        assertThat(c.window().isOpen(Instant.ofEpochMilli(iv[k + 1]), c.zone())).isFalse();
      }
    }
    for (int u : c.us()) { // sampled instants: open exactly when inside an interval
      long t = from + Spread.offsetMillis(c.span(), u) / 60_000L * 60_000L;
      if (t >= to) {
        continue;
      }
      boolean inside = false;
      for (int k = 0; k + 1 < iv.length; k += 2) {
        inside |= t >= iv[k] && t < iv[k + 1];
      }
      assertThat(inside)
          .as("%s in %s at %s", c.window(), c.zone(), Instant.ofEpochMilli(t))
          .isEqualTo(c.window().isOpen(Instant.ofEpochMilli(t), c.zone()));
    }
  }
}
