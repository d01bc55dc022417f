package io.biggerfleet.rollout.internal;

import io.biggerfleet.model.MaintenanceWindow;
import java.time.ZoneId;

/**
 * The even spread of a step over each device's <em>open window time</em>: for a step starting at
 * {@code start} with time {@code span}, a device in zone {@code z} is due where the open time of the
 * window (in {@code z}) since {@code start} reaches {@code u × open(z)}, {@code open(z)} being the open
 * time in {@code [start, start + span)}. If the window never opens in that span for a zone, that zone's
 * devices spread over the first opening after {@code start} instead. Every due time lies inside an open
 * interval, so in the device's local window. Pure; each zone is worked out once, on first use.
 *
 * <p>Not thread-safe (lazy per-zone cache); cheap to build.
 */
final class WindowSpread {
  private final MaintenanceWindow window;
  private final ZoneId[] zones;
  private final long start;
  private final long span;
  private final long[][] intervals;
  private final long[][] cumulative;

  WindowSpread(MaintenanceWindow window, ZoneId[] zones, long startMs, long spanMs) {
    this.window = window;
    this.zones = zones;
    this.start = startMs;
    this.span = spanMs;
    this.intervals = new long[zones.length][];
    this.cumulative = new long[zones.length][];
  }

  private void compute(int z) {
    long[] iv = window.openIntervals(zones[z], start, start + span);
    if (iv.length == 0) {
      long open =
          window.nextOpen(java.time.Instant.ofEpochMilli(start), zones[z]).toEpochMilli();
      long[] next = window.openIntervals(zones[z], open, open + 3 * 86_400_000L);
      iv = new long[] {next[0], next[1]};
    }
    long[] cum = new long[iv.length / 2 + 1];
    for (int k = 0; k < iv.length / 2; k++) {
      cum[k + 1] = cum[k] + iv[2 * k + 1] - iv[2 * k];
    }
    intervals[z] = iv;
    cumulative[z] = cum;
  }

  /** The due time (epoch ms) of a device in zone {@code z} with spread {@code u} ∈ [0, 2^24). */
  long dueMillis(int z, int u) {
    if (intervals[z] == null) {
      compute(z);
    }
    long[] cum = cumulative[z];
    long[] iv = intervals[z];
    long target = Spread.offsetMillis(cum[cum.length - 1], u);
    int lo = 0;
    int hi = cum.length - 2;
    while (lo < hi) { // last k with cum[k] <= target
      int mid = (lo + hi + 1) >>> 1;
      if (cum[mid] <= target) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return iv[2 * lo] + (target - cum[lo]);
  }

  /** When the spread of zone {@code z} ends: the end of its last open interval used. */
  long endMillis(int z) {
    if (intervals[z] == null) {
      compute(z);
    }
    return intervals[z][intervals[z].length - 1];
  }
}
