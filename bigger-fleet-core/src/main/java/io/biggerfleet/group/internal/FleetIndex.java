package io.biggerfleet.group.internal;

import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.group.GroupPath;
import io.biggerfleet.model.Group;
import io.biggerfleet.spi.FleetStore;
import io.biggerfleet.spi.Versioned;
import io.biggerfleet.spi.WriteBatch;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.roaringbitmap.RoaringBitmap;

/**
 * The membership engine: every device of the store under a dense ordinal, an {@link AttributeIndex},
 * and the {@link GroupTree} with every group's members, kept current as writes happen.
 *
 * <p><b>Consistency.</b> The index is built from the store on first use (and again after
 * {@link #invalidate()}), then follows every {@link WriteBatch} it is told about through
 * {@link #onWrite(WriteBatch)} — {@link ObservedStore} tells it about every batch written through the
 * client. Notifications carry record versions, so one that arrives late (after a newer one) is ignored.
 * A batch that brings more than {@value #REBUILD_AFTER_NEW_DEVICES} new devices marks the index stale
 * instead; the next read rebuilds it from the store in one pass, which is cheaper than adding a bulk
 * import device by device.
 *
 * <p><b>Incremental maintenance.</b> When a device changes, only the attributes whose winning value
 * changed are re-indexed, and only the groups whose expressions read one of them are re-evaluated for
 * that device — plus the descendants of a group whose membership of the device flipped. Groups are
 * visited in path order, which puts every parent before its children.
 *
 * <p><b>Time.</b> Expressions whose answer depends on the clock ({@code age(..)}) cannot be maintained
 * from writes; their groups (and descendants) are re-evaluated on every read.
 *
 * <p>Thread-safe: one lock guards everything; reads hand out immutable snapshots ({@link DeviceSet}).
 */
final class FleetIndex {
  /** A batch adding more new devices than this marks the index stale rather than adding one by one. */
  static final int REBUILD_AFTER_NEW_DEVICES = 2048;

  private final FleetStore store;
  private final ConditionCompiler compiler;
  private final ReentrantLock lock = new ReentrantLock();

  private boolean stale = true;
  private DeviceDirectory directory;
  private Device[] devices;
  private long[] versions;
  private RoaringBitmap alive;
  private AttributeIndex index;
  private Columns columns;
  private PlanEvaluator evaluator;
  private final GroupTree tree;

  FleetIndex(FleetStore store, ConditionCompiler compiler) {
    this.store = Objects.requireNonNull(store, "store");
    this.compiler = Objects.requireNonNull(compiler, "compiler");
    this.tree = new GroupTree(compiler);
  }

  /** Compiles an expression (for validation before anything is stored). */
  Condition compile(String expression) {
    return compiler.compile(expression);
  }

  /** Forgets everything; the next read rebuilds from the store. */
  void invalidate() {
    lock.lock();
    try {
      stale = true;
    } finally {
      lock.unlock();
    }
  }

  /** Runs {@code read} under the lock on a current index. */
  <T> T read(Supplier<T> read) {
    lock.lock();
    try {
      current();
      return read.get();
    } finally {
      lock.unlock();
    }
  }

  private void current() {
    if (stale) {
      rebuild();
    }
    tree.recomputeTimeDependent();
  }

  // ------------------------------------------------------------------ reads (call inside read(..))

  /** Every live device. */
  DeviceSet all() {
    return new DeviceSet(alive.clone(), directory);
  }

  /** The members of a group path; empty if it is not a group. Root is every device. */
  Optional<RoaringBitmap> members(GroupPath path) {
    if (path.isRoot()) {
      return Optional.of(alive);
    }
    GroupNode n = tree.get(path.toString());
    return n == null ? Optional.empty() : Optional.of(n.members);
  }

  /** Groups at or below {@code path} (root: every group), in path order. */
  List<GroupNode> nodesUnder(GroupPath path) {
    return tree.nodesUnder(path);
  }

  /** Every group node, in path order. */
  List<GroupNode> nodes() {
    return tree.nodes();
  }

  GroupNode rootNode() {
    return tree.root();
  }

  DeviceDirectory directory() {
    return directory;
  }

  RoaringBitmap alive() {
    return alive;
  }

  Device device(int ordinal) {
    return devices[ordinal];
  }

  /** The ordinal of a live device, or -1. */
  int liveOrdinal(DeviceId id) {
    int o = directory.ordinal(id);
    return o >= 0 && alive.contains(o) ? o : -1;
  }

  /** The devices of {@code candidates} matching {@code condition}. */
  RoaringBitmap evaluate(Condition condition, RoaringBitmap candidates) {
    return evaluator.evaluate(condition, candidates);
  }

