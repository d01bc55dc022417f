package io.biggerfleet;

import io.biggerfleet.device.Attributes;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.device.FleetTags;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.group.GroupUpdate;
import io.biggerfleet.group.Listing;
import io.biggerfleet.group.SelectorResolver;
import io.biggerfleet.group.TagChange;
import io.biggerfleet.group.internal.GroupCommands;
import io.biggerfleet.group.internal.GroupUsage;
import io.biggerfleet.model.Group;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.rollout.RolloutLeasing;
import io.biggerfleet.rollout.Rollouts;
import io.biggerfleet.spi.DeviceRegistry;
import io.biggerfleet.spi.DeviceTrails;
import io.biggerfleet.spi.FleetStore;
import io.biggerfleet.spi.Versioned;
import io.biggerfleet.store.InMemoryFleetStore;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The front door of Bigger Fleet: import the devices a user entrusted, read their attributes, tag
 * them, keep fleet attributes — and, as the SDK grows, group them and roll changes out to them.
 *
 * <pre>{@code
 * FleetClient fleet = FleetClient.builder()
 *     .registry(registry)            // where devices come from, e.g. a Pantahub adapter
 *     .store(new InMemoryFleetStore())
 *     .build();
 * fleet.importDevices();
 * fleet.tag(DeviceId.parse("DEVICEID-5@cisco.com"), "canary");
 * }</pre>
 *
 * <p><b>Thread-safety:</b> a client is immutable and safe to share; concurrent calls are coordinated
 * through the store's versioned writes (a conflicting write is re-read and retried, a bounded number of
 * times).
 *
 * <p><b>Errors:</b> bad arguments → {@link InvalidInputException} (or {@link NullPointerException}
 * naming the argument); unknown devices → {@link NotFoundException}; in both cases nothing is stored.
 * Registry and store failures propagate as {@link FleetException}s.
 */
public final class FleetClient {
  private final Map<String, DeviceRegistry> registries;
  private final Map<String, DeviceTrails> trails;
  private final FleetStore store;
  private final Clock clock;
  private final String actor;
  private final SelectorResolver selectors;
  private final GroupCommands groups;
  private final Rollouts rollouts;
  private final RolloutLeasing leasing;
  private final DeviceImport imports;
  private final DeviceEdits edits;

  private FleetClient(Builder b) {
    this.registries = Map.copyOf(b.registries);
    this.trails = Map.copyOf(b.trails);
    this.store = b.store == null ? new InMemoryFleetStore() : b.store;
    this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
    this.actor = b.actor;
    this.leasing = b.leasing;
    this.groups =
        GroupCommands.over(store, clock, actor, GroupUsage.bySelectors(this::runningSelectors));
    this.selectors = groups.selectors();
    this.rollouts = Rollouts.over(store, clock, trails, selectors, actor, b.leasing);
    this.imports = new DeviceImport(registries, store, clock, actor, groups::afterWrite);
    this.edits = new DeviceEdits(store, clock, actor, groups::afterWrite);
  }

