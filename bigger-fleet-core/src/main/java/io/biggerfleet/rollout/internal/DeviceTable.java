package io.biggerfleet.rollout.internal;

import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.AbortRule;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.spi.Versioned;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
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
final class DeviceTable {
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
  /**
   * Devices FAILED for good that match abort rules of their step: index → bit mask of the rules (rule k
   * → bit k). Only steps with abort rules keep entries; failures are few, so a map is enough.
   */
  final Map<Integer, Long> abortHits = new HashMap<>();
  /** Device-local zones and the current step's window schedule; null if no step has a window. */
  DeviceZones zones;
  /**
   * Partitioned driving ({@link PartitionKeeper}): the partitions this instance holds, or null when the
   * rollout is not partitioned (every device is this instance's).
   */
  java.util.BitSet mine;
  /**
   * True for the lead's plan kept from an earlier round while other instances hold partitions: the
   * records of their partitions may have moved on (QUEUED → POSTING → POSTED, a refused post FAILED)
   * without this plan knowing; progress from the feeds is applied, so counts of reported devices are
   * right. The gate does not decide on such a plan ({@link GateKeeper}): it is reloaded first.
   */
  boolean othersStale;
  /** Partitions per rollout, when {@link #mine} is set. */
  int partitionCount = 1;
  /** The partition of each device, computed on first use. */
  private short[] partitionOf;
  /**
   * True if this instance holds the rollout's own lease: it reads the feeds, takes the rollout-level
   * decisions and writes the rollout record. False for an instance that only posts its partitions: its
   * writes are device records and events, fenced by its partition leases.
   */
  boolean lead = true;

  DeviceTable(
      Rollout rollout, long version, DeviceId[] ids, byte[] step, byte[] status, int[] spread) {
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

  /** The plan of a stored rollout and its stored progress records (any order). Pure. */
  static DeviceTable of(Versioned<Rollout> vr, List<Versioned<DeviceRolloutProgress>> recs) {
    Rollout r = vr.value();
    int n = recs.size();
    DeviceId[] ids = new DeviceId[n];
    byte[] step = new byte[n];
    byte[] status = new byte[n];
    for (int i = 0; i < n; i++) {
      DeviceRolloutProgress rec = recs.get(i).value();
      ids[i] = rec.device();
      step[i] = (byte) rec.step();
      status[i] = (byte) rec.status().ordinal();
    }
    int[] spread = derivedSpreads(r.name(), ids);
    DeviceTable p = new DeviceTable(r, vr.version(), ids, step, status, spread);
    for (int i = 0; i < n; i++) {
      DeviceRolloutProgress rec = recs.get(i).value();
      if (rec.status() == DeviceStatus.WAITING && rec.dueAt().isPresent()) {
        p.setDue(i, rec.dueAt().get());
      }
      if (rec.status() == DeviceStatus.POSTING) {
        p.posting.add(i);
      }
      p.noteFailure(i, rec);
    }
    return p;
  }

  /**
   * The spread of each device (ids sorted): one merge pass over the store's sorted device list
   * {@code all} instead of a lookup per device; a device the list does not hold falls back to
   * {@link Device#systemIdOf}.
   */
  static int[] spreads(String rollout, DeviceId[] sortedIds, List<Versioned<Device>> all) {
    int[] out = new int[sortedIds.length];
    int j = 0;
    for (int i = 0; i < sortedIds.length; i++) {
      DeviceId id = sortedIds[i];
      while (j < all.size() && all.get(j).value().id().compareTo(id) < 0) {
        j++;
      }
      long sys = j < all.size() && all.get(j).value().id().equals(id)
          ? all.get(j).value().systemId()
          : Device.systemIdOf(id);
      out[i] = Spread.of(rollout, sys);
    }
    return out;
  }

  /**
   * The spreads of a plan being reloaded, from the ids alone: a device's system id is derived from its
   * id ({@link Device#systemIdOf}) and every store keeps that value, so this equals {@link #spreads}
   * without reading every device back from the store — which, on a database, costs far more than
   * hashing the ids (a CLI reloads the plan on every command).
   */
  static int[] derivedSpreads(String rollout, DeviceId[] ids) {
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = Spread.of(rollout, Device.systemIdOf(ids[i]));
    }
    return out;
  }

  /** Holds partitioned driving: this instance's partitions among {@code count}, and whether it leads. */
  void partitions(java.util.BitSet held, int count, boolean leads) {
    this.mine = held;
    this.partitionCount = count;
    this.lead = leads;
  }

  /** The partition of device {@code i} (0 when not partitioned). */
  int partition(int i) {
    if (mine == null) {
      return 0;
    }
    if (partitionOf == null) {
      partitionOf = new short[ids.length];
      for (int k = 0; k < ids.length; k++) {
        partitionOf[k] = (short) PartitionKeeper.of(ids[k], partitionCount);
      }
    }
    return partitionOf[i];
  }

  /** True if this instance posts device {@code i}: always, unless partitioned and not in a held partition. */
  boolean mine(int i) {
    return mine == null || mine.get(partition(i));
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

  /** Mirrors whether record {@code rec} of device {@code i} counts for its step's abort rules. */
  void noteFailure(int i, DeviceRolloutProgress rec) {
    List<AbortRule> rules = rollout.config(step[i]).guards().abortRules();
    if (rules.isEmpty() && abortHits.isEmpty()) {
      return;
    }
    long mask = 0;
    if (rec.status() == DeviceStatus.FAILED) {
      for (int k = 0; k < rules.size() && k < 64; k++) {
        if (rules.get(k).matches(rec.deviceStatus(), rec.message())) {
          mask |= 1L << k;
        }
      }
    }
    if (mask == 0) {
      abortHits.remove(i);
    } else {
      abortHits.put(i, mask);
    }
  }

  /** Devices of {@code stepNumber} counted for its abort rule {@code rule}. */
  int abortHits(int stepNumber, int rule) {
    int n = 0;
    for (Map.Entry<Integer, Long> e : abortHits.entrySet()) {
      if (step[e.getKey()] == stepNumber && (e.getValue() & (1L << rule)) != 0) {
        n++;
      }
    }
    return n;
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
    return count(DeviceStatus.POSTING)
        + count(DeviceStatus.POSTED)
        + count(DeviceStatus.IN_PROGRESS);
  }

  /**
   * Before deciding posts at {@code now}: if the current step has a maintenance window and its schedule
   * is not worked out for the step's start, works it out (due times, order by due time) and restarts
   * the walk of the step's order.
   */
  void scheduleCurrentStep(Instant now) {
    int s = rollout.run().currentStep();
    if (zones == null || s < 1 || s > rollout.stepCount() || rollout.pacing(s).window() == null) {
      return;
    }
    long start = rollout.run().stepStartedAt().orElse(now).toEpochMilli();
    if (zones.scheduledStep != s || zones.scheduledStart != start) {
      zones.schedule(
          this, s, rollout.pacing(s).window(), start, rollout.config(s).window().toMillis());
      pos = 0;
    }
  }

  /** Bytes of plan state per device, for reports (arrays only; ids are shared with the store). */
  static int bytesPerDevice() {
    // id reference (4 with compressed oops) + step 1 + status 1 + spread 4 + order 4
    return 14;
  }
}
