package io.biggerfleet.rollout.internal;

import io.biggerfleet.device.DeviceId;
import io.biggerfleet.rollout.DeviceStatus;
import io.biggerfleet.rollout.Rollout;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * The engine's compact, in-memory view of one running rollout: a few primitive arrays indexed by
 * device (sorted by id), a per-step order by post time, per-step counters by status, and a small
 * queue of explicit due times (retries, late joiners). The store stays the source of truth; a plan
 * is rebuilt from it whenever the stored rollout changed behind the engine's back.
 *
 * <p>About 14 bytes per device plus the (shared) {@link DeviceId} reference. Not thread-safe: the
 * engine uses it under its lock.
 */
final class Plan {
  private static final DeviceStatus[] STATUS = DeviceStatus.values();

  final String name;
  Rollout rollout;
  long version;
  final DeviceId[] ids;
  final byte[] step;
  final byte[] status;
  final int[] spread;
  /** Per step (index step-1): device indices sorted by spread (post time). */
  final int[][] order;
  /** Per step: device count by status ordinal. */
  final int[][] counts;
  final int[] statusCount = new int[STATUS.length];
  /** Next position in {@code order[currentStep-1]} still to look at. */
  int pos;
  /** Explicit due times: index → epoch millis (retries, detours, late joiners). */
  final Map<Integer, Long> explicitDue = new HashMap<>();
  final PriorityQueue<long[]> dueQueue = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
  /** Devices found in POSTING when loaded: resolve by marker before anything else. */
  final TreeSet<Integer> posting = new TreeSet<>();
  final Set<String> registries = new TreeSet<>();

  Plan(Rollout rollout, long version, DeviceId[] ids, byte[] step, byte[] status, int[] spread) {
    this.name = rollout.name();
    this.rollout = rollout;
    this.version = version;
    this.ids = ids;
    this.step = step;
    this.status = status;
    this.spread = spread;
    int steps = rollout.stepCount();
    this.counts = new int[steps][STATUS.length];
    int[] perStep = new int[steps];
    for (int i = 0; i < ids.length; i++) {
      counts[step[i] - 1][status[i]]++;
      statusCount[status[i]]++;
      perStep[step[i] - 1]++;
      registries.add(ids[i].registry());
    }
    long[][] keys = new long[steps][];
    for (int s = 0; s < steps; s++) {
      keys[s] = new long[perStep[s]];
    }
    int[] fill = new int[steps];
    for (int i = 0; i < ids.length; i++) {
      int s = step[i] - 1;
      keys[s][fill[s]++] = ((long) spread[i] << 32) | i;
    }
    this.order = new int[steps][];
    for (int s = 0; s < steps; s++) {
      Arrays.sort(keys[s]);
      order[s] = new int[keys[s].length];
      for (int k = 0; k < keys[s].length; k++) {
        order[s][k] = (int) keys[s][k];
      }
    }
  }

  int size() {
    return ids.length;
  }

  int indexOf(DeviceId id) {
    return Arrays.binarySearch(ids, id);
  }

  DeviceStatus status(int i) {
    return STATUS[status[i]];
  }

  void setStatus(int i, DeviceStatus s) {
    int old = status[i];
    if (old == s.ordinal()) {
      return;
    }
    counts[step[i] - 1][old]--;
    statusCount[old]--;
    status[i] = (byte) s.ordinal();
    counts[step[i] - 1][s.ordinal()]++;
    statusCount[s.ordinal()]++;
  }

  void setDue(int i, Instant due) {
    if (due == null) {
      explicitDue.remove(i);
      return;
    }
    long ms = due.toEpochMilli();
    explicitDue.put(i, ms);
    dueQueue.add(new long[] {ms, i});
  }

  int count(int stepNumber, DeviceStatus s) {
    return counts[stepNumber - 1][s.ordinal()];
  }

  int total(int stepNumber) {
    return order[stepNumber - 1].length;
  }

  int count(DeviceStatus s) {
    return statusCount[s.ordinal()];
  }

  /** Posted and not yet ended (including the crash window). */
  int outstanding() {
    return count(DeviceStatus.POSTING) + count(DeviceStatus.POSTED) + count(DeviceStatus.IN_PROGRESS);
  }

  /** Bytes of plan state per device, for reports (arrays only; ids are shared with the store). */
  static int bytesPerDevice() {
    // id reference (4 with compressed oops) + step 1 + status 1 + spread 4 + order 4
    return 14;
  }
}