  /**
   * Name → base selector of each rollout that keeps its groups: a group an ACTIVE, PAUSED or
   * AWAITING_APPROVAL rollout selects is not removed under it.
   */
  private Map<String, String> runningSelectors() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Versioned<Rollout> v : store.rollouts()) {
      Rollout r = v.value();
      if (r.state().isRunning()) {
        out.put(r.name(), r.devices());
      }
    }
    return out;
  }

  /** A builder with no registries, an in-memory store and the system clock. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this client's settings, for a variant (e.g. another actor name). */
  public Builder newBuilder() {
    Builder b = new Builder();
    b.registries.putAll(registries);
    b.trails.putAll(trails);
    b.store = store;
    b.clock = clock;
    b.actor = actor;
    b.leasing = leasing;
    return b;
  }

  /** The store this client reads and writes. */
  public FleetStore store() {
    return store;
  }

  /** The clock every time this client records comes from. */
  public Clock clock() {
    return clock;
  }

  /** Resolves selectors (group paths, device paths, globs, expressions) to devices. */
  public SelectorResolver selectors() {
    return selectors;
  }

  /** The trails of the registry {@code registry}, if configured. */
  public Optional<DeviceTrails> trails(String registry) {
    return Optional.ofNullable(trails.get(registry));
  }

  // ---------------------------------------------------------------- rollouts (issue 5)

  /**
   * The fleet's rollouts: draft, preview, activate, pause/resume/abort, failures, retry, reroute,
   * backout, status views, and the engine's {@link Rollouts#tick()}. One instance per client; it
   * caches the engine's plans, so keep using the same client (a new client rebuilds them from the
   * store, which is also how a restart works).
   */
  public Rollouts rollouts() {
    return rollouts;
  }

  // ---------------------------------------------------------------- devices

  /**
   * Imports every device of every configured registry. New devices are added; known ones get their
   * registry data (nick, liveness, revision, SYSTEM and REGISTRY attributes) refreshed and keep their
   * fleet tags and fleet attributes. Idempotent: importing again changes only what the registry
   * changed.
   */
  public ImportResult importDevices() {
    return imports.everything();
  }

  /**
   * Imports only the given devices (the ones a user chose to entrust). Every id must exist in its
   * registry; otherwise nothing is imported and the exception names the missing devices.
   *
   * @throws NotFoundException naming the devices the registries do not have
   * @throws InvalidInputException if an id's registry is not configured
   */
  public ImportResult importDevices(Collection<DeviceId> ids) {
    return imports.only(ids);
  }

  /** Every device of the fleet, sorted by id. */
  public List<Device> devices() {
    return store.devices().stream().map(Versioned::value).collect(Collectors.toUnmodifiableList());
  }

  /** The number of devices in the fleet. */
  public long deviceCount() {
    return store.deviceCount();
  }

  /**
   * The device with this id.
   *
   * @throws NotFoundException if the fleet has no such device
   */
  public Device device(DeviceId id) {
    return findDevice(id).orElseThrow(() -> new NotFoundException("device", id.toString()));
  }

  /** The device with this id, if the fleet has it. */
  public Optional<Device> findDevice(DeviceId id) {
    Objects.requireNonNull(id, "device id");
    return store.device(id).map(Versioned::value);
  }

  /**
   * A device's attributes from all sources, each value with its source; {@link Attributes#bySource()}
   * groups them as the CLI's {@code attributes} command prints them.
   *
   * @throws NotFoundException if the fleet has no such device
   */
  public Attributes attributes(DeviceId id) {
    return device(id).attributes();
  }

  // ---------------------------------------------------------------- tags and fleet attributes

  /**
   * Adds a fleet tag to a device. Idempotent: tagging twice leaves one tag. Returns the device as
   * stored afterwards.
   *
   * @throws InvalidInputException if the tag breaks the {@link FleetTags} rules
   * @throws NotFoundException if the fleet has no such device
   */
  public Device tag(DeviceId id, String tag) {
    return edits.tag(id, tag);
  }

  /**
   * Removes a fleet tag from a device. Idempotent: removing an absent tag changes nothing.
   *
   * @throws InvalidInputException if the tag breaks the {@link FleetTags} rules
   * @throws NotFoundException if the fleet has no such device
   */
  public Device untag(DeviceId id, String tag) {
    return edits.untag(id, tag);
  }

  /**
   * Sets a fleet attribute ({@code Fleet-*}) on a device, kept in the fleet's store.
   *
   * @throws InvalidInputException if the name or value breaks the {@link FleetTags} rules
   * @throws NotFoundException if the fleet has no such device
   */
  public Device setFleetAttribute(DeviceId id, String name, String value) {
    return edits.setFleetAttribute(id, name, value);
  }

  /**
   * Removes a fleet attribute from a device. Idempotent.
   *
   * @throws InvalidInputException if the name breaks the {@link FleetTags} rules
   * @throws NotFoundException if the fleet has no such device
   */
  public Device removeFleetAttribute(DeviceId id, String name) {
    return edits.removeFleetAttribute(id, name);
  }

  // ---------------------------------------------------------------- groups, selectors and fleet
  // tags (issue 4)

  /**
   * Adds a group: its members are the members of {@code parent} that match the expression ({@code /} is
   * every device). The expression may come as separate terms, as the CLI receives them
   * ({@code Manufacturer=="Cisco"}, {@code Model=="121XPs"}); they are joined with spaces, which means
   * {@code and}. The path must lie below the parent's path (see {@link io.biggerfleet.group.GroupPath}
   * for the rules). Membership is derived, never stored, and stays current as devices change.
   *
   * <pre>{@code
   * fleet.addGroup("/", "/co/cisco/121XPs", "Manufacturer==\"Cisco\"", "Model==\"121XPs\"");
   * // Adding Group "/co/cisco/121XPs" (refining /).
   * // Currently 4 out of 11 matches..
   * }</pre>
   *
   * @throws InvalidInputException for a bad path, a path not below the parent, an existing path, or an
   *     invalid expression ({@link io.biggerfleet.match.MatchSyntaxException}, with line, column and
   *     caret); nothing is stored
   * @throws NotFoundException if the parent group does not exist
   */
  public GroupUpdate addGroup(String parent, String path, String... expressionTerms) {
    return groups.addGroup(parent, path, joinTerms(expressionTerms));
  }

  /**
   * Replaces a group's expression; its members, and its descendants' members, follow at once.
   *
   * @throws InvalidInputException for a bad path or expression; nothing is stored
   * @throws NotFoundException if there is no such group
   */
  public GroupUpdate changeGroupExpression(String path, String... expressionTerms) {
    return groups.changeExpression(path, joinTerms(expressionTerms));
  }

  /**
   * Removes a group and returns it. Refused while it has child groups or an active (or paused) rollout
   * selects it; the message names them.
   *
   * @throws InvalidInputException if the group is still in use; nothing changes
   * @throws NotFoundException if there is no such group
   */
  public Group removeGroup(String path) {
    return groups.removeGroup(path);
  }

  /** Every group, sorted by path — which lists the tree depth-first, parents before children. */
  public List<Group> groups() {
    return groups.groups();
  }

  /**
   * Why a device is in a group or not: one node per group from the top of the tree down to {@code path}
   * (a device is in a group when it matches the group's expression and is in its parent), each with
   * {@link io.biggerfleet.match.Matcher#explain} of that group's expression: every term, its result and
   * the value the device had — with the source of that value when the term names none, so an operator
   * sees where a device's own report (SYSTEM) put it into a group. {@code toString()} renders the tree.
   *
   * @throws InvalidInputException for a malformed path
   * @throws NotFoundException if there is no such group or device
   */
  public io.biggerfleet.match.Explanation explain(String path, DeviceId device) {
    return groups.explain(path, device(device));
  }

  /**
   * Lists every device under {@code path} by its device path ({@code /co/cisco/121XPs/DEVICEID-5@cisco.com})
   * with its fleet tags, once per group at or below the path, then {@code Found N devices}.
   *
   * @throws InvalidInputException for a malformed path
   * @throws NotFoundException if no group is at or below the path (the root {@code /} always lists)
   */
  public Listing ls(String path) {
    return groups.ls(path);
  }

  /**
   * Adds a fleet tag to every device {@code selector} selects (see {@link SelectorResolver}), in one
   * store transaction. Idempotent. The result's {@link TagChange#message()} is the CLI line, e.g.
   * {@code Tag "conservative" added to DEVICEID-5@cisco.com.}
   *
   * @throws InvalidInputException for a bad tag or selector, or a glob that matches nothing; nothing is stored
   * @throws NotFoundException for an unknown group path or device
   */
  public TagChange tagAll(String selector, String tag) {
    return groups.tag(selector, tag);
  }

  /**
   * Removes a fleet tag from every device {@code selector} selects, in one store transaction.
   * Idempotent; e.g. {@code Removed tag "conservative" from 1 device.}
   *
   * @throws InvalidInputException for a bad tag or selector; nothing is stored
   * @throws NotFoundException for an unknown group path or device
   */
  public TagChange untagAll(String selector, String tag) {
    return groups.untag(selector, tag);
  }

  /**
   * Rebuilds group memberships from the store on next use. Needed only when another process writes
   * the same store (a shared database); this client's own writes keep memberships current by themselves.
   */
  public void reloadGroups() {
    groups.reload();
  }

  private static String joinTerms(String... terms) {
    Objects.requireNonNull(terms, "expression");
    for (String t : terms) {
      Objects.requireNonNull(t, "expression term");
    }
    return String.join(" ", terms);
  }

  /** Up to {@code limit} audit events after {@code afterSeq}, oldest first. */
  public List<FleetEvent> events(long afterSeq, int limit) {
    return store.events(afterSeq, limit);
  }

  @Override
  public String toString() {
    return "FleetClient[registries=" + new TreeSet<>(registries.keySet()) + ", store=" + store
        + "]";
  }

  /**
   * Configures a {@link FleetClient}. Not thread-safe; {@link #build()} may be called more than once.
   */
  public static final class Builder {
    private final Map<String, DeviceRegistry> registries = new LinkedHashMap<>();
    private final Map<String, DeviceTrails> trails = new LinkedHashMap<>();
    private FleetStore store;
    private Clock clock;
    private String actor = "api";
    private RolloutLeasing leasing = RolloutLeasing.local();

    private Builder() {}

    /** Adds a device registry; its {@link DeviceRegistry#name()} must be unique among them. */
    public Builder registry(DeviceRegistry registry) {
      Objects.requireNonNull(registry, "registry");
      if (registries.containsKey(registry.name())) {
        throw new InvalidInputException(
            "A registry named '" + registry.name() + "' is already configured");
      }
      registries.put(registry.name(), registry);
      return this;
    }

    /** Adds several device registries (see {@link #registry(DeviceRegistry)}). */
    public Builder registries(Collection<? extends DeviceRegistry> all) {
      Objects.requireNonNull(all, "registries").forEach(this::registry);
      return this;
    }

    /** Adds the trails of one registry (posting steps, watching progress). */
    public Builder trails(DeviceTrails deviceTrails) {
      Objects.requireNonNull(deviceTrails, "trails");
      if (trails.containsKey(deviceTrails.registry())) {
        throw new InvalidInputException(
            "Trails for registry '" + deviceTrails.registry() + "' are already configured");
      }
      trails.put(deviceTrails.registry(), deviceTrails);
      return this;
    }

    /** The store; default a new {@link InMemoryFleetStore}. */
    public Builder store(FleetStore fleetStore) {
      this.store = Objects.requireNonNull(fleetStore, "store");
      return this;
    }

    /** The clock; default {@link Clock#systemUTC()}. Use a {@link ManualClock} in tests. */
    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /** Who the audit log names as the actor of this client's changes; default {@code api}. */
    public Builder actor(String name) {
      Objects.requireNonNull(name, "actor");
      if (name.isBlank()) {
        throw new InvalidInputException("Actor name is blank");
      }
      this.actor = name;
      return this;
    }

    /**
     * How this client's rollout engine takes turns with other instances on the same store; default
     * {@link RolloutLeasing#local()} (one process). For several instances on one database pass
     * {@code RolloutLeasing.shared(jdbcStore.leases(), instanceId)}.
     */
    public Builder leasing(RolloutLeasing l) {
      this.leasing = Objects.requireNonNull(l, "leasing");
      return this;
    }

    public FleetClient build() {
      return new FleetClient(this);
    }
  }
}
