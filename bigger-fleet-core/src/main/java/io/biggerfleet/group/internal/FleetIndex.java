package io.biggerfleet.group.internal;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.device.Attribute;
import io.biggerfleet.device.AttributeSource;
import io.biggerfleet.device.Attributes;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.Group;
import io.biggerfleet.group.GroupPath;
import io.biggerfleet.spi.FleetStore;
import io.biggerfleet.spi.Versioned;
import io.biggerfleet.spi.WriteBatch;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.roaringbitmap.RoaringBitmap;

/**
 * The membership engine: every device of the store under a dense ordinal, an {@link AttributeIndex},
 * and for every group the bitmap of its members, kept current as writes happen.
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
  private static final AttributeSource[] SOURCES = AttributeSource.values();

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
  private Node root;
  private final TreeMap<String, Node> groups = new TreeMap<>();
  private Node[] byRank = new Node[0];
  private final Map<String, BitSet> readers = new HashMap<>();
  private final List<Node> timeDependent = new ArrayList<>();

  /** One group of the tree, with its members. */
  static final class Node {
    final GroupPath path;
    Group group;
    long version;
    Condition condition;
    Node parent;
    final TreeMap<String, Node> children = new TreeMap<>();
    RoaringBitmap members = new RoaringBitmap();
    int rank;
    /** This group and its descendants: ranks {@code rank .. rank + subtreeSize - 1} (path order is preorder). */
    int subtreeSize;

    Node(GroupPath path) {
      this.path = path;
    }
  }

  FleetIndex(FleetStore store, ConditionCompiler compiler) {
    this.store = Objects.requireNonNull(store, "store");
    this.compiler = Objects.requireNonNull(compiler, "compiler");
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
    for (Node n : timeDependent) {
      recompute(n);
    }
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
    Node n = groups.get(path.toString());
    return n == null ? Optional.empty() : Optional.of(n.members);
  }

  /** Groups at or below {@code path} (root: every group), in path order. */
  List<Node> nodesUnder(GroupPath path) {
    if (path.isRoot()) {
      return new ArrayList<>(groups.values());
    }
    String p = path.toString();
    List<Node> out = new ArrayList<>();
    Node self = groups.get(p);
    if (self != null) {
      out.add(self);
    }
    out.addAll(groups.subMap(p + "/", p + "0").values());
    return out;
  }

  /** Every group node, in path order. */
  List<Node> nodes() {
    return new ArrayList<>(groups.values());
  }

  Node rootNode() {
    return root;
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
        throw new IllegalStateException("store returned devices out of id order: " + ids[i - 1] + ", " + ids[i]);
      }
    }
    directory = new DeviceDirectory(ids, n);
    alive = new RoaringBitmap();
    alive.add(0L, n);
    index = new AttributeIndex();
    columns = new Columns();
    evaluator = new PlanEvaluator(index, columns, alive, o -> devices[o]);
    root = new Node(GroupPath.root());
    root.members = alive;
    groups.clear();
    for (Versioned<Group> v : store.groups()) {
      Node node = new Node(GroupPath.parse(v.value().path()));
      node.group = v.value();
      node.version = v.version();
      node.condition = compileStored(v.value());
      groups.put(node.path.toString(), node);
    }
    for (Node node : groups.values()) {
      link(node);
    }
    stale = false;
    reindexGroups();
    Set<String> valueNames = new HashSet<>();
    Set<String> itemNames = new HashSet<>();
    for (Node node : byRank) {
      indexedNames(node.condition.plan(), valueNames, itemNames);
    }
    index.prepare(valueNames, itemNames, alive, o -> devices[o]);
    for (Node node : byRank) {
      evaluate(node);
    }
  }

  private Condition compileStored(Group g) {
    try {
      return compiler.compile(g.expression());
    } catch (InvalidInputException e) {
      // A group stored by someone else with an expression this version cannot read: no members.
      return NothingCondition.of(g.expression());
    }
  }

  private void link(Node node) {
    Node parent = node.group.parent().equals("/") ? root : groups.get(node.group.parent());
    if (parent == null) {
      parent = root; // orphan stored by another writer: treat as refining the root
    }
    node.parent = parent;
    parent.children.put(node.path.toString(), node);
  }

  /** Ranks (path order: parents first), attribute readers and the time-dependent list. */
  private void reindexGroups() {
    // Ranks in preorder of the tree (children in path order): parents come before their children and
    // every subtree is one contiguous range of ranks, even when a group's path lies below a group
    // that is not its parent (/co/a/b refining / while /co/a exists).
    List<Node> order = new ArrayList<>(groups.size());
    preorder(root, order);
    byRank = order.toArray(new Node[0]);
    readers.clear();
    timeDependent.clear();
    for (int r = 0; r < byRank.length; r++) {
      Node node = byRank[r];
      node.rank = r;
      for (String a : node.condition.reads()) {
        readers.computeIfAbsent(a, k -> new BitSet()).set(r);
      }
      if (node.condition.dependsOnTime() && !coveredByTimeDependentAncestor(node)) {
        timeDependent.add(node);
      }
    }
    for (int r = byRank.length - 1; r >= 0; r--) {
      Node node = byRank[r];
      node.subtreeSize = 1;
      for (Node c : node.children.values()) {
        node.subtreeSize += c.subtreeSize;
      }
    }
  }

  /** The attributes whose indexes evaluating {@code p} will need. */
  private static void indexedNames(SelectionPlan p, Set<String> values, Set<String> items) {
    if (p instanceof SelectionPlan.And a) {
      a.children().forEach(c -> indexedNames(c, values, items));
    } else if (p instanceof SelectionPlan.Or o) {
      o.children().forEach(c -> indexedNames(c, values, items));
    } else if (p instanceof SelectionPlan.Not n) {
      indexedNames(n.child(), values, items);
    } else if (p instanceof SelectionPlan.Exists e) {
      values.add(e.attribute());
    } else if (p instanceof SelectionPlan.ValueIn v) {
      values.add(v.attribute());
    } else if (p instanceof SelectionPlan.ItemIn v) {
      items.add(v.attribute());
    } else if (p instanceof SelectionPlan.Opaque o && o.attribute() != null) {
      values.add(o.attribute());
    }
  }

  private static void preorder(Node node, List<Node> out) {
    for (Node c : node.children.values()) {
      out.add(c);
      preorder(c, out);
    }
  }

  private boolean coveredByTimeDependentAncestor(Node node) {
    for (Node p = node.parent; p != null && p != root; p = p.parent) {
      if (p.condition.dependsOnTime()) {
        return true;
      }
    }
    return false;
  }

  private void evaluate(Node node) {
    node.members = evaluator.evaluate(node.condition, node.parent.members);
  }

  /** Re-evaluates {@code node} and every descendant. */
  private void recompute(Node node) {
    evaluate(node);
    for (Node c : node.children.values()) {
      recompute(c);
    }
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
      System.getLogger(FleetIndex.class.getName()).log(System.Logger.Level.WARNING,
          "Group index could not follow a write; it will be rebuilt from the store", e);
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
      descend(root, ord, now, null, true);
      return;
    }
    Set<String> changed = changedAttributes(old, now);
    if (changed.isEmpty()) {
      return;
    }
    index.update(ord, old, now, changed);
    columns.update(ord, now, changed);
    BitSet affected = new BitSet();
    for (String a : changed) {
      BitSet r = readers.get(a);
      if (r != null) {
        affected.or(r);
      }
    }
    if (!affected.isEmpty()) {
      descend(root, ord, now, affected, false);
    }
  }

  /**
   * Brings the device's membership in the children of {@code node} (which holds the device) up to
   * date, top-down. When {@code joined}, the device just entered {@code node}, so every child is
   * evaluated; otherwise only children whose subtree holds an {@code affected} group (one whose
   * expression reads a changed attribute) are looked at — the others cannot change — and a child is
   * re-evaluated only if it is affected itself. Visits the device's own groups on the way to affected
   * ones; a device leaving a group leaves its whole subtree at once.
   */
  private void descend(Node node, int ord, Device now, BitSet affected, boolean joined) {
    for (Node c : node.children.values()) {
      if (!joined) {
        int next = affected.nextSetBit(c.rank);
        if (next < 0 || next >= c.rank + c.subtreeSize) {
          continue; // nothing in this subtree reads a changed attribute
        }
      }
      boolean was = !joined && c.members.contains(ord);
      boolean is = joined || affected.get(c.rank) ? c.condition.matches(now) : was;
      if (is && !was) {
        c.members.add(ord);
        descend(c, ord, now, affected, true);
      } else if (!is && was) {
        leave(c, ord);
      } else if (is) {
        descend(c, ord, now, affected, false);
      }
    }
  }

  /** Removes {@code ord} from {@code node} and every descendant. */
  private static void leave(Node node, int ord) {
    if (node.members.checkedRemove(ord)) {
      for (Node c : node.children.values()) {
        leave(c, ord);
      }
    }
  }

  private void removeDevice(DeviceId id, long expectedVersion) {
    int ord = liveOrdinal(id);
    if (ord < 0 || versions[ord] > expectedVersion) {
      return;
    }
    index.update(ord, devices[ord], null, null);
    columns.update(ord, null, null);
    alive.remove(ord);
    for (Node node : byRank) {
      node.members.remove(ord);
    }
    devices[ord] = null;
  }

  /**
   * Names whose value changed in any source: an expression may read one source explicitly
   * ({@code system:Model}), so a change hidden behind a higher-precedence source still counts.
   */
  static Set<String> changedAttributes(Device old, Device now) {
    Set<String> changed = new HashSet<>();
    Attributes a = old.attributes();
    Attributes b = now.attributes();
    if (a.equals(b)) {
      return changed;
    }
    if (a.size() == b.size()) {
      // Usual case: same names in the same places, some values changed. Compare entry by entry.
      List<Attribute> x = a.all();
      List<Attribute> y = b.all();
      boolean aligned = true;
      for (int i = 0; i < x.size() && aligned; i++) {
        Attribute p = x.get(i);
        Attribute q = y.get(i);
        if (p.source() != q.source() || !p.name().equals(q.name())) {
          aligned = false;
        } else if (!p.value().equals(q.value())) {
          changed.add(p.name());
        }
      }
      if (aligned) {
        return changed;
      }
      changed.clear();
    }
    for (String name : a.names()) {
      if (differs(a, b, name)) {
        changed.add(name);
      }
    }
    for (String name : b.names()) {
      if (!changed.contains(name) && differs(a, b, name)) {
        changed.add(name);
      }
    }
    return changed;
  }

  private static boolean differs(Attributes a, Attributes b, String name) {
    for (AttributeSource s : SOURCES) {
      if (!Objects.equals(a.valueOrNull(name, s), b.valueOrNull(name, s))) {
        return true;
      }
    }
    return false;
  }

  private void putGroup(Group g, long version) {
    Node node = groups.get(g.path());
    if (node != null && node.version >= version) {
      return;
    }
    if (node == null) {
      node = new Node(GroupPath.parse(g.path()));
      node.group = g;
      node.condition = compileStored(g);
      groups.put(g.path(), node);
      link(node);
      // Groups stored earlier under this path as parent (by another writer) are adopted on rebuild.
    } else {
      if (!node.group.parent().equals(g.parent())) {
        stale = true; // re-parenting is not something the commands do; rebuild from the store
        return;
      }
      node.group = g;
      node.condition = compileStored(g);
    }
    node.version = version;
    reindexGroups();
    recompute(node);
  }

  private void removeGroup(String path) {
    Node node = groups.remove(path);
    if (node == null) {
      return;
    }
    node.parent.children.remove(path);
    if (!node.children.isEmpty()) {
      stale = true; // children re-parent to the root on rebuild
      return;
    }
    reindexGroups();
  }
}
