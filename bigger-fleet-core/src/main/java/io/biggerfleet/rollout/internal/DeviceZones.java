package io.biggerfleet.rollout.internal;

import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.MaintenanceWindow;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.TimeZones;
import io.biggerfleet.spi.Versioned;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The local time zone of each device of a plan (from its {@code Timezone} attribute; unknown or missing →
 * the rollout's default), as a small zone table plus a per-device index (2 bytes per device), and the
 * current step's window schedule: each device's due time from {@link WindowSpread}. Devices whose
 * attribute names no known zone are counted by value so the engine can report them.
 *
 * <p>Not thread-safe: part of a {@link DeviceTable}, used under the engine's lock.
 */
final class DeviceZones {
  final ZoneId[] zones;
  final short[] zone;
  /** Unknown {@code Timezone} values → number of devices (they use the rollout's default). */
  final Map<String, Integer> unknown;
  /** Per device: due time (epoch ms) in the scheduled step; valid for {@link #scheduledStep} at {@link #scheduledStart}. */
  long[] due;

  int scheduledStep;
  long scheduledStart = Long.MIN_VALUE;

  private DeviceZones(ZoneId[] zones, short[] zone, Map<String, Integer> unknown) {
    this.zones = zones;
    this.zone = zone;
    this.unknown = unknown;
  }

  /**
   * The zones of {@code sortedIds}, read in one merge pass over the store's sorted device list
   * {@code all}; a device missing there uses {@code fallback}.
   */
  static DeviceZones of(DeviceId[] sortedIds, List<Versioned<Device>> all, ZoneId fallback) {
    Map<String, Short> byText = new HashMap<>();
    List<ZoneId> table = new ArrayList<>();
    table.add(fallback);
    Map<String, Integer> unknown = new TreeMap<>();
    short[] zone = new short[sortedIds.length];
    int j = 0;
    for (int i = 0; i < sortedIds.length; i++) {
      DeviceId id = sortedIds[i];
      while (j < all.size() && all.get(j).value().id().compareTo(id) < 0) {
        j++;
      }
      String tz = j < all.size() && all.get(j).value().id().equals(id)
          ? all.get(j).value().attributes().valueOrNull(TimeZones.ATTRIBUTE)
          : null;
      if (tz == null) {
        continue; // index 0: the fallback
      }
      Short k = byText.get(tz);
      if (k == null) {
        ZoneId z = TimeZones.parse(tz).orElse(null);
        if (z == null) {
          k = -1;
        } else {
          int at = table.indexOf(z);
          if (at < 0) {
            table.add(z);
            at = table.size() - 1;
          }
          k = (short) at;
        }
        byText.put(tz, k);
      }
      if (k < 0) {
        unknown.merge(tz, 1, Integer::sum);
        continue;
      }
      zone[i] = k;
    }
    return new DeviceZones(table.toArray(new ZoneId[0]), zone, unknown);
  }

  /** True if any step of {@code r} has a maintenance window. */
  static boolean needed(Rollout r) {
    for (int s = 1; s <= r.stepCount(); s++) {
      if (r.pacing(s).window() != null) {
        return true;
      }
    }
    return false;
  }

  /** "2 devices have an unknown Timezone ('Mars/Base'); they use UTC", or empty. */
  String unknownText(ZoneId fallback) {
    if (unknown.isEmpty()) {
      return "";
    }
    int n = unknown.values().stream().mapToInt(Integer::intValue).sum();
    List<String> names = new ArrayList<>();
    unknown.keySet().stream().limit(5).forEach(v -> names.add("'" + v + "'"));
    return n + " device" + (n == 1 ? " has" : "s have") + " an unknown Timezone ("
        + String.join(", ", names) + (unknown.size() > 5 ? ", ..." : "") + "); "
        + (n == 1 ? "it uses " : "they use ") + fallback;
  }

  /**
   * Schedules step {@code s} (started at {@code startMs}, window {@code w}, time {@code spanMs}): each of
   * its devices' due time, and its order re-sorted by due time. Returns when the step's spread ends
   * (the latest end over its devices' zones).
   */
  long schedule(DeviceTable p, int s, MaintenanceWindow w, long startMs, long spanMs) {
    WindowSpread ws = new WindowSpread(w, zones, startMs, spanMs);
    if (due == null) {
      due = new long[zone.length];
    }
    int[] order = p.order[s - 1];
    long end = startMs;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i : order) {
      due[i] = ws.dueMillis(zone[i], p.spread[i]);
      end = Math.max(end, ws.endMillis(zone[i]));
      min = Math.min(min, due[i]);
      max = Math.max(max, due[i]);
    }
    int bitsI = 64 - Long.numberOfLeadingZeros(Math.max(1, due.length));
    int bitsD = order.length == 0 ? 0 : 64 - Long.numberOfLeadingZeros(max - min);
    if (bitsI + bitsD
        <= 63) { // by (due, index), packed into one long: no boxing for a million devices
      long[] keys = new long[order.length];
      for (int k = 0; k < order.length; k++) {
        keys[k] = ((due[order[k]] - min) << bitsI) | order[k];
      }
      java.util.Arrays.sort(keys);
      long mask = (1L << bitsI) - 1;
      for (int k = 0; k < order.length; k++) {
        order[k] = (int) (keys[k] & mask);
      }
    } else {
      Integer[] idx = new Integer[order.length];
      for (int k = 0; k < order.length; k++) {
        idx[k] = order[k];
      }
      long[] d = due;
      java.util.Arrays.sort(
          idx, (a, b) -> d[a] != d[b] ? Long.compare(d[a], d[b]) : Integer.compare(a, b));
      for (int k = 0; k < order.length; k++) {
        order[k] = idx[k];
      }
    }
    scheduledStep = s;
    scheduledStart = startMs;
    return end;
  }

  /** When the spread of step {@code s} of plan {@code p} would end if it started at {@code start}. */
  long spreadEnd(DeviceTable p, int s, MaintenanceWindow w, Instant start, long spanMs) {
    boolean[] seen = new boolean[zones.length];
    for (int i : p.order[s - 1]) {
      seen[zone[i]] = true;
    }
    return spreadEnd(seen, w, start, spanMs);
  }

  /** Per step (index step-1): which zones (by index) its devices are in; {@code step[i]} is device i's step. */
  boolean[][] zonesByStep(byte[] step, int steps) {
    boolean[][] out = new boolean[steps][zones.length];
    for (int i = 0; i < step.length; i++) {
      out[step[i] - 1][zone[i]] = true;
    }
    return out;
  }

  /** When a spread over the zones marked in {@code present} ends if it started at {@code start}. */
  long spreadEnd(boolean[] present, MaintenanceWindow w, Instant start, long spanMs) {
    WindowSpread ws = new WindowSpread(w, zones, start.toEpochMilli(), spanMs);
    long end = start.toEpochMilli();
    for (int z = 0; z < zones.length; z++) {
      if (present[z]) {
        end = Math.max(end, ws.endMillis(z));
      }
    }
    return end;
  }
}
