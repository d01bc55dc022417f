package io.biggerfleet.model;

import io.biggerfleet.InvalidInputException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A weekly maintenance window in a device's <em>local</em> wall-clock time, e.g. {@code Mon-Fri 01:00-05:00}:
 * a device may be posted only while its local time lies in the window. Syntax: an optional day list
 * ({@code Mon-Fri}, {@code Sat,Sun}, {@code Mon-Wed,Fri}; none means every day) then {@code HH:MM-HH:MM}.
 * An end at or before the start crosses midnight ({@code Fri 22:00-02:00} opens Friday night and closes
 * Saturday 02:00; the day names the opening); {@code 24:00} is the end of the day.
 *
 * <p>Open means exactly "the local wall-clock time is inside": across a DST switch a window can be
 * shorter (a spring-forward gap swallows part of it) or split (a fall-back repeat re-enters times before
 * its start); {@link #openIntervals} returns those instants exactly.
 *
 * <p>Immutable and thread-safe. Bad text fails in {@link #parse} with line:column and a caret.
 */
public final class MaintenanceWindow {
  private static final String[] DAY = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  private static final long DAY_MS = 86_400_000L;

  private final int days; // bit d (0 = Monday)
  private final int startMinute; // 0..1439
  private final int endMinute; // 1..1440; <= start: crosses midnight

  private MaintenanceWindow(int days, int startMinute, int endMinute) {
    this.days = days;
    this.startMinute = startMinute;
    this.endMinute = endMinute;
  }

  /**
   * Parses a window such as {@code Mon-Fri 01:00-05:00}.
   *
   * @throws InvalidInputException with line:column and a caret under the problem
   */
  public static MaintenanceWindow parse(String text) {
    Objects.requireNonNull(text, "window");
    String t = text.strip();
    int off = text.indexOf(t.isEmpty() ? text : t);
    if (t.isEmpty()) {
      throw error(text, 0, "is empty; expected e.g. \"Mon-Fri 01:00-05:00\"");
    }
    int sp = t.lastIndexOf(' ');
    int dayMask = 0x7f;
    String times = t;
    int timesAt = off;
    if (sp >= 0) {
      dayMask = days(text, t.substring(0, sp).strip(), off);
      times = t.substring(sp + 1);
      timesAt = off + sp + 1;
    }
    int dash = times.indexOf('-');
    if (dash < 0) {
      throw error(
          text, timesAt + times.length(), "needs a time range HH:MM-HH:MM after '" + times + "'");
    }
    int start = minute(text, times.substring(0, dash), timesAt, false);
    int end = minute(text, times.substring(dash + 1), timesAt + dash + 1, true);
    if (start == end % 1440 && end != 1440) {
      throw error(
          text,
          timesAt + dash + 1,
          "opens and closes at the same time; use 00:00-24:00 for all day");
    }
    return new MaintenanceWindow(dayMask, start, end);
  }

  private static int days(String text, String list, int at) {
    int mask = 0;
    int pos = at;
    for (String part : list.split(",", -1)) {
      int dash = part.indexOf('-');
      if (dash < 0) {
        mask |= 1 << day(text, part, pos);
      } else {
        int a = day(text, part.substring(0, dash), pos);
        int b = day(text, part.substring(dash + 1), pos + dash + 1);
        for (int d = a; ; d = (d + 1) % 7) {
          mask |= 1 << d;
          if (d == b) {
            break;
          }
        }
      }
      pos += part.length() + 1;
    }
    return mask;
  }

  private static int day(String text, String name, int at) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    for (int d = 0; d < 7; d++) {
      if (n.length() >= 3
          && DAY[d].equals(n.substring(0, 3))
          && dayName(d).toLowerCase(Locale.ROOT).startsWith(n)) {
        return d;
      }
    }
    throw error(
        text,
        at + Math.max(0, name.indexOf(name.strip())),
        "unknown day '" + name.strip()
            + "'; use Mon, Tue, Wed, Thu, Fri, Sat, Sun (ranges like Mon-Fri, lists like Sat,Sun)");
  }

  private static int minute(String text, String hm, int at, boolean end) {
    int colon = hm.indexOf(':');
    try {
      if (colon < 1 || hm.length() - colon != 3) {
        throw new NumberFormatException();
      }
      int h = Integer.parseInt(hm.substring(0, colon));
      int m = Integer.parseInt(hm.substring(colon + 1));
      if (hm.charAt(0) == '-'
          || h < 0
          || m < 0
          || m > 59
          || h > 24
          || (h == 24 && (m != 0 || !end))) {
        throw new NumberFormatException();
      }
      return h * 60 + m;
    } catch (NumberFormatException e) {
      throw error(
          text,
          at,
          "'" + hm + "' is not a time; expected HH:MM (00:00 to 23:59"
              + (end ? ", or 24:00)" : ")"));
    }
  }

  private static InvalidInputException error(String text, int pos, String problem) {
    return new InvalidInputException("window: " + problem + " at 1:" + (pos + 1) + "\n  " + text
        + "\n  " + " ".repeat(Math.max(0, pos)) + "^");
  }

  private static String dayName(int d) {
    String n = DayOfWeek.of(d + 1).name();
    return n.charAt(0) + n.substring(1).toLowerCase(Locale.ROOT);
  }

  /** Minutes after local midnight at which the window opens. */
  public int startMinute() {
    return startMinute;
  }

  /** Minutes after local midnight of the opening day at which it closes (may exceed 1440 − start crossing midnight: see class). */
  public int endMinute() {
    return endMinute;
  }

  private boolean crossesMidnight() {
    return endMinute <= startMinute;
  }

  private boolean opensOn(DayOfWeek d) {
    return (days & (1 << (d.getValue() - 1))) != 0;
  }

  /** True if a device in {@code zone} is inside the window at {@code t}. */
  public boolean isOpen(Instant t, ZoneId zone) {
    LocalDateTime l = LocalDateTime.ofInstant(t, zone);
    int m = l.getHour() * 60 + l.getMinute();
    DayOfWeek d = l.getDayOfWeek();
    if (!crossesMidnight()) {
      return opensOn(d) && m >= startMinute && m < endMinute;
    }
    return (opensOn(d) && m >= startMinute) || (opensOn(d.minus(1)) && m < endMinute);
  }

  /**
   * The first instant at or after {@code t} at which the window is open in {@code zone} ({@code t}
   * itself if open now).
   */
  public Instant nextOpen(Instant t, ZoneId zone) {
    long ms = t.toEpochMilli();
    for (int week = 0; week < 4; week++) {
      long[] iv = openIntervals(zone, ms, ms + 8 * DAY_MS);
      if (iv.length > 0) {
        return Instant.ofEpochMilli(iv[0]);
      }
      ms += 8 * DAY_MS;
    }
    throw new IllegalStateException(
        "window " + this + " never opens in " + zone); // every day list opens weekly
  }

  /** Total open milliseconds in {@code [from, to)} in {@code zone}. */
  public long openMillis(long from, long to, ZoneId zone) {
    long[] iv = openIntervals(zone, from, to);
    long sum = 0;
    for (int k = 0; k < iv.length; k += 2) {
      sum += iv[k + 1] - iv[k];
    }
    return sum;
  }

  /**
   * The open intervals within {@code [from, to)} (epoch milliseconds) in {@code zone}, clipped to it,
   * sorted and merged: {@code [start0, end0, start1, end1, ...]}, each end exclusive.
   */
  public long[] openIntervals(ZoneId zone, long from, long to) {
    List<long[]> out = new ArrayList<>();
    if (to <= from) {
      return new long[0];
    }
    ZoneRules rules = zone.getRules();
    LocalDate first = LocalDateTime.ofEpochSecond(Math.floorDiv(from, 1000), 0, ZoneOffset.UTC)
        .toLocalDate()
        .minusDays(2);
    LocalDate last = LocalDateTime.ofEpochSecond(Math.floorDiv(to, 1000), 0, ZoneOffset.UTC)
        .toLocalDate()
        .plusDays(2);
    int end = crossesMidnight() ? endMinute + 1440 : endMinute;
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      if (!opensOn(d.getDayOfWeek())) {
        continue;
      }
      long l1 = d.toEpochDay() * DAY_MS + startMinute * 60_000L; // local wall time as if UTC
      long l2 = d.toEpochDay() * DAY_MS + end * 60_000L;
      addWallRange(rules, l1, l2, from, to, out);
    }
    out.sort((a, b) -> Long.compare(a[0], b[0]));
    long[] merged = new long[out.size() * 2];
    int n = 0;
    for (long[] iv : out) {
      if (n > 0 && iv[0] <= merged[n - 1]) {
        merged[n - 1] = Math.max(merged[n - 1], iv[1]);
      } else {
        merged[n++] = iv[0];
        merged[n++] = iv[1];
      }
    }
    return java.util.Arrays.copyOf(merged, n);
  }

  /**
   * Adds the instants whose local wall time (as epoch millis "as if UTC") lies in {@code [l1, l2)}: per
   * segment of constant offset, {@code [l1 - off, l2 - off)} clipped to the segment and to {@code [from, to)}.
   */
  private static void addWallRange(
      ZoneRules rules, long l1, long l2, long from, long to, List<long[]> out) {
    long lo = Math.max(from, l1 - 18 * 3_600_000L);
    long hi = Math.min(to, l2 + 18 * 3_600_000L);
    long seg = lo;
    while (seg < hi) {
      Instant at = Instant.ofEpochMilli(seg);
      long off = rules.getOffset(at).getTotalSeconds() * 1000L;
      long segEnd = hi;
      if (!rules.isFixedOffset()) {
        ZoneOffsetTransition next = rules.nextTransition(at);
        if (next != null) {
          segEnd = Math.min(hi, next.toEpochSecond() * 1000L);
        }
      }
      long a = Math.max(seg, l1 - off);
      long b = Math.min(segEnd, l2 - off);
      if (a < b) {
        out.add(new long[] {a, b});
      }
      seg = segEnd;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MaintenanceWindow
        && ((MaintenanceWindow) o).days == days
        && ((MaintenanceWindow) o).startMinute == startMinute
        && ((MaintenanceWindow) o).endMinute == endMinute;
  }

  @Override
  public int hashCode() {
    return (days * 31 + startMinute) * 31 + endMinute;
  }

  /** The canonical text, which {@link #parse} reads back: {@code Mon-Fri 01:00-05:00}. */
  @Override
  public String toString() {
    return daysText()
        + String.format(
            Locale.ROOT,
            "%02d:%02d-%02d:%02d",
            startMinute / 60,
            startMinute % 60,
            endMinute / 60,
            endMinute % 60);
  }

  private String daysText() {
    if (days == 0x7f) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    int d = 0;
    while (d < 7) {
      if ((days & (1 << d)) == 0) {
        d++;
        continue;
      }
      int e = d;
      while (e + 1 < 7 && (days & (1 << (e + 1))) != 0) {
        e++;
      }
      parts.add(
          e == d
              ? dayName(d).substring(0, 3)
              : dayName(d).substring(0, 3) + "-" + dayName(e).substring(0, 3));
      d = e + 1;
    }
    return String.join(",", parts) + " ";
  }
}
