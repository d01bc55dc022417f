package io.biggerfleet.spi;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.Group;
import io.biggerfleet.model.Rollout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * An all-or-nothing set of writes for {@link FleetStore#write}: puts and deletes of devices, groups,
 * rollouts and per-device rollout progress, each with the version the writer expects the record to
 * have now (0 = must not exist), plus events to append.
 *
 * <p>Immutable and thread-safe once built. A batch names each record at most once.
 */
public final class WriteBatch {
  private final List<Write<DeviceId, Device>> devices;
  private final List<Write<String, Group>> groups;
  private final List<Write<String, Rollout>> rollouts;
  private final List<Write<ProgressKey, DeviceRolloutProgress>> progress;
  private final List<FleetEvent> events;
  private final List<RolloutLease> fences;

  private WriteBatch(Builder b) {
    this.devices = List.copyOf(b.devices);
    this.groups = List.copyOf(b.groups);
    this.rollouts = List.copyOf(b.rollouts);
    this.progress = List.copyOf(b.progress);
    this.events = List.copyOf(b.events);
    this.fences = List.copyOf(b.fences.values());
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<Write<DeviceId, Device>> devices() {
    return devices;
  }

  public List<Write<String, Group>> groups() {
    return groups;
  }

  public List<Write<String, Rollout>> rollouts() {
    return rollouts;
  }

  public List<Write<ProgressKey, DeviceRolloutProgress>> progress() {
    return progress;
  }

  /** Events to append, in order; their seq is assigned by the store. */
  public List<FleetEvent> events() {
    return events;
  }

  /**
   * The leases this batch is fenced by (see {@link RolloutLeases}): the store applies the batch only if
   * each is still the current, unexpired lease of its rollout, else throws
   * {@link io.biggerfleet.LeaseLostException} and writes nothing. Usually empty or one lease.
   */
  public List<RolloutLease> fences() {
    return fences;
  }

  /** True if the batch writes nothing. */
  public boolean isEmpty() {
    return devices.isEmpty()
        && groups.isEmpty()
        && rollouts.isEmpty()
        && progress.isEmpty()
        && events.isEmpty();
  }

  /** Total number of record writes and events. */
  public int size() {
    return devices.size() + groups.size() + rollouts.size() + progress.size() + events.size();
  }

  @Override
  public String toString() {
    return "WriteBatch[devices=" + devices.size() + ", groups=" + groups.size() + ", rollouts="
        + rollouts.size()
        + ", progress=" + progress.size() + ", events=" + events.size()
        + (fences.isEmpty() ? "" : ", fenced by " + fences.size() + " lease(s)") + "]";
  }

  /** Key of a {@link DeviceRolloutProgress}: rollout name and device. */
  public static final class ProgressKey implements Comparable<ProgressKey> {
    private final String rollout;
    private final DeviceId device;

    public ProgressKey(String rollout, DeviceId device) {
      this.rollout = Objects.requireNonNull(rollout, "rollout");
      this.device = Objects.requireNonNull(device, "device");
    }

    public String rollout() {
      return rollout;
    }

    public DeviceId device() {
      return device;
    }

    @Override
    public int compareTo(ProgressKey o) {
      int c = rollout.compareTo(o.rollout);
      return c != 0 ? c : device.compareTo(o.device);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ProgressKey
          && ((ProgressKey) o).rollout.equals(rollout)
          && ((ProgressKey) o).device.equals(device);
    }

    @Override
    public int hashCode() {
      return rollout.hashCode() * 31 + device.hashCode();
    }

    @Override
    public String toString() {
      return rollout + "/" + device;
    }
  }

  /**
   * One versioned write: put {@link #value()} (or delete, when empty) at {@link #key()}, if the record
   * is now at {@link #expectedVersion()} (0 = does not exist).
   *
   * @param <K> key type
   * @param <V> value type
   */
  public static final class Write<K, V> {
    private final K key;
    private final @Nullable V value;
    private final long expectedVersion;

    Write(K key, @Nullable V value, long expectedVersion) {
      this.key = key;
      this.value = value;
      this.expectedVersion = expectedVersion;
    }

    public K key() {
      return key;
    }

    /** The new value; empty for a delete. */
    public Optional<V> value() {
      return Optional.ofNullable(value);
    }

    public boolean isDelete() {
      return value == null;
    }

    public long expectedVersion() {
      return expectedVersion;
    }

    @Override
    public String toString() {
      return (value == null ? "delete " : "put ") + key + " @v" + expectedVersion;
    }
  }

  /** Collects writes. Not thread-safe. */
  public static final class Builder {
    private final List<Write<DeviceId, Device>> devices = new ArrayList<>();
    private final List<Write<String, Group>> groups = new ArrayList<>();
    private final List<Write<String, Rollout>> rollouts = new ArrayList<>();
    private final List<Write<ProgressKey, DeviceRolloutProgress>> progress = new ArrayList<>();
    private final List<FleetEvent> events = new ArrayList<>();
    // One set per kind, keyed by the record key itself: no wrapper allocated per key (activation of
    // a
    // 1,000,000-device rollout puts 1,000,000 progress keys through here).
    private final Map<String, Set<Object>> keys = new HashMap<>();
    private final Map<String, RolloutLease> fences = new TreeMap<>();

    private Builder() {}

    /**
     * Fences the batch by {@code lease}: it is applied only while the lease is the current, unexpired
     * lease of its rollout. A batch can be fenced by one lease per rollout.
     *
     * @throws InvalidInputException if the batch is already fenced by another lease of the same rollout
     */
    public Builder fencedBy(RolloutLease lease) {
      Objects.requireNonNull(lease, "lease");
      RolloutLease old = fences.putIfAbsent(lease.rollout(), lease);
      if (old != null && !old.equals(lease)) {
        throw new InvalidInputException("Write batch is fenced twice for rollout '"
            + lease.rollout() + "': by token " + old.token() + " and by token " + lease.token());
      }
      return this;
    }

    /** Puts {@code device}; {@code expectedVersion} 0 creates it. */
    public Builder putDevice(Device device, long expectedVersion) {
      Objects.requireNonNull(device, "device");
      devices.add(new Write<>(device.id(), device, check("device", device.id(), expectedVersion)));
      return this;
    }

    public Builder deleteDevice(DeviceId id, long expectedVersion) {
      Objects.requireNonNull(id, "device id");
      devices.add(new Write<>(id, null, checkDelete("device", id, expectedVersion)));
      return this;
    }

    public Builder putGroup(Group group, long expectedVersion) {
      Objects.requireNonNull(group, "group");
      groups.add(new Write<>(group.path(), group, check("group", group.path(), expectedVersion)));
      return this;
    }

    public Builder deleteGroup(String path, long expectedVersion) {
      Objects.requireNonNull(path, "group path");
      groups.add(new Write<>(path, null, checkDelete("group", path, expectedVersion)));
      return this;
    }

    public Builder putRollout(Rollout rollout, long expectedVersion) {
      Objects.requireNonNull(rollout, "rollout");
      rollouts.add(
          new Write<>(rollout.name(), rollout, check("rollout", rollout.name(), expectedVersion)));
      return this;
    }

    public Builder deleteRollout(String name, long expectedVersion) {
      Objects.requireNonNull(name, "rollout name");
      rollouts.add(new Write<>(name, null, checkDelete("rollout", name, expectedVersion)));
      return this;
    }

    public Builder putProgress(DeviceRolloutProgress p, long expectedVersion) {
      Objects.requireNonNull(p, "progress");
      ProgressKey k = new ProgressKey(p.rollout(), p.device());
      progress.add(new Write<>(k, p, check("progress", k, expectedVersion)));
      return this;
    }

    public Builder deleteProgress(String rollout, DeviceId device, long expectedVersion) {
      ProgressKey k = new ProgressKey(rollout, device);
      progress.add(new Write<>(k, null, checkDelete("progress", k, expectedVersion)));
      return this;
    }

    /** Appends an event (its seq is ignored; the store assigns one). */
    public Builder appendEvent(FleetEvent event) {
      events.add(Objects.requireNonNull(event, "event"));
      return this;
    }

    /** Adds every write of {@code other} to this builder. */
    public Builder addAll(WriteBatch other) {
      for (Write<DeviceId, Device> w : other.devices) {
        key("device", w.key);
        devices.add(w);
      }
      for (Write<String, Group> w : other.groups) {
        key("group", w.key);
        groups.add(w);
      }
      for (Write<String, Rollout> w : other.rollouts) {
        key("rollout", w.key);
        rollouts.add(w);
      }
      for (Write<ProgressKey, DeviceRolloutProgress> w : other.progress) {
        key("progress", w.key);
        progress.add(w);
      }
      events.addAll(other.events);
      for (RolloutLease l : other.fences) {
        fencedBy(l);
      }
      return this;
    }

    public WriteBatch build() {
      return new WriteBatch(this);
    }

    private long check(String kind, Object key, long expectedVersion) {
      if (expectedVersion < 0) {
        throw new InvalidInputException(
            "Expected version of " + kind + " '" + key + "' must be >= 0, was " + expectedVersion);
      }
      key(kind, key);
      return expectedVersion;
    }

    private long checkDelete(String kind, Object key, long expectedVersion) {
      if (expectedVersion < 1) {
        throw new InvalidInputException("Deleting " + kind + " '" + key
            + "' needs its current version (>= 1), was " + expectedVersion);
      }
      key(kind, key);
      return expectedVersion;
    }

    private void key(String kind, Object key) {
      if (!keys.computeIfAbsent(kind, k -> new HashSet<>()).add(key)) {
        throw new InvalidInputException("Write batch names " + kind + " '" + key + "' twice");
      }
    }
  }
}
