package io.biggerfleet.group.internal;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.NotFoundException;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.group.GroupPath;
import io.biggerfleet.group.SelectorResolver;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * Resolves selectors from the {@link FleetIndex}: answers are bitmap-backed {@link DeviceSet}s, so
 * {@code /} or a large group at a million devices costs a bitmap copy, not a million-entry tree.
 *
 * <ul>
 *   <li>{@code /} — every device;
 *   <li>a group path — its members; a path with no group of its own but groups below it (such as
 *       {@code /co} when {@code /co/cisco/121XPs} exists) — the members of those groups;
 *   <li>a device path {@code <group path>/<device id>} — that device, which must be a member of the
 *       group; a bare device id — that device;
 *   <li>a glob ({@link PathGlob}) — the members of every group whose path matches, plus every device
 *       whose device path matches (so {@code /location/trading-floor/*} is the members of
 *       {@code /location/trading-floor});
 *   <li>anything else — an inline match expression over every device.
 * </ul>
 *
 * <p>Errors: an unknown group path or device → {@link NotFoundException}; a glob that matches no group
 * and no device path, a device not in the named group, or a bad expression →
 * {@link InvalidInputException}. A group that exists but has no members resolves to an empty set.
 *
 * <p>Thread-safe.
 */
final class IndexedSelectorResolver implements SelectorResolver {
  private final FleetIndex index;

  IndexedSelectorResolver(FleetIndex index) {
    this.index = Objects.requireNonNull(index, "index");
  }

  @Override
  public SortedSet<DeviceId> resolve(String selector) {
    Objects.requireNonNull(selector, "selector");
    String s = selector.strip();
    if (s.isEmpty()) {
      throw new InvalidInputException(
          "Selector is empty; use a group path (/co/cisco/121XPs), a device path, "
              + "a device id, a glob (/location/*) or a match expression");
    }
    Condition expression = looksLikePathOrId(s) ? null : index.compile(s);
    return index.read(() -> index.snapshot(ordinals(s, expression)));
  }

  private static boolean looksLikePathOrId(String s) {
    return s.startsWith("/") || DeviceId.isValid(s);
  }

  /** The ordinals {@code s} selects; call inside {@link FleetIndex#read}. May return an index bitmap: copy it. */
  RoaringBitmap ordinals(String s, Condition expression) {
    if (expression != null) {
      return index.evaluate(expression, index.alive());
    }
    if (!s.startsWith("/")) {
      return device(DeviceId.parse(s));
    }
    if (PathGlob.isGlob(s)) {
      return glob(PathGlob.parse(s));
    }
    int slash = s.lastIndexOf('/');
    String last = s.substring(slash + 1);
    if (last.indexOf('@') >= 0) {
      return devicePath(s, slash == 0 ? "/" : s.substring(0, slash), last);
    }
    return path(GroupPath.parse(s));
  }

  private RoaringBitmap device(DeviceId id) {
    int o = index.liveOrdinal(id);
    if (o < 0) {
      throw new NotFoundException("device", id.toString());
    }
    return RoaringBitmap.bitmapOf(o);
  }

  private RoaringBitmap devicePath(String whole, String groupText, String idText) {
    GroupPath group = GroupPath.parse(groupText);
    DeviceId id;
    try {
      id = DeviceId.parse(idText);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(
          "Device path '" + whole + "' ends in a bad device id: " + e.getMessage());
    }
    RoaringBitmap members =
        index.members(group).orElseThrow(() -> new NotFoundException("group", group.toString()));
    RoaringBitmap one = device(id);
    if (!members.contains(one.first())) {
      throw new InvalidInputException(
          "Device " + id + " is not in group " + group + " (device path '" + whole + "')");
    }
    return one;
  }

  /** A group path, or a path prefix with groups below it. */
  RoaringBitmap path(GroupPath path) {
    var exact = index.members(path);
    if (exact.isPresent()) {
      return exact.get();
    }
    List<GroupNode> below = index.nodesUnder(path);
    if (below.isEmpty()) {
      throw new NotFoundException("group", path.toString());
    }
    RoaringBitmap out = new RoaringBitmap();
    for (GroupNode n : below) {
      out.or(n.members);
    }
    return out;
  }

  private RoaringBitmap glob(PathGlob glob) {
    RoaringBitmap out = new RoaringBitmap();
    boolean matchedAny = false;
    boolean anyId = glob.lastSegmentMatchesAnything();
    String probe = "x@x";
    java.util.Set<GroupNode> taken = new java.util.HashSet<>(); // groups whose members are all in
    for (GroupNode n : nodesWithRoot()) {
      List<String> segs = n.path.segments();
      boolean whole =
          (!n.path.isRoot() && glob.matches(segs)) || (anyId && glob.matches(segs, probe));
      if (whole) {
        matchedAny = true;
        if (!taken.contains(
            n.parent)) { // a group's members lie within its parent's: no need to add again
          out.or(n.members);
        }
        taken.add(n);
        continue;
      }
      if (taken.contains(n.parent)) {
        taken.add(n);
        continue;
      }
      if (anyId) {
        continue;
      }
      // A pattern on the device segment (/co/cisco/121XPs/DEVICEID-?@cisco.com): test each member.
      for (IntIterator it = n.members.getIntIterator(); it.hasNext(); ) {
        int o = it.next();
        if (glob.matches(segs, index.directory().id(o).toString())) {
          out.add(o);
          matchedAny = true;
        }
      }
    }
    if (!matchedAny) {
      throw new InvalidInputException("Glob '" + glob + "' matches no group and no device path");
    }
    return out;
  }

  private List<GroupNode> nodesWithRoot() {
    List<GroupNode> all = new java.util.ArrayList<>();
    all.add(index.rootNode());
    all.addAll(index.nodes());
    return all;
  }
}
