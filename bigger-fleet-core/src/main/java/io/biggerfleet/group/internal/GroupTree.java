package io.biggerfleet.group.internal;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.device.Device;
import io.biggerfleet.group.GroupPath;
import io.biggerfleet.model.Group;
import io.biggerfleet.spi.Versioned;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.roaringbitmap.RoaringBitmap;

/**
 * The groups of the fleet as a tree of {@link GroupNode}s, each with the bitmap of its members, and the
 * upkeep of those bitmaps: evaluating groups (through a {@link PlanEvaluator}), and bringing one
 * device's memberships up to date when it joins, changes or leaves.
 *
 * <p>Groups are ranked in preorder of the tree (children in path order), so parents come before their
 * children and every subtree is one contiguous range of ranks. For each attribute the tree knows the
 * ranks of the groups whose expressions read it, and it lists the time-dependent groups
 * ({@code age(..)}) that must be re-evaluated on every read.
 *
 * <p>Not thread-safe: {@link FleetIndex} guards it with its lock.
 */
final class GroupTree {
  private final ConditionCompiler compiler;
  private PlanEvaluator evaluator;
  private GroupNode root = new GroupNode(GroupPath.root());
  private final TreeMap<String, GroupNode> groups = new TreeMap<>();
  private GroupNode[] byRank = new GroupNode[0];
  private final Map<String, BitSet> readers = new HashMap<>();
  private final List<GroupNode> timeDependent = new ArrayList<>();

  GroupTree(ConditionCompiler compiler) {
    this.compiler = compiler;
  }

  // ------------------------------------------------------------------ build

