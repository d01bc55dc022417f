package io.biggerfleet.store;

import io.biggerfleet.LeaseLostException;
import io.biggerfleet.WriteConflictException;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.Group;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.spi.FleetStore;
import io.biggerfleet.spi.RolloutLease;
import io.biggerfleet.spi.Versioned;
import io.biggerfleet.spi.WriteBatch;
import io.biggerfleet.spi.WriteBatch.ProgressKey;
import io.biggerfleet.spi.WriteBatch.Write;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * A {@link FleetStore} in memory: fast, and gone when the JVM exits. The default of
 * {@link io.biggerfleet.FleetClient}, and the right store for tests and simulations.
 *
 * <p>Thread-safe: reads share a lock, a batch takes it exclusively, so readers never see half a batch.
 */
public final class InMemoryFleetStore implements FleetStore {
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final TreeMap<DeviceId, Versioned<Device>> devices = new TreeMap<>();
  private final TreeMap<String, Versioned<Group>> groups = new TreeMap<>();
  private final TreeMap<String, Versioned<Rollout>> rollouts = new TreeMap<>();
  private final Map<String, TreeMap<DeviceId, Versioned<DeviceRolloutProgress>>> progress =
      new HashMap<>();
  private final List<FleetEvent> events = new ArrayList<>();
  private final InMemoryRolloutLeases leases;

  /**
   * An empty store without leases: a batch {@link WriteBatch#fences() fenced} by a lease is always
   * rejected, since no lease is current here.
   */
  public InMemoryFleetStore() {
    this.leases = null;
  }

  /** An empty store that checks fenced batches against {@code leases}. */
  public InMemoryFleetStore(InMemoryRolloutLeases leases) {
    this.leases = Objects.requireNonNull(leases, "leases");
  }

  private <T> T read(Supplier<T> r) {
    lock.readLock().lock();
    try {
      return r.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Optional<Versioned<Device>> device(DeviceId id) {
    return read(() -> Optional.ofNullable(devices.get(id)));
  }

  @Override
  public List<Versioned<Device>> devices() {
    return read(() -> List.copyOf(devices.values()));
  }

  @Override
  public long deviceCount() {
    return read(devices::size);
  }

  @Override
  public Optional<Versioned<Group>> group(String path) {
    return read(() -> Optional.ofNullable(groups.get(path)));
  }

  @Override
  public List<Versioned<Group>> groups() {
    return read(() -> List.copyOf(groups.values()));
  }

  @Override
  public Optional<Versioned<Rollout>> rollout(String name) {
    return read(() -> Optional.ofNullable(rollouts.get(name)));
  }

  @Override
  public List<Versioned<Rollout>> rollouts() {
    return read(() -> List.copyOf(rollouts.values()));
  }

  @Override
  public Optional<Versioned<DeviceRolloutProgress>> progress(String rollout, DeviceId device) {
    return read(() -> {
      TreeMap<DeviceId, Versioned<DeviceRolloutProgress>> m = progress.get(rollout);
      return Optional.ofNullable(m == null ? null : m.get(device));
    });
  }

  @Override
  public List<Versioned<DeviceRolloutProgress>> progress(String rollout) {
    return read(() -> {
      TreeMap<DeviceId, Versioned<DeviceRolloutProgress>> m = progress.get(rollout);
      return m == null ? List.of() : List.copyOf(m.values());
    });
  }

  @Override
  public List<Versioned<DeviceRolloutProgress>> progress(
      String rollout, DeviceId after, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, was " + limit);
    }
    return read(() -> {
      TreeMap<DeviceId, Versioned<DeviceRolloutProgress>> m = progress.get(rollout);
      if (m == null) {
        return List.of();
      }
      List<Versioned<DeviceRolloutProgress>> out = new ArrayList<>(Math.min(limit, 1024));
      for (Versioned<DeviceRolloutProgress> v :
          (after == null ? m : m.tailMap(after, false)).values()) {
        if (out.size() == limit) {
          break;
        }
        out.add(v);
      }
      return List.copyOf(out);
    });
  }

  @Override
  public List<FleetEvent> events(long afterSeq, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, was " + limit);
    }
    return read(() -> {
      // seq n is at index n - 1
      int from = (int) Math.max(0, Math.min(afterSeq, events.size()));
      int to = (int) Math.min(events.size(), (long) from + limit);
      return List.copyOf(events.subList(from, to));
    });
  }

  @Override
  public void write(WriteBatch batch) {
    lock.writeLock().lock();
    try {
      for (RolloutLease fence : batch.fences()) {
        if (leases == null) {
          throw new LeaseLostException("Write batch is fenced by the lease on rollout '"
              + fence.rollout() + "' but this store has no leases; nothing was written");
        }
        leases.checkHeld(fence);
      }
      for (Write<DeviceId, Device> w : batch.devices()) {
        checkVersion("device", w, devices.get(w.key()));
      }
      for (Write<String, Group> w : batch.groups()) {
        checkVersion("group", w, groups.get(w.key()));
      }
      for (Write<String, Rollout> w : batch.rollouts()) {
        checkVersion("rollout", w, rollouts.get(w.key()));
      }
      for (Write<ProgressKey, DeviceRolloutProgress> w : batch.progress()) {
        TreeMap<DeviceId, Versioned<DeviceRolloutProgress>> m =
            progress.get(w.key().rollout());
        checkVersion("progress", w, m == null ? null : m.get(w.key().device()));
      }
      // All checks passed: apply. Nothing below can fail on input.
      for (Write<DeviceId, Device> w : batch.devices()) {
        apply(devices, w);
      }
      for (Write<String, Group> w : batch.groups()) {
        apply(groups, w);
      }
      for (Write<String, Rollout> w : batch.rollouts()) {
        apply(rollouts, w);
      }
      for (Write<ProgressKey, DeviceRolloutProgress> w : batch.progress()) {
        TreeMap<DeviceId, Versioned<DeviceRolloutProgress>> m =
            progress.computeIfAbsent(w.key().rollout(), k -> new TreeMap<>());
        if (w.isDelete()) {
          m.remove(w.key().device());
          if (m.isEmpty()) {
            progress.remove(w.key().rollout());
          }
        } else {
          m.put(w.key().device(), new Versioned<>(w.value().get(), w.expectedVersion() + 1));
        }
      }
      for (FleetEvent e : batch.events()) {
        events.add(e.withSeq(events.size() + 1L));
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  private static <K, V> void apply(TreeMap<K, Versioned<V>> map, Write<K, V> w) {
    if (w.isDelete()) {
      map.remove(w.key());
    } else {
      map.put(w.key(), new Versioned<>(w.value().get(), w.expectedVersion() + 1));
    }
  }

  private static void checkVersion(String kind, Write<?, ?> w, Versioned<?> current) {
    long actual = current == null ? 0 : current.version();
    if (actual != w.expectedVersion()) {
      throw new WriteConflictException(
          "Conflicting write to " + kind + " '" + w.key() + "': expected version "
              + w.expectedVersion() + (w.expectedVersion() == 0 ? " (new)" : "") + " but it is at "
              + (actual == 0 ? "none (absent)" : "version " + actual) + "; nothing was written");
    }
  }

  @Override
  public String toString() {
    return read(() -> "InMemoryFleetStore[" + devices.size() + " devices, " + groups.size()
        + " groups, " + rollouts.size() + " rollouts, " + events.size() + " events]");
  }
}
