package io.biggerfleet.rollout.internal;

import io.biggerfleet.LeaseLostException;
import io.biggerfleet.NotFoundException;
import io.biggerfleet.WriteConflictException;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.event.EventType;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.group.SelectorResolver;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutAction;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.model.RolloutTransition;
import io.biggerfleet.rollout.FleetLoad;
import io.biggerfleet.rollout.RolloutLeasing;
import io.biggerfleet.rollout.RolloutListener;
import io.biggerfleet.spi.DeviceTrails;
import io.biggerfleet.spi.FleetStore;
import io.biggerfleet.spi.StepMarker;
import io.biggerfleet.spi.Versioned;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The executor of the rollout engine, and the only place with effects: on each {@link #tick()} it
 * reads the store and the progress feeds, asks the pure {@link Decider} what to do with each rollout
 * ({@code (rollout, observations, now) → List<Decision>}), and carries the {@link Decision}s out —
 * posts steps through {@link DeviceTrails} with a {@link StepMarker}, cancels, writes the store in
 * batches, tells listeners. Time comes only from the injected {@link Clock}; leases and crash safety
 * live here, never in the decider.
 *
 * <p>This class is the lease-holding driver (takes each rollout's lease through {@link LeaseTakeover},
 * loads its plan, runs one round: {@link WholeDriving}, or {@link PartitionedDriving} when rollouts are
 * split into partitions) plus the shared write path ({@code commit}, fenced by the lease, then told to
 * the {@link RolloutListeners}). A round, for one rollout:
 * recover posts a crash left open ({@link Poster}), read the feeds ({@link FeedReader}, with the pure
 * {@link Outcomes}), then the decider's phases — {@link Decider#afterFeeds} (abort cleanup, carried out
 * by {@link AbortEffects}), while ACTIVE {@link Decider#posts} ({@link Poster}, {@link LateJoiners}) and
 * {@link Decider#gate} ({@link GateKeeper}) in turn, and {@link Decider#watching}. Each phase decides on
 * what the previous one did (a post may fail a device at once, and the gate counts it).
 *
 * <p><b>Idempotency.</b> Before posting, a device's record is written as {@link DeviceStatus#POSTING}
 * with the new attempt number; after the post, as POSTED with the revision. A restarted engine finds
 * devices left in POSTING and looks their step up by marker ({@link DeviceTrails#find}) before posting
 * again. Every write carries the rollout record at the version the engine read, so a pause, abort or
 * concurrent engine fences it out: nothing is posted for a rollout that is not ACTIVE.
 *
 * <p><b>Leases.</b> The engine drives a rollout only while holding its lease ({@link RolloutLeasing}):
 * acquired or renewed at the start of each tick of the rollout, renewed while working and before each
 * chunk of posts; with shared leases every store write for the rollout is fenced by it. A lost lease
 * ({@link LeaseLostException}) stops the work on that rollout for this tick, forgets its plan and tells
 * the listeners ({@link EventType#ROLLOUT_LEASE_LOST}); nothing of the failed write lands.
 *
 * <p>Thread-safe: every public method runs under the engine's lock.
 */
public final class RolloutEngine {
  static final int CHUNK = 500;
  static final int PAGE = 1000;
  static final int MAX_PAGES_PER_TICK = 200;

  final FleetStore store;
  final Clock clock;
  final Map<String, DeviceTrails> trails;
  final SelectorResolver resolver;
  final String actor;
  final LeaseKeeper leases;
  private final Abandonment abandonment = new Abandonment();
  final Map<String, DeviceTable> plans = new HashMap<>();
  /** Threads beside the engine's (posts, the feed's read-ahead), shared: no pool per call. */
  private final PostWorkers workers = new PostWorkers();

  final Poster poster = new Poster(this, workers);
  final FeedReader feeds = new FeedReader(this, workers);
  final GateKeeper gates = new GateKeeper(this);
  final AbortEffects aborts = new AbortEffects(this);
  final LateJoiners lateJoiners = new LateJoiners(this);
  final HealthGate health = new HealthGate(this);
  /** Partitioned driving, or null when each rollout is driven whole by its lease holder. */
  final PartitionKeeper partitions;

  private final PartitionedDriving partitioned;
  private final WholeDriving whole = new WholeDriving(this);
  private final LeaseTakeover takeover = new LeaseTakeover(this);
  private final RolloutListeners listeners = new RolloutListeners();

  public RolloutEngine(
      FleetStore store,
      Clock clock,
      Map<String, DeviceTrails> trails,
      SelectorResolver resolver,
      String actor) {
    this(store, clock, trails, resolver, actor, RolloutLeasing.local());
  }

  public RolloutEngine(
      FleetStore store,
      Clock clock,
      Map<String, DeviceTrails> trails,
      SelectorResolver resolver,
      String actor,
      RolloutLeasing leasing) {
    this.leases =
        new LeaseKeeper(Objects.requireNonNull(leasing, "leasing"), clock, abandonment::guard);
    this.store = abandonment.guard(Objects.requireNonNull(store, "store"));
    this.clock = Objects.requireNonNull(clock, "clock");
    this.trails = abandonment.guardAll(trails);
    this.resolver = Objects.requireNonNull(resolver, "selector resolver");
    this.actor = Objects.requireNonNull(actor, "actor");
    this.partitions = leasing.partitions() > 1
        ? new PartitionKeeper(leases, leasing.partitions(), clock, leasing.duration())
        : null;
    this.partitioned = partitions == null ? null : new PartitionedDriving(this, partitions);
  }

  public void addListener(RolloutListener l) {
    listeners.add(l);
  }

  public void removeListener(RolloutListener l) {
    listeners.remove(l);
  }

  // ------------------------------------------------------------------ driving

  /**
   * Drives every running or watched rollout once. Returns the number of rollouts driven. Once the
   * engine is {@linkplain #abandon() abandoned}, does nothing and returns 0.
   */
  public synchronized int tick() {
    int n = 0;
    try {
      if (abandonment.isAbandoned()) {
        return 0;
      }
      for (Versioned<Rollout> listed : store.rollouts()) {
        if (tick(listed.value().name())) {
          n++;
        }
      }
    } catch (Abandonment.Abandoned e) {
      // stopped where it stood; a new engine over the store recovers the rest
    }
    return n;
  }

  /**
   * Drives one rollout once; false if it needs no driving (not running, nothing to watch) or the
   * engine is {@linkplain #abandon() abandoned}.
   */
  public synchronized boolean tick(String name) {
    try {
      return !abandonment.isAbandoned() && driveOnce(name);
    } catch (Abandonment.Abandoned e) {
      return false; // stopped where it stood; a new engine over the store recovers the rest
    }
  }

  /**
   * Stops this engine abruptly, as if its process were killed; see {@code Rollouts.abandon()}. Not
   * synchronized: callable from any thread, also from inside a store or trails call the engine makes.
   */
  public void abandon() {
    abandonment.abandon();
  }

  private boolean driveOnce(String name) {
    Optional<Versioned<Rollout>> vr = store.rollout(name);
    if (vr.isEmpty() || !isLive(vr.get().value())) {
      plans.remove(name);
      leases.release(name);
      if (partitions != null) {
        partitions.releaseAll(name);
      }
      return false;
    }
    return partitions != null ? partitioned.driveOnce(name) : whole.driveOnce(name, vr.get());
  }

  /**
   * Acquires or renews the lease on {@code name}; false if another instance holds it (see
   * {@link LeaseTakeover#take}).
   */
  boolean acquireLease(String name) {
    return takeover.take(name);
  }

  void leaseLost(String name, LeaseLostException e) {
    takeover.lost(name, e);
  }

  static boolean isLive(Rollout r) {
    return r.state().isRunning() || r.run().watching();
  }

  void drive(DeviceTable p, Instant now) {
    if (!p.posting.isEmpty()) {
      poster.resolvePosting(p, now);
    }
    if (p.lead) {
      feeds.readFeeds(p, now);
      for (Decision d : Decider.afterFeeds(p.rollout, Observations.of(p))) {
        aborts.cleanupAbort(p, (Decision.CleanUpAbort) d, now);
      }
    }
    for (int guard = 0;
        guard <= p.rollout.stepCount() && p.rollout.state() == RolloutState.ACTIVE;
        guard++) {
      if (gates.holdForApproval(p, now)) {
        break;
      }
      if (poster.postDue(p, now)) {
        plans.remove(p.name); // late joiners were added: the plan reloads on the next tick
        return;
      }
      if (!p.lead || !gates.gate(p, now)) {
        break; // a follower posts its partitions; the lead decides the gate
      }
    }
    if (p.lead) {
      aborts.updateWatching(p, now);
    }
  }

  DeviceTable load(Versioned<Rollout> vr) {
    DeviceTable p = DeviceTable.of(vr, store.progress(vr.value().name()));
    if (DeviceZones.needed(p.rollout)) {
      p.zones = DeviceZones.of(p.ids, store.devices(), p.rollout.timezone());
    }
    return p;
  }

  long systemId(DeviceId id) {
    return store.device(id).map(v -> v.value().systemId()).orElseGet(() -> Device.systemIdOf(id));
  }

  /**
   * Writes the batch with the rollout as fence; on success updates the plan and tells listeners. When
   * partitioned, the batch is also fenced by the lease of each held partition its records are in; a
   * follower (not the lead) writes no rollout record, so its batch is fenced by partition leases alone.
   */
  void commit(DeviceTable p, Batch b, Rollout next) {
    if (p.lead) {
      b.rollout(next, p.version);
      leases.fence(p.name, b.writes);
    }
    if (p.mine != null) {
      partitioned.fence(p, b);
    }
    store.write(b.writes.build());
    if (p.lead) {
      p.version++;
      p.rollout = next;
    }
    publish(b);
  }

  /** Renews, before a chunk of posts, the lease(s) the posts of {@code idx} run under. */
  void confirmPosting(DeviceTable p, List<Integer> idx) {
    if (p.mine == null) {
      leases.renewNow(p.name);
    } else {
      partitioned.confirmPosting(p, idx);
    }
  }

  /** Throws {@link LeaseLostException} unless the lease device {@code i} is posted under is unexpired. */
  void checkPosting(DeviceTable p, int i) {
    if (p.mine == null) {
      leases.checkNotExpired(p.name);
    } else {
      partitioned.checkPosting(p, i);
    }
  }

  /** Tells listeners of a written batch: its events, then its state changes. */
  void publish(Batch b) {
    listeners.publish(b);
  }

  void publish(List<FleetEvent> events) {
    listeners.publish(events);
  }

  Batch batch(Instant now) {
    Batch b = new Batch(now, actor);
    return partitions == null ? b : b.partitioned(partitions.count());
  }

  Versioned<DeviceRolloutProgress> record(DeviceTable p, int i) {
    return store
        .progress(p.name, p.ids[i])
        .orElseThrow(() ->
            new WriteConflictException("Progress of " + p.ids[i] + " in " + p.name + " vanished"));
  }

  static StepMarker marker(DeviceRolloutProgress rec) {
    return StepMarker.of(rec.rollout(), rec.step(), rec.attempt());
  }

  DeviceTrails trailsOf(DeviceId id) {
    DeviceTrails t = trails.get(id.registry());
    if (t == null) {
      throw new NotFoundException("trails of registry", id.registry());
    }
    return t;
  }

  /** Mirrors a record's status and due time into the plan. */
  void apply(DeviceTable p, int i, DeviceRolloutProgress rec) {
    p.setStatus(i, rec.status());
    p.noteFailure(i, rec);
    if (rec.status() == DeviceStatus.WAITING && rec.dueAt().isPresent()) {
      p.setDue(i, rec.dueAt().get());
    } else {
      p.explicitDue.remove(i);
    }
  }

  /**
   * Looks {@code action} up in the transition table for {@code r} (throwing, with nothing changed, if it is
   * not legal), records the state-change event and the typed transition in {@code b}, and returns the
   * transition for {@link Rollout.Builder#transition}.
   */
  RolloutTransition transition(Batch b, Rollout r, RolloutAction action, String why) {
    RolloutTransition t = RolloutTransition.of(r.name(), r.state(), action);
    b.event(EventType.ROLLOUT_STATE_CHANGED, r.name(), t.from() + " -> " + t.to() + ": " + why);
    b.transitions.add(Map.entry(r.name(), t));
    return t;
  }

  /** Devices held by rollouts other than {@code except} (ACTIVE, PAUSED, ERROR), with their holder. */
  Map<DeviceId, String> holders(String except) {
    return DeviceHolders.except(store, except);
  }

  /**
   * Registers {@code check} under {@code name}: steps added with {@code health=name} ask it at their
   * gate (see {@link io.biggerfleet.spi.HealthCheck}). Replaces a check of the same name. Thread-safe.
   */
  public void registerHealthCheck(String name, io.biggerfleet.spi.HealthCheck check) {
    health.register(
        Objects.requireNonNull(name, "name"), Objects.requireNonNull(check, "health check"));
  }

  /** True if a health check named {@code name} is registered. */
  public boolean hasHealthCheck(String name) {
    return health.isRegistered(name);
  }

  // ------------------------------------------------------------------ counters

  /** Fleet load over the rollouts this engine has loaded. */
  public synchronized FleetLoad load() {
    Map<DeviceStatus, Long> m = new EnumMap<>(DeviceStatus.class);
    for (DeviceTable p : plans.values()) {
      for (DeviceStatus s : DeviceStatus.values()) {
        m.merge(s, (long) p.count(s), Long::sum);
      }
    }
    return new FleetLoad(m, plans.size(), listeners.failures());
  }

  /** Bytes of plan state per device held in memory (arrays; ids are shared with the store). */
  public static int planBytesPerDevice() {
    return DeviceTable.bytesPerDevice();
  }

  /** Forgets every cached plan (they reload from the store); for tests of restarts. */
  public synchronized void forgetPlans() {
    plans.clear();
  }
}
