package io.biggerfleet.group.internal;

import io.biggerfleet.FleetException;
import io.biggerfleet.InvalidInputException;
import io.biggerfleet.NotFoundException;
import io.biggerfleet.WriteConflictException;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.device.FleetTags;
import io.biggerfleet.event.EventType;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.group.GroupPath;
import io.biggerfleet.group.GroupUpdate;
import io.biggerfleet.group.Listing;
import io.biggerfleet.group.SelectorResolver;
import io.biggerfleet.group.TagChange;
import io.biggerfleet.match.Explanation;
import io.biggerfleet.match.Matchers;
import io.biggerfleet.model.Group;
import io.biggerfleet.spi.FleetStore;
import io.biggerfleet.spi.Versioned;
import io.biggerfleet.spi.WriteBatch;
import java.lang.ref.WeakReference;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * The group, selector and fleet-tag commands behind {@link io.biggerfleet.FleetClient}: validate input,
 * write the store in one batch per command, keep the shared {@link FleetIndex} told, and format results.
 *
 * <p>One {@link FleetIndex} is shared by every client over the same store object in this JVM (so a
 * client derived with {@code newBuilder()} sees the same memberships). Writes made by other processes
 * (a shared database) are picked up by {@link #reload()}.
 *
 * <p>Thread-safe.
 */
public final class GroupCommands {
  private static final int MAX_CONFLICT_RETRIES = 20;
  private static final int MAX_IDS_IN_EVENT = 20;
  /**
   * The index of each store object, shared by its clients. Weak both ways: the entry goes once no
   * client holds the index (the index holds the store, so a strong value would pin its own key).
   */
  private static final Map<FleetStore, WeakReference<FleetIndex>> INDEXES = new WeakHashMap<>();

  private final FleetStore store;
  private final FleetIndex index;
  private final IndexedSelectorResolver resolver;
  private final Clock clock;
  private final String actor;
  private final GroupUsage usage;

  private GroupCommands(
      FleetStore store, FleetIndex index, Clock clock, String actor, GroupUsage usage) {
    this.store = store;
    this.index = index;
    this.resolver = new IndexedSelectorResolver(index);
    this.clock = clock;
    this.actor = actor;
    this.usage = usage;
  }

  /**
   * Commands over {@code store}; {@code clock} stamps events and is the clock {@code age(..)} terms
   * read (the first client over a store fixes the latter); {@code usage} says which rollouts keep a
   * group from being removed.
   */
  public static GroupCommands over(FleetStore store, Clock clock, String actor, GroupUsage usage) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(clock, "clock");
    FleetIndex index;
    synchronized (INDEXES) {
      WeakReference<FleetIndex> ref = INDEXES.get(store);
      index = ref == null ? null : ref.get();
      if (index == null) {
        index = new FleetIndex(
            store, new MatchConditions(Matchers.builder().clock(clock).build()));
        INDEXES.put(store, new WeakReference<>(index));
      }
    }
    return new GroupCommands(
        store,
        index,
        clock,
        Objects.requireNonNull(actor, "actor"),
        Objects.requireNonNull(usage, "usage"));
  }

  /** Tells the index about a batch this client wrote successfully. */
  public void afterWrite(WriteBatch batch) {
    index.onWrite(batch);
  }

  /** Rebuilds memberships from the store on next use (after writes by other processes). */
  public void reload() {
    index.invalidate();
  }

  /** The selector resolver over the index. */
  public SelectorResolver selectors() {
    return resolver;
  }

  // ---------------------------------------------------------------- groups

  /** See {@link io.biggerfleet.FleetClient#addGroup}. */
  public GroupUpdate addGroup(String parent, String path, String expression) {
    GroupPath parentPath = parse("Parent group path", parent);
    GroupPath groupPath = parse("Group path", path);
    if (groupPath.isRoot()) {
      throw new InvalidInputException("'/' is every device and cannot be added as a group");
    }
    if (!parentPath.isRoot() && store.group(parentPath.toString()).isEmpty()) {
      throw new NotFoundException("group", parentPath.toString());
    }
    if (!parentPath.isAncestorOf(groupPath)) {
      throw new InvalidInputException(
          "Group " + groupPath + " must lie below its parent " + parentPath + ", e.g. "
              + (parentPath.isRoot() ? "" : parentPath) + "/" + groupPath.name());
    }
    Optional<Versioned<Group>> existing = store.group(groupPath.toString());
    if (existing.isPresent()) {
      throw new InvalidInputException(
          "Group " + groupPath + " already exists (" + existing.get().value() + ")");
    }
    String expr = checkExpression(expression);
    Group g = new Group(groupPath.toString(), parentPath.toString(), expr, clock.instant());
    WriteBatch batch = WriteBatch.builder()
        .putGroup(g, 0)
        .appendEvent(
            FleetEvent.of(clock.instant(), EventType.GROUP_ADDED, g.path(), actor, g.toString()))
        .build();
    try {
      store.write(batch);
    } catch (WriteConflictException e) {
      throw new InvalidInputException(
          "Group " + groupPath + " already exists (added concurrently)");
    }
    afterWrite(batch);
    return update(GroupUpdate.Kind.ADDED, g);
  }

  /** See {@link io.biggerfleet.FleetClient#changeGroupExpression}. */
  public GroupUpdate changeExpression(String path, String expression) {
    GroupPath groupPath = parse("Group path", path);
    String expr = checkExpression(expression);
    Versioned<Group> current = existing(groupPath);
    Group g = current.value().withExpression(expr);
    if (g.equals(current.value())) {
      return update(GroupUpdate.Kind.CHANGED, g);
    }
    WriteBatch batch = WriteBatch.builder()
        .putGroup(g, current.version())
        .appendEvent(FleetEvent.of(
            clock.instant(),
            EventType.GROUP_CHANGED,
            g.path(),
            actor,
            "Expression changed from " + current.value().expression() + " to " + expr))
        .build();
    store.write(batch); // a conflict propagates: someone else changed the group meanwhile
    afterWrite(batch);
    return update(GroupUpdate.Kind.CHANGED, g);
  }

  /** See {@link io.biggerfleet.FleetClient#removeGroup}. */
  public Group removeGroup(String path) {
    GroupPath groupPath = parse("Group path", path);
    Versioned<Group> current = existing(groupPath);
    List<String> children = store.groups().stream()
        .map(Versioned::value)
        .filter(g -> g.parent().equals(groupPath.toString()))
        .map(Group::path)
        .collect(Collectors.toList());
    if (!children.isEmpty()) {
      throw new InvalidInputException("Group " + groupPath + " still has " + children.size()
          + (children.size() == 1 ? " child group: " : " child groups: ")
          + String.join(", ", children)
          + "; remove them first");
    }
    List<String> rollouts = usage.rolloutsUsing(groupPath);
    if (!rollouts.isEmpty()) {
      throw new InvalidInputException("Group " + groupPath + " is used by active rollout"
          + (rollouts.size() == 1 ? " " : "s ") + String.join(", ", rollouts) + "; finish or abort "
          + (rollouts.size() == 1 ? "it" : "them") + " first");
    }
    WriteBatch batch = WriteBatch.builder()
        .deleteGroup(groupPath.toString(), current.version())
        .appendEvent(FleetEvent.of(
            clock.instant(),
            EventType.GROUP_REMOVED,
            groupPath.toString(),
            actor,
            "Removed " + current.value()))
        .build();
    store.write(batch);
    afterWrite(batch);
    return current.value();
  }

  /** Every group, sorted by path (parents before their children). */
  public List<Group> groups() {
    return store.groups().stream().map(Versioned::value).collect(Collectors.toUnmodifiableList());
  }

  /** See {@link io.biggerfleet.FleetClient#explain}. */
  public Explanation explain(String path, Device device) {
    GroupPath p = parse("Group path", path);
    if (p.isRoot()) {
      return new Explanation("/", true, "every managed device is in /", List.of());
    }
    List<Group> chain = new ArrayList<>();
    for (String at = p.toString(); !"/".equals(at); ) {
      Group g = existing(GroupPath.parse(at)).value();
      chain.add(0, g);
      at = g.parent();
    }
    Matchers matchers = Matchers.builder().clock(clock).build();
    List<Explanation> parts = new ArrayList<>();
    boolean member = true;
    for (Group g : chain) {
      Explanation e = matchers.compile(g.expression()).explain(device);
      member &= e.matched();
      parts.add(new Explanation(g.path(), e.matched(), "", List.of(e)));
    }
    return new Explanation(p + " has " + device.id(), member, "", parts);
  }

  /** See {@link io.biggerfleet.FleetClient#ls}. */
  public Listing ls(String path) {
    GroupPath p = parse("Path", path);
    return index.read(() -> {
      List<GroupNode> nodes = index.nodesUnder(p);
      if (nodes.isEmpty() && !p.isRoot()) {
        throw new NotFoundException("group", p.toString());
      }
      List<Listing.Entry> entries = new ArrayList<>();
      RoaringBitmap distinct = new RoaringBitmap();
      for (GroupNode n : nodes) {
        distinct.or(n.members);
        List<Device> members = new ArrayList<>(n.members.getCardinality());
        for (IntIterator it = n.members.getIntIterator(); it.hasNext(); ) {
          members.add(index.device(it.next()));
        }
        members.sort((a, b) -> a.id().compareTo(b.id()));
        for (Device d : members) {
          entries.add(new Listing.Entry(n.path, d.id(), d.tags()));
        }
      }
      return new Listing(p, entries, distinct.getCardinality());
    });
  }

  private GroupUpdate update(GroupUpdate.Kind kind, Group g) {
    return index.read(() -> new GroupUpdate(
        kind,
        g,
        index
            .members(GroupPath.parse(g.path()))
            .map(RoaringBitmap::getLongCardinality)
            .orElse(0L),
        index
            .members(GroupPath.parse(g.parent()))
            .map(RoaringBitmap::getLongCardinality)
            .orElse(0L)));
  }

  private Versioned<Group> existing(GroupPath path) {
    if (path.isRoot()) {
      throw new InvalidInputException(
          "'/' is every device; it has no expression and cannot be changed or removed");
    }
    return store
        .group(path.toString())
        .orElseThrow(() -> new NotFoundException("group", path.toString()));
  }

  private String checkExpression(String expression) {
    Objects.requireNonNull(expression, "expression");
    String e = expression.strip();
    if (e.isEmpty()) {
      throw new InvalidInputException("Group expression is empty; give attribute terms such as "
          + "Manufacturer==\"Cisco\" Model==\"121XPs\" (or true for every device of the parent)");
    }
    index.compile(e); // MatchSyntaxException with line, column and caret
    return e;
  }

  private static GroupPath parse(String what, String text) {
    Objects.requireNonNull(text, what);
    try {
      return GroupPath.parse(text);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(what + ": " + e.getMessage());
    }
  }

  // ---------------------------------------------------------------- tags

  /** See {@link io.biggerfleet.FleetClient#tagAll}. */
  public TagChange tag(String selector, String tag) {
    return retag(selector, tag, true);
  }

  /** See {@link io.biggerfleet.FleetClient#untagAll}. */
  public TagChange untag(String selector, String tag) {
    return retag(selector, tag, false);
  }

  private TagChange retag(String selector, String tag, boolean add) {
    Objects.requireNonNull(selector, "selector");
    FleetTags.checkTag(tag);
    return retrying(() -> {
      List<DeviceId> selected = new ArrayList<>(resolver.resolve(selector));
      WriteBatch.Builder batch = WriteBatch.builder();
      List<DeviceId> changed = new ArrayList<>();
      for (DeviceId id : selected) {
        Optional<Versioned<Device>> v = store.device(id);
        if (v.isEmpty()) {
          throw new WriteConflictException(
              "Device " + id + " left the fleet while tagging"); // re-resolve
        }
        Device d = v.get().value();
        if (d.tags().contains(tag) != add) {
          batch.putDevice(
              add
                  ? d.toBuilder().addTag(tag).build()
                  : d.toBuilder().removeTag(tag).build(),
              v.get().version());
          changed.add(id);
        }
      }
      TagChange result = new TagChange(tag, add, selected.size(), changed);
      if (!changed.isEmpty()) {
        String ids = changed.size() <= MAX_IDS_IN_EVENT
            ? ": " + changed.stream().map(DeviceId::toString).collect(Collectors.joining(", "))
            : "";
        batch.appendEvent(FleetEvent.of(
            clock.instant(),
            add ? EventType.DEVICE_TAGGED : EventType.DEVICE_UNTAGGED,
            selector.strip(),
            actor,
            result.message() + ids));
        WriteBatch b = batch.build();
        store.write(b);
        afterWrite(b);
      }
      return result;
    });
  }

  private static <T> T retrying(Supplier<T> work) {
    WriteConflictException last = null;
    for (int i = 0; i < MAX_CONFLICT_RETRIES; i++) {
      try {
        return work.get();
      } catch (WriteConflictException e) {
        last = e;
      }
    }
    throw new FleetException(
        "Gave up after " + MAX_CONFLICT_RETRIES + " conflicting concurrent writes", last);
  }
}
