package io.biggerfleet.group.internal;

import io.biggerfleet.group.GroupPath;
import io.biggerfleet.model.Group;
import java.util.TreeMap;
import org.roaringbitmap.RoaringBitmap;

/**
 * One group of the {@link GroupTree}, with its compiled condition and the bitmap of its members (device
 * ordinals). Mutable; guarded by the {@link FleetIndex} lock like the rest of the tree.
 */
final class GroupNode {
  final GroupPath path;
  Group group;
  long version;
  Condition condition;
  GroupNode parent;
  final TreeMap<String, GroupNode> children = new TreeMap<>();
  RoaringBitmap members = new RoaringBitmap();
  int rank;
  /** This group and its descendants: ranks {@code rank .. rank + subtreeSize - 1} (path order is preorder). */
  int subtreeSize;

  GroupNode(GroupPath path) {
    this.path = path;
  }
}
