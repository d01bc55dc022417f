package io.biggerfleet.group.internal;

import io.biggerfleet.device.DeviceId;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dense ordinals for device ids, append-only: once an id has an ordinal it keeps it for the life of
 * this directory (a device that leaves the fleet and comes back gets its old ordinal again), so
 * bitmaps of ordinals taken at any time stay meaningful.
 *
 * <p>The first {@link #sortedPrefix()} ordinals were assigned in id order (at a full build) and are
 * found by binary search without any per-device map; later arrivals live in a small concurrent map.
 *
 * <p>One writer at a time (the owning {@link FleetIndex} holds its write lock); any number of
 * concurrent readers.
 */
final class DeviceDirectory {
  private volatile DeviceId[] ids;
  private volatile int size;
  private final int sortedPrefix;
  private final ConcurrentHashMap<DeviceId, Integer> tail = new ConcurrentHashMap<>();

  /** A directory whose first ordinals are {@code sorted} (ascending ids, no duplicates). */
  DeviceDirectory(DeviceId[] sorted, int count) {
    this.ids = Arrays.copyOf(sorted, Math.max(16, count + count / 8));
    this.size = count;
    this.sortedPrefix = count;
  }

  /** The ordinal of {@code id}, or -1. */
  int ordinal(DeviceId id) {
    int i = Arrays.binarySearch(ids, 0, sortedPrefix, id);
    if (i >= 0) {
      return i;
    }
    Integer o = tail.get(id);
    return o == null ? -1 : o;
  }

  /** The ordinal of {@code id}, assigning the next one if it has none. */
  int ordinalOrAdd(DeviceId id) {
    int o = ordinal(id);
    if (o >= 0) {
      return o;
    }
    DeviceId[] a = ids;
    int n = size;
    if (n == a.length) {
      a = Arrays.copyOf(a, n + (n >> 1) + 16);
    }
    a[n] = id;
    ids = a;
    tail.put(id, n);
    size = n + 1;
    return n;
  }

  DeviceId id(int ordinal) {
    return ids[ordinal];
  }

  /** Number of ordinals assigned. */
  int size() {
    return size;
  }

  /** Ordinals below this were assigned in ascending id order. */
  int sortedPrefix() {
    return sortedPrefix;
  }
}