  /**
   * Replaces the tree with the stored groups under a root whose members are {@code alive}; call
   * {@link #rank()} then {@link #evaluateAll()} to finish.
   */
  void load(List<Versioned<Group>> stored, RoaringBitmap alive, PlanEvaluator groupEvaluator) {
    this.evaluator = groupEvaluator;
    root = new GroupNode(GroupPath.root());
    root.members = alive;
    groups.clear();
    for (Versioned<Group> v : stored) {
      GroupNode node = new GroupNode(GroupPath.parse(v.value().path()));
      node.group = v.value();
      node.version = v.version();
      node.condition = compileStored(v.value());
      groups.put(node.path.toString(), node);
    }
    for (GroupNode node : groups.values()) {
      link(node);
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

  private void link(GroupNode node) {
    GroupNode parent = node.group.parent().equals("/") ? root : groups.get(node.group.parent());
    if (parent == null) {
      parent = root; // orphan stored by another writer: treat as refining the root
    }
    node.parent = parent;
    parent.children.put(node.path.toString(), node);
  }

  /** Ranks (path order: parents first), attribute readers and the time-dependent list. */
  void rank() {
    // Ranks in preorder of the tree (children in path order): parents come before their children
    // and
    // every subtree is one contiguous range of ranks, even when a group's path lies below a group
    // that is not its parent (/co/a/b refining / while /co/a exists).
    List<GroupNode> order = new ArrayList<>(groups.size());
    preorder(root, order);
    byRank = order.toArray(new GroupNode[0]);
    readers.clear();
    timeDependent.clear();
    for (int r = 0; r < byRank.length; r++) {
      GroupNode node = byRank[r];
      node.rank = r;
      for (String a : node.condition.reads()) {
        readers.computeIfAbsent(a, k -> new BitSet()).set(r);
      }
      if (node.condition.dependsOnTime() && !coveredByTimeDependentAncestor(node)) {
        timeDependent.add(node);
      }
    }
    for (int r = byRank.length - 1; r >= 0; r--) {
      GroupNode node = byRank[r];
      node.subtreeSize = 1;
      for (GroupNode c : node.children.values()) {
        node.subtreeSize += c.subtreeSize;
      }
    }
  }

  private static void preorder(GroupNode node, List<GroupNode> out) {
    for (GroupNode c : node.children.values()) {
      out.add(c);
      preorder(c, out);
    }
  }

  private boolean coveredByTimeDependentAncestor(GroupNode node) {
    for (GroupNode p = node.parent; p != null && p != root; p = p.parent) {
      if (p.condition.dependsOnTime()) {
        return true;
      }
    }
    return false;
  }

  /** Adds the attributes whose indexes evaluating the groups will need to {@code values} and {@code items}. */
  void indexedNames(Set<String> values, Set<String> items) {
    for (GroupNode node : byRank) {
      indexedNames(node.condition.plan(), values, items);
    }
  }

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

  /** Evaluates every group, parents first. */
  void evaluateAll() {
    for (GroupNode node : byRank) {
      evaluate(node);
    }
  }

  /** Re-evaluates the groups whose answer depends on the clock, and their descendants. */
  void recomputeTimeDependent() {
    for (GroupNode n : timeDependent) {
      recompute(n);
    }
  }

  private void evaluate(GroupNode node) {
    node.members = evaluator.evaluate(node.condition, node.parent.members);
  }

  /** Re-evaluates {@code node} and every descendant. */
  private void recompute(GroupNode node) {
    evaluate(node);
    for (GroupNode c : node.children.values()) {
      recompute(c);
    }
  }

  // ------------------------------------------------------------------ reads

  GroupNode root() {
    return root;
  }

  /** The group at {@code path}, or null. */
  GroupNode get(String path) {
    return groups.get(path);
  }

  /** Groups at or below {@code path} (root: every group), in path order. */
  List<GroupNode> nodesUnder(GroupPath path) {
    if (path.isRoot()) {
      return new ArrayList<>(groups.values());
    }
    String p = path.toString();
    List<GroupNode> out = new ArrayList<>();
    GroupNode self = groups.get(p);
    if (self != null) {
      out.add(self);
    }
    out.addAll(groups.subMap(p + "/", p + "0").values());
    return out;
  }

  /** Every group node, in path order. */
  List<GroupNode> nodes() {
    return new ArrayList<>(groups.values());
  }

  // ------------------------------------------------------------------ device writes

  /** Puts a device that just joined the fleet into every group it matches. */
  void join(int ord, Device now) {
    descend(root, ord, now, null, true);
  }

  /** Brings a device's memberships up to date after the attributes {@code changed} changed. */
  void follow(int ord, Device now, Set<String> changed) {
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
  private void descend(GroupNode node, int ord, Device now, BitSet affected, boolean joined) {
    for (GroupNode c : node.children.values()) {
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
  private static void leave(GroupNode node, int ord) {
    if (node.members.checkedRemove(ord)) {
      for (GroupNode c : node.children.values()) {
        leave(c, ord);
      }
    }
  }

  /** Removes a device that left the fleet from every group. */
  void removeEverywhere(int ord) {
    for (GroupNode node : byRank) {
      node.members.remove(ord);
    }
  }

  // ------------------------------------------------------------------ group writes

  /**
   * Adds or replaces a group written at {@code version} and re-evaluates it; a write older than the
   * one applied is ignored. False if the tree cannot follow the write (the group moved to another
   * parent, which the commands never do): rebuild it from the store.
   */
  boolean put(Group g, long version) {
    GroupNode node = groups.get(g.path());
    if (node != null && node.version >= version) {
      return true;
    }
    if (node == null) {
      node = new GroupNode(GroupPath.parse(g.path()));
      node.group = g;
      node.condition = compileStored(g);
      groups.put(g.path(), node);
      link(node);
      // Groups stored earlier under this path as parent (by another writer) are adopted on rebuild.
    } else {
      if (!node.group.parent().equals(g.parent())) {
        return false; // re-parenting is not something the commands do; rebuild from the store
      }
      node.group = g;
      node.condition = compileStored(g);
    }
    node.version = version;
    rank();
    recompute(node);
    return true;
  }

  /**
   * Removes the group at {@code path}, if any. False if the tree cannot follow the removal (the group
   * had children, which re-parent to the root): rebuild it from the store.
   */
  boolean remove(String path) {
    GroupNode node = groups.remove(path);
    if (node == null) {
      return true;
    }
    node.parent.children.remove(path);
    if (!node.children.isEmpty()) {
      return false; // children re-parent to the root on rebuild
    }
    rank();
    return true;
  }
}