  /** Snapshot of an ordinal bitmap as a sorted id set ({@code bits} is copied). */
  DeviceSet snapshot(RoaringBitmap bits) {
    return new DeviceSet(bits.clone(), directory);
  }

  // ------------------------------------------------------------------ build

  private void rebuild() {
    List<Versioned<Device>> all = store.devices();
    int n = all.size();
    DeviceId[] ids = new DeviceId[n];
    devices = new Device[Math.max(16, n + n / 8)];
    versions = new long[devices.length];
    for (int i = 0; i < n; i++) {
      Versioned<Device> v = all.get(i);
      ids[i] = v.value().id();
      devices[i] = v.value();
      versions[i] = v.version();
    }
    for (int i = 1; i < n; i++) {
      if (ids[i - 1].compareTo(ids[i]) >= 0) {
        throw new IllegalStateException(
            "store returned devices out of id order: " + ids[i - 1] + ", " + ids[i]);
      }
    }
    directory = new DeviceDirectory(ids, n);
    alive = new RoaringBitmap();
    alive.add(0L, n);
    index = new AttributeIndex();
    columns = new Columns();
    evaluator = new PlanEvaluator(index, columns, alive, o -> devices[o]);
    tree.load(store.groups(), alive, evaluator);
    stale = false;
    tree.rank();
    Set<String> valueNames = new HashSet<>();
    Set<String> itemNames = new HashSet<>();
    tree.indexedNames(valueNames, itemNames);
    index.prepare(valueNames, itemNames, alive, o -> devices[o]);
    tree.evaluateAll();
  }

  // ------------------------------------------------------------------ writes

  /** Applies a batch that was written to the store successfully. */
  void onWrite(WriteBatch batch) {
    if (batch.devices().isEmpty() && batch.groups().isEmpty()) {
      return;
    }
    lock.lock();
    try {
      if (stale) {
        return;
      }
      if (batch.devices().size() > REBUILD_AFTER_NEW_DEVICES) {
        int fresh = 0;
        for (WriteBatch.Write<DeviceId, Device> w : batch.devices()) {
          if (!w.isDelete() && liveOrdinal(w.key()) < 0) {
            fresh++;
          }
        }
        if (fresh > REBUILD_AFTER_NEW_DEVICES) {
          stale = true;
          return;
        }
      }
      for (WriteBatch.Write<DeviceId, Device> w : batch.devices()) {
        if (w.isDelete()) {
          removeDevice(w.key(), w.expectedVersion());
        } else {
          putDevice(w.value().get(), w.expectedVersion() + 1);
        }
      }
      for (WriteBatch.Write<String, Group> w : batch.groups()) {
        if (w.isDelete()) {
          removeGroup(w.key());
        } else {
          putGroup(w.value().get(), w.expectedVersion() + 1);
        }
      }
    } catch (RuntimeException e) {
      // The store write succeeded, so the caller's operation did too; never serve a half-applied
      // index: rebuild it from the store on next read.
      stale = true;
      System.getLogger(FleetIndex.class.getName())
          .log(
              System.Logger.Level.WARNING,
              "Group index could not follow a write; it will be rebuilt from the store",
              e);
    } finally {
      lock.unlock();
    }
  }

  private void putDevice(Device now, long version) {
    int ord = directory.ordinalOrAdd(now.id());
    if (ord >= devices.length) {
      int len = Math.max(ord + 1, devices.length + (devices.length >> 1));
      devices = java.util.Arrays.copyOf(devices, len);
      versions = java.util.Arrays.copyOf(versions, len);
    }
    Device old = alive.contains(ord) ? devices[ord] : null;
    if (old != null && versions[ord] >= version) {
      return; // a newer write was applied already
    }
    devices[ord] = now;
    versions[ord] = version;
    if (old == null) {
      alive.add(ord);
      index.update(ord, null, now, null);
      columns.update(ord, now, null);
      tree.join(ord, now);
      return;
    }
    Set<String> changed = ChangedAttributes.of(old, now);
    if (changed.isEmpty()) {
      return;
    }
    index.update(ord, old, now, changed);
    columns.update(ord, now, changed);
    tree.follow(ord, now, changed);
  }

  private void removeDevice(DeviceId id, long expectedVersion) {
    int ord = liveOrdinal(id);
    if (ord < 0 || versions[ord] > expectedVersion) {
      return;
    }
    index.update(ord, devices[ord], null, null);
    columns.update(ord, null, null);
    alive.remove(ord);
    tree.removeEverywhere(ord);
    devices[ord] = null;
  }

  private void putGroup(Group g, long version) {
    if (!tree.put(g, version)) {
      stale = true;
    }
  }

  private void removeGroup(String path) {
    if (!tree.remove(path)) {
      stale = true;
    }
  }
}
