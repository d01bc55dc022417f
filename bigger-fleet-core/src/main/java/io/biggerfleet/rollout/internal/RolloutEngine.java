package io.biggerfleet.rollout.internal;

import io.biggerfleet.FleetException;
import io.biggerfleet.LeaseLostException;
import io.biggerfleet.NotFoundException;
import io.biggerfleet.WriteConflictException;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.event.EventType;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.group.SelectorResolver;
import io.biggerfleet.rollout.DeviceRolloutProgress;
import io.biggerfleet.rollout.DeviceStatus;
import io.biggerfleet.rollout.FleetLoad;
import io.biggerfleet.rollout.GateFailurePolicy;
import io.biggerfleet.rollout.LateJoinerPolicy;
import io.biggerfleet.rollout.Rollout;
import io.biggerfleet.rollout.RolloutKind;
import io.biggerfleet.rollout.RolloutLeasing;
import io.biggerfleet.rollout.RolloutListener;
import io.biggerfleet.rollout.RolloutRun;
import io.biggerfleet.rollout.RolloutState;
import io.biggerfleet.rollout.StepConfig;
import io.biggerfleet.rollout.SuccessCriteria;
import io.biggerfleet.spi.DeviceTrails;
import io.biggerfleet.spi.FleetStore;
import io.biggerfleet.spi.ProgressPage;
import io.biggerfleet.spi.RolloutLease;
import io.biggerfleet.spi.StepMarker;
import io.biggerfleet.spi.StepRequest;
import io.biggerfleet.spi.TrailState;
import io.biggerfleet.spi.TrailStep;
import io.biggerfleet.spi.Versioned;
import io.biggerfleet.spi.WriteBatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The effects layer of the rollout engine: on each {@link #tick()} it reads the store and the
 * progress feeds, asks the pure parts ({@link Gate}, {@link Outcomes}, {@link Spread}) what to do, and
 * carries it out — posts steps through {@link DeviceTrails} with a {@link StepMarker}, cancels, and
 * writes the store. Time comes only from the injected {@link Clock}.
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
  static final Duration JOINER_INTERVAL = Duration.ofHours(1);

  final FleetStore store;
  final Clock clock;
  final Map<String, DeviceTrails> trails;
  final SelectorResolver resolver;
  final String actor;
  final LeaseKeeper leases;
  final Map<String, Plan> plans = new HashMap<>();
  private final List<RolloutListener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong listenerFailures = new AtomicLong();

  public RolloutEngine(FleetStore store, Clock clock, Map<String, DeviceTrails> trails, SelectorResolver resolver,
      String actor) {
    this(store, clock, trails, resolver, actor, RolloutLeasing.local());
  }

  public RolloutEngine(FleetStore store, Clock clock, Map<String, DeviceTrails> trails, SelectorResolver resolver,
      String actor, RolloutLeasing leasing) {
    this.leases = new LeaseKeeper(Objects.requireNonNull(leasing, "leasing"), clock);
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.trails = Map.copyOf(trails);
    this.resolver = Objects.requireNonNull(resolver, "selector resolver");
    this.actor = Objects.requireNonNull(actor, "actor");
  }

  public void addListener(RolloutListener l) {
    listeners.add(Objects.requireNonNull(l, "listener"));
  }

  public void removeListener(RolloutListener l) {
    listeners.remove(l);
  }

  // ------------------------------------------------------------------ driving

  /** Drives every running or watched rollout once. Returns the number of rollouts driven. */
  public synchronized int tick() {
    int n = 0;
    for (Versioned<Rollout> listed : store.rollouts()) {
      if (tick(listed.value().name())) {
        n++;
      }
    }
    return n;
  }

  /** Drives one rollout once; false if it needs no driving (not running, nothing to watch). */
  public synchronized boolean tick(String name) {
    Optional<Versioned<Rollout>> vr = store.rollout(name);
    if (vr.isEmpty() || !isLive(vr.get().value())) {
      plans.remove(name);
      leases.release(name);
      return false;
    }
    try {
      if (!takeLease(name)) {
        plans.remove(name);
        return false; // another live instance drives it
      }
      if (!plans.containsKey(name)) {
        vr = store.rollout(name); // re-read under the lease
        if (vr.isEmpty() || !isLive(vr.get().value())) {
          leases.release(name);
          return false;
        }
      }
      Plan p = plans.get(name);
      if (p == null || p.version != vr.get().version()) {
        p = load(vr.get());
        plans.put(name, p);
      }
      drive(p, clock.instant());
      if (!isLive(p.rollout)) {
        leases.release(name);
      }
    } catch (LeaseLostException e) {
      leaseLost(name, e);
    } catch (WriteConflictException e) {
      // Someone changed the rollout or a record under us: forget the plan, re-read next time.
      plans.remove(name);
    }
    return true;
  }

  /**
   * Acquires or renews the lease on {@code name}; false if another instance holds it. With shared
   * leases, a lease newly taken (new token) drops the cached plan (another instance may have moved
   * the rollout on) and, when taken over from another instance, logs who took it.
   */
  private boolean takeLease(String name) {
    RolloutLease before = leases.held(name);
    Optional<RolloutLease> prev = Optional.empty();
    if (leases.fenced() && (before == null || before.isExpiredAt(clock.instant()))) {
      prev = leases.current(name);
    }
    Optional<RolloutLease> got = leases.hold(name);
    if (got.isEmpty()) {
      return false;
    }
    RolloutLease lease = got.get();
    if (leases.fenced() && (before == null || before.token() != lease.token())) {
      plans.remove(name);
      if (prev.isPresent() && !prev.get().holder().equals(lease.holder())) {
        FleetEvent e = FleetEvent.of(clock.instant(), EventType.ROLLOUT_LEASE_TAKEN, name, actor,
            leases.holder() + " took over driving " + name + " from " + prev.get().holder() + " (lease token "
                + lease.token() + ")");
        store.write(WriteBatch.builder().appendEvent(e).fencedBy(lease).build());
        publish(List.of(e));
      }
    }
    return true;
  }

  private void leaseLost(String name, LeaseLostException e) {
    plans.remove(name);
    leases.forget(name);
    publish(List.of(FleetEvent.of(clock.instant(), EventType.ROLLOUT_LEASE_LOST, name, actor,
        leases.holder() + " lost the lease on " + name + " and stopped driving it: " + e.getMessage())));
  }

  static boolean isLive(Rollout r) {
    return r.state() == RolloutState.ACTIVE || r.state() == RolloutState.PAUSED || r.run().watching();
  }

  private void drive(Plan p, Instant now) {
    if (!p.posting.isEmpty()) {
      resolvePosting(p, now);
    }
    readFeeds(p, now);
    if (p.rollout.state() == RolloutState.ABORTED) {
      cleanupAbort(p, now);
    }
    for (int guard = 0; guard <= p.rollout.stepCount() && p.rollout.state() == RolloutState.ACTIVE; guard++) {
      postDue(p, now);
      if (!plans.containsKey(p.name)) {
        return; // late joiners were added: the plan reloads on the next tick
      }
      if (!gate(p, now)) {
        break;
      }
    }
    updateWatching(p, now);
  }

  Plan load(Versioned<Rollout> vr) {
    Rollout r = vr.value();
    List<Versioned<DeviceRolloutProgress>> recs = store.progress(r.name());
    int n = recs.size();
    DeviceId[] ids = new DeviceId[n];
    byte[] step = new byte[n];
    byte[] status = new byte[n];
    for (int i = 0; i < n; i++) {
      DeviceRolloutProgress rec = recs.get(i).value();
      ids[i] = rec.device();
      step[i] = (byte) rec.step();
      status[i] = (byte) rec.status().ordinal();
    }
    int[] spread = spreads(r.name(), ids);
    Plan p = new Plan(r, vr.version(), ids, step, status, spread);
    for (int i = 0; i < n; i++) {
      DeviceRolloutProgress rec = recs.get(i).value();
      if (rec.status() == DeviceStatus.QUEUED && rec.dueAt().isPresent()) {
        p.setDue(i, rec.dueAt().get());
      }
      if (rec.status() == DeviceStatus.POSTING) {
        p.posting.add(i);
      }
    }
    return p;
  }

  /**
   * The spread of each device (ids sorted): one merge pass over the store's sorted device list instead
   * of a lookup per device; a device the store does not know falls back to {@link Device#systemIdOf}.
   */
  int[] spreads(String rollout, DeviceId[] sortedIds) {
    int[] out = new int[sortedIds.length];
    List<Versioned<Device>> all = store.devices();
    int j = 0;
    for (int i = 0; i < sortedIds.length; i++) {
      DeviceId id = sortedIds[i];
      while (j < all.size() && all.get(j).value().id().compareTo(id) < 0) {
        j++;
      }
      long sys = j < all.size() && all.get(j).value().id().equals(id) ? all.get(j).value().systemId()
          : Device.systemIdOf(id);
      out[i] = Spread.of(rollout, sys);
    }
    return out;
  }

  long systemId(DeviceId id) {
    return store.device(id).map(v -> v.value().systemId()).orElseGet(() -> Device.systemIdOf(id));
  }

  /** Writes the batch with the rollout as fence; on success updates the plan and tells listeners. */
  void commit(Plan p, Batch b, Rollout next) {
    b.rollout(next, p.version);
    leases.fence(p.name, b.writes);
    store.write(b.writes.build());
    p.version++;
    p.rollout = next;
    publish(b.events);
  }

  void publish(List<FleetEvent> events) {
    for (FleetEvent e : events) {
      for (RolloutListener l : listeners) {
        try {
          l.onEvent(e);
        } catch (RuntimeException ex) {
          listenerFailures.incrementAndGet();
        }
      }
    }
  }

  Batch batch(Instant now) {
    return new Batch(now, actor);
  }

  Versioned<DeviceRolloutProgress> record(Plan p, int i) {
    return store.progress(p.name, p.ids[i])
        .orElseThrow(() -> new WriteConflictException("Progress of " + p.ids[i] + " in " + p.name + " vanished"));
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

  // ------------------------------------------------------------------ posting

  /** Devices left in POSTING by a crash: find their step by marker; post only if it is not there. */
  private void resolvePosting(Plan p, Instant now) {
    List<Integer> todo = new ArrayList<>(p.posting);
    p.posting.clear();
    for (int from = 0; from < todo.size(); from += CHUNK) {
      Batch b = batch(now);
      List<int[]> repost = new ArrayList<>();
      for (int i : todo.subList(from, Math.min(todo.size(), from + CHUNK))) {
        Versioned<DeviceRolloutProgress> v = record(p, i);
        DeviceRolloutProgress rec = v.value();
        if (rec.status() != DeviceStatus.POSTING) {
          continue;
        }
        Optional<TrailStep> found = trailsOf(rec.device()).find(rec.device(), marker(rec));
        if (found.isPresent()) {
          TrailStep st = found.get();
          DeviceRolloutProgress next = Outcomes.apply(rec, st.rev(), st.progress(), p.rollout, now);
          next = next == null ? rec.toBuilder().status(DeviceStatus.POSTED).rev(st.rev()).updatedAt(now).build() : next;
          b.put(next, v.version());
          apply(p, i, next);
        } else if (p.rollout.state() == RolloutState.ACTIVE) {
          repost.add(new int[] {i});
        } else {
          DeviceRolloutProgress next = rec.toBuilder().status(DeviceStatus.QUEUED).attempt(rec.attempt() - 1)
              .updatedAt(now).build();
          b.put(next, v.version());
          apply(p, i, next);
        }
      }
      if (!b.isEmpty()) {
        commit(p, b, p.rollout);
      }
      if (!repost.isEmpty()) {
        List<Integer> idx = new ArrayList<>();
        repost.forEach(a -> idx.add(a[0]));
        postRecorded(p, idx, Map.of(), now);
      }
    }
  }

  private void postDue(Plan p, Instant now) {
    Rollout r = p.rollout;
    int s = r.run().currentStep();
    int[] ord = p.order[s - 1];
    Instant start = r.run().stepStartedAt().orElse(now);
    long windowMs = r.config(s).window().toMillis();
    long nowMs = now.toEpochMilli();
    long startMs = start.toEpochMilli();
    List<Integer> due = new ArrayList<>();
    while (p.pos < ord.length) {
      int i = ord[p.pos];
      if (startMs + Spread.offsetMillis(windowMs, p.spread[i]) > nowMs) {
        break;
      }
      if (p.status(i) == DeviceStatus.QUEUED && !p.explicitDue.containsKey(i)) {
        due.add(i);
      }
      p.pos++;
    }
    while (!p.dueQueue.isEmpty() && p.dueQueue.peek()[0] <= nowMs) {
      long[] e = p.dueQueue.poll();
      int i = (int) e[1];
      Long want = p.explicitDue.get(i);
      if (want != null && want == e[0] && p.status(i) == DeviceStatus.QUEUED) {
        p.explicitDue.remove(i);
        due.add(i);
      }
    }
    if (r.lateJoiners() == LateJoinerPolicy.JOIN_FINAL && s == r.stepCount()
        && r.run().nextJoinerCheck().map(t -> !t.isAfter(now)).orElse(false)) {
      addLateJoiners(p, now);
      if (!plans.containsKey(p.name)) {
        return;
      }
    }
    for (int from = 0; from < due.size(); from += CHUNK) {
      post(p, due.subList(from, Math.min(due.size(), from + CHUNK)), now);
    }
  }

  /** Posts QUEUED devices: record POSTING (fenced), post, record POSTED. */
  private void post(Plan p, List<Integer> idx, Instant now) {
    Batch b = batch(now);
    List<Integer> recorded = new ArrayList<>();
    Map<Integer, Versioned<DeviceRolloutProgress>> written = new HashMap<>();
    int current = p.rollout.run().currentStep();
    boolean postsInCurrentStep = false;
    for (int i : idx) {
      Versioned<DeviceRolloutProgress> v = record(p, i);
      DeviceRolloutProgress rec = v.value();
      if (rec.status() != DeviceStatus.QUEUED) {
        continue;
      }
      postsInCurrentStep |= rec.step() == current;
      DeviceRolloutProgress next = rec.toBuilder().status(DeviceStatus.POSTING).attempt(rec.attempt() + 1)
          .dueAt(null).updatedAt(now).build();
      b.put(next, v.version());
      apply(p, i, next);
      recorded.add(i);
      written.put(i, new Versioned<>(next, v.version() + 1));
    }
    if (recorded.isEmpty()) {
      return;
    }
    commit(p, b, postsInCurrentStep ? gateAtLeastTimeoutAfter(p.rollout, now) : p.rollout);
    postRecorded(p, recorded, written, now);
  }

  /**
   * A device posted late (the engine was not running at its post time: no command used the CLI, the
   * process was down, the rollout was in ERROR until a retry) still gets the step's full timeout to
   * report: the gate moves to at least {@code now + timeout}. Posts made on schedule never move it
   * (their post time + timeout is before step start + window + timeout).
   */
  private static Rollout gateAtLeastTimeoutAfter(Rollout r, Instant now) {
    RolloutRun run = r.run();
    Instant least = now.plus(r.config(run.currentStep()).timeout());
    if (run.gateAt().isEmpty() || !run.gateAt().get().isBefore(least)) {
      return r;
    }
    return r.withRun(run.toBuilder().gateAt(least).build());
  }

  /** Posts devices already recorded as POSTING (their marker names the attempt), then records POSTED. */
  private void postRecorded(Plan p, List<Integer> idx, Map<Integer, Versioned<DeviceRolloutProgress>> known,
      Instant now) {
    Batch b = batch(now);
    Rollout r = p.rollout;
    leases.confirm(p.name);
    for (int i : idx) {
      leases.checkNotExpired(p.name);
      Versioned<DeviceRolloutProgress> v = known.containsKey(i) ? known.get(i) : record(p, i);
      DeviceRolloutProgress rec = v.value();
      DeviceId id = rec.device();
      DeviceRolloutProgress next;
      try {
        DeviceTrails t = trailsOf(id);
        TrailState target;
        int base;
        if (r.kind() == RolloutKind.BACKOUT) {
          base = rec.baseRev();
          Optional<TrailStep> before = base < 0 ? Optional.empty() : t.step(id, base);
          if (before.isEmpty() || before.get().state().isEmpty()) {
            next = rec.toBuilder().status(DeviceStatus.FAILED).updatedAt(now)
                .message("cannot revert: pre-rollout revision " + base + " is unknown").build();
            b.put(next, v.version());
            apply(p, i, next);
            continue;
          }
          target = before.get().state().get();
        } else {
          TrailStep latest = t.latest(id);
          TrailState current = latest.state().orElse(TrailState.empty());
          target = (rec.detour() && r.detour().isPresent() ? r.detour().get() : r.change()).applyTo(current);
          base = rec.baseRev() >= 0 ? rec.baseRev() : latest.rev();
        }
        TrailStep posted = t.post(id, new StepRequest(target, commitMessage(r, rec), marker(rec)));
        next = rec.toBuilder().status(DeviceStatus.POSTED).rev(posted.rev()).baseRev(base)
            .reported(posted.progress().rawStatus(), 0, "").updatedAt(now).build();
        b.event(EventType.DEVICE_POSTED, id.toString(), r.name() + ": posted step " + rec.step() + "/"
            + r.stepCount() + " attempt " + rec.attempt() + (rec.detour() ? " (detour)" : "") + " as rev "
            + posted.rev());
      } catch (NotFoundException e) {
        next = rec.toBuilder().status(DeviceStatus.FAILED).updatedAt(now).message(e.getMessage()).build();
        b.event(EventType.DEVICE_RESULT, id.toString(), r.name() + ": cannot post: " + e.getMessage());
      } catch (FleetException e) {
        // Unknown whether the post went through: stays POSTING, resolved by marker next tick.
        p.posting.add(i);
        continue;
      }
      b.put(next, v.version());
      apply(p, i, next);
    }
    if (!b.isEmpty()) {
      commit(p, b, p.rollout);
    }
  }

  private static String commitMessage(Rollout r, DeviceRolloutProgress rec) {
    if (r.kind() == RolloutKind.BACKOUT) {
      return r.message().isEmpty() ? "Back out " + r.parent().orElse("") : r.message();
    }
    return rec.detour() ? "Detour before: " + r.message() : r.message();
  }

  /** Mirrors a record's status and due time into the plan. */
  void apply(Plan p, int i, DeviceRolloutProgress rec) {
    p.setStatus(i, rec.status());
    if (rec.status() == DeviceStatus.QUEUED && rec.dueAt().isPresent()) {
      p.setDue(i, rec.dueAt().get());
    } else {
      p.explicitDue.remove(i);
    }
  }

  // ------------------------------------------------------------------ progress

  private void readFeeds(Plan p, Instant now) {
    for (String registry : p.registries) {
      DeviceTrails t = trails.get(registry);
      if (t == null) {
        continue;
      }
      String cursor = p.rollout.run().cursors().get(registry);
      for (int page = 0; page < MAX_PAGES_PER_TICK; page++) {
        ProgressPage pg = t.progressSince(cursor, PAGE);
        if (pg.steps().isEmpty()) {
          break;
        }
        Batch b = batch(now);
        Map<Integer, Versioned<DeviceRolloutProgress>> read = new LinkedHashMap<>();
        Map<Integer, DeviceRolloutProgress> changed = new LinkedHashMap<>();
        for (TrailStep st : pg.steps()) {
          Optional<StepMarker> m = st.marker();
          if (m.isEmpty() || !m.get().rollout().equals(p.name)) {
            continue;
          }
          int i = p.indexOf(st.device());
          if (i < 0) {
            continue;
          }
          Versioned<DeviceRolloutProgress> v = read.computeIfAbsent(i, k -> record(p, k));
          DeviceRolloutProgress rec = changed.getOrDefault(i, v.value());
          if (m.get().attempt() != rec.attempt() || m.get().step() != rec.step()
              || (rec.status() != DeviceStatus.POSTING && rec.rev() != st.rev())) {
            continue; // an older attempt, or a step we did not post
          }
          DeviceRolloutProgress next = Outcomes.apply(rec, st.rev(), st.progress(), p.rollout, now);
          if (next != null) {
            changed.put(i, next);
          }
        }
        for (Map.Entry<Integer, DeviceRolloutProgress> e : changed.entrySet()) {
          int i = e.getKey();
          DeviceRolloutProgress before = read.get(i).value();
          DeviceRolloutProgress next = e.getValue();
          b.put(next, read.get(i).version());
          apply(p, i, next);
          p.posting.remove(i);
          resultEvent(b, p.rollout, before, next);
        }
        cursor = pg.nextCursor();
        Rollout r = p.rollout;
        commit(p, b, r.withRun(r.run().toBuilder().cursor(registry, cursor).build()));
      }
    }
  }

  private static void resultEvent(Batch b, Rollout r, DeviceRolloutProgress before, DeviceRolloutProgress next) {
    String id = next.device().toString();
    if (next.status().isTerminal() && next.status() != before.status()) {
      b.event(EventType.DEVICE_RESULT, id, r.name() + ": step " + next.step() + " attempt " + next.attempt() + " "
          + next.status() + " (" + next.deviceStatus() + (next.message().isEmpty() ? "" : ": " + next.message())
          + ")");
    } else if (next.status() == DeviceStatus.QUEUED && before.status() != DeviceStatus.QUEUED) {
      b.event(EventType.DEVICE_RETRY, id, r.name() + ": step " + next.step() + " attempt " + next.attempt() + " "
          + next.deviceStatus() + "; next attempt due " + next.dueAt().map(Instant::toString).orElse("now")
          + (next.message().isEmpty() ? "" : " (" + next.message() + ")"));
    }
  }

  // ------------------------------------------------------------------ gates

  /** Evaluates the current step's gate; true if the rollout moved on to another step. */
  private boolean gate(Plan p, Instant now) {
    Rollout r = p.rollout;
    RolloutRun run = r.run();
    int s = run.currentStep();
    StepConfig cfg = r.config(s);
    int total = p.total(s);
    int ok = p.count(s, DeviceStatus.SUCCEEDED);
    int failed = p.count(s, DeviceStatus.FAILED);
    Instant gateAt = run.gateAt().orElse(now);
    if (r.kind() == RolloutKind.BACKOUT && r.parent().flatMap(store::rollout)
        .map(v -> v.value().run().watching()).orElse(false)) {
      return false; // the parent is still handing devices over
    }
    Gate.Decision d = Gate.decide(cfg.criteria(), total, ok, failed, now, gateAt);
    if (d == Gate.Decision.WAIT) {
      return false;
    }
    int reportedBp = SuccessCriteria.basisPoints(ok + failed, total);
    int successBp = SuccessCriteria.basisPoints(ok, ok + failed);
    String figures = "step " + s + "/" + r.stepCount() + ": " + (ok + failed) + " of " + total + " reported ("
        + SuccessCriteria.percentText(reportedBp) + "%), " + ok + " of " + (ok + failed) + " succeeded ("
        + SuccessCriteria.percentText(successBp) + "%); criteria " + cfg.criteria()
        + (now.isBefore(gateAt) ? " (early)" : "");
    Batch b = batch(now);
    if (d == Gate.Decision.PASS) {
      b.event(EventType.GATE_PASSED, r.name(), "Gate passed at " + figures);
      if (s == r.stepCount()) {
        int all = p.size();
        int allOk = p.count(DeviceStatus.SUCCEEDED);
        int allFailed = p.count(DeviceStatus.FAILED);
        int queued = p.count(DeviceStatus.QUEUED);
        if (queued > 0) {
          expireQueued(p, b, now);
          allFailed = p.count(DeviceStatus.FAILED);
        }
        RolloutRun next = run.toBuilder().finishedAt(now)
            .lastGate(SuccessCriteria.basisPoints(allOk + allFailed, all), SuccessCriteria.basisPoints(allOk, allOk + allFailed))
            .watching(p.outstanding() > 0).nextJoinerCheck(null).build();
        stateEvent(b, r, RolloutState.DONE, "every gate passed");
        commit(p, b, r.toBuilder().state(RolloutState.DONE).run(next).build());
        return false;
      }
      int ns = s + 1;
      RolloutRun.Builder next = run.toBuilder().currentStep(ns).stepStartedAt(now)
          .gateAt(now.plus(r.config(ns).span())).lastGate(reportedBp, successBp);
      if (ns == r.stepCount() && r.lateJoiners() == LateJoinerPolicy.JOIN_FINAL) {
        next.nextJoinerCheck(now);
      }
      b.event(EventType.STEP_STARTED, r.name(), "Step " + ns + "/" + r.stepCount() + " started with "
          + p.total(ns) + " devices; gate at " + now.plus(r.config(ns).span()) + " at the latest");
      commit(p, b, r.withRun(next.build()));
      p.pos = 0;
      return true;
    }
    b.event(EventType.GATE_FAILED, r.name(), "Gate failed at " + figures);
    RolloutRun.Builder next = run.toBuilder().lastGate(reportedBp, successBp).failedStep(s).finishedAt(now)
        .watching(true);
    if (r.onGateFailure() == GateFailurePolicy.BACK_OUT && r.kind() == RolloutKind.CHANGE) {
      Rollout backout = backoutRollout(r, now);
      next.backout(backout.name());
      stateEvent(b, r, RolloutState.ABORTED, "gate failed; backing out automatically as " + backout.name());
      b.rollout(backout, 0);
      b.event(EventType.ROLLOUT_CREATED, backout.name(), "Backout of " + r.name() + " created");
      commit(p, b, r.toBuilder().state(RolloutState.ABORTED).run(next.build()).build());
      cleanupAbort(p, now);
    } else {
      stateEvent(b, r, RolloutState.ERROR, "gate failed");
      commit(p, b, r.toBuilder().state(RolloutState.ERROR).run(next.build()).build());
    }
    return false;
  }

  /** At DONE: devices still waiting for an automatic retry end FAILED (an operator can retry them). */
  private void expireQueued(Plan p, Batch b, Instant now) {
    for (int i = 0; i < p.size(); i++) {
      if (p.status(i) == DeviceStatus.QUEUED) {
        Versioned<DeviceRolloutProgress> v = record(p, i);
        DeviceRolloutProgress next = v.value().toBuilder().status(DeviceStatus.FAILED).dueAt(null).updatedAt(now)
            .message("automatic retry dropped: rollout done; last: " + v.value().message()).build();
        b.put(next, v.version());
        apply(p, i, next);
      }
    }
  }

  void stateEvent(Batch b, Rollout r, RolloutState to, String why) {
    r.state().checkMove(r.name(), to, "move");
    b.event(EventType.ROLLOUT_STATE_CHANGED, r.name(), r.state() + " -> " + to + ": " + why);
  }

  // ------------------------------------------------------------------ abort, backout

  Rollout backoutRollout(Rollout r, Instant now) {
    String base = r.name().length() > 56 ? r.name().substring(0, 56) : r.name();
    String name = base + "-backout";
    for (int n = 2; store.rollout(name).isPresent(); n++) {
      name = base + "-backout" + n;
    }
    StepConfig cfg = StepConfig.of(Duration.ZERO, r.defaults().timeout(), SuccessCriteria.ofBasisPoints(0, 0));
    return Rollout.builder(name).backoutOf(r.name()).change(r.change()).message("Back out " + r.name())
        .devices(r.devices()).defaults(cfg).state(RolloutState.ACTIVE).createdAt(now)
        .run(RolloutRun.notStarted().toBuilder().activatedAt(now).currentStep(1).stepStartedAt(now)
            .gateAt(now.plus(cfg.span())).build())
        .build();
  }

  /**
   * Finishes an abort: drops queued devices, cancels posted steps not yet picked up; with a backout,
   * hands every device that took (or is taking) the change to the backout rollout. Idempotent.
   */
  private void cleanupAbort(Plan p, Instant now) {
    Optional<String> backout = p.rollout.run().backout();
    List<Integer> todo = new ArrayList<>();
    for (int i = 0; i < p.size(); i++) {
      DeviceStatus s = p.status(i);
      if (s == DeviceStatus.QUEUED || s == DeviceStatus.POSTING || s == DeviceStatus.POSTED
          || (backout.isPresent() && (s == DeviceStatus.IN_PROGRESS || s == DeviceStatus.SUCCEEDED))) {
        todo.add(i);
      }
    }
    p.posting.clear();
    for (int from = 0; from < todo.size(); from += CHUNK) {
      Batch b = batch(now);
      List<DeviceRolloutProgress> handed = new ArrayList<>();
      for (int i : todo.subList(from, Math.min(todo.size(), from + CHUNK))) {
        Versioned<DeviceRolloutProgress> v = record(p, i);
        DeviceRolloutProgress rec = v.value();
        boolean took;
        switch (rec.status()) {
          case QUEUED:
            took = false;
            break;
          case POSTING: {
            Optional<TrailStep> found = trailsOf(rec.device()).find(rec.device(), marker(rec));
            took = found.isPresent() && !trailsOf(rec.device()).cancel(rec.device(), found.get().rev());
            if (found.isPresent()) {
              rec = rec.toBuilder().rev(found.get().rev()).build();
            }
            break;
          }
          case POSTED:
            took = !trailsOf(rec.device()).cancel(rec.device(), rec.rev());
            break;
          default:
            took = true;
        }
        DeviceRolloutProgress next;
        if (!took) {
          next = rec.toBuilder().status(DeviceStatus.ABORTED).dueAt(null).updatedAt(now)
              .message(rec.status() == DeviceStatus.QUEUED ? "not posted: rollout aborted" : "cancelled: rollout aborted")
              .build();
          b.event(EventType.DEVICE_ABORTED, rec.device().toString(), p.name + ": " + next.message());
        } else if (backout.isPresent() && rec.baseRev() >= 0) {
          next = rec.toBuilder().status(DeviceStatus.ROLLED_BACK).updatedAt(now)
              .message("reverted by " + backout.get()).build();
          handed.add(DeviceRolloutProgress.builder(backout.get(), rec.device(), 1, now).baseRev(rec.baseRev()).build());
          b.event(EventType.DEVICE_ROLLBACK, rec.device().toString(), p.name + ": handed to " + backout.get()
              + " to restore rev " + rec.baseRev());
        } else {
          next = rec.toBuilder().status(DeviceStatus.IN_PROGRESS).updatedAt(now).build();
        }
        if (!Outcomes.sameButTime(v.value(), next)) {
          b.put(next, v.version());
          apply(p, i, next);
        }
      }
      if (!handed.isEmpty()) {
        Versioned<Rollout> bo = store.rollout(backout.get())
            .orElseThrow(() -> new WriteConflictException("Backout rollout " + backout.get() + " vanished"));
        for (DeviceRolloutProgress h : handed) {
          b.put(h, 0);
        }
        Rollout br = bo.value();
        b.rollout(br.withRun(br.run().toBuilder().deviceCount(br.run().deviceCount() + handed.size()).build()),
            bo.version());
        plans.remove(br.name());
      }
      commit(p, b, p.rollout);
    }
  }

  private void updateWatching(Plan p, Instant now) {
    Rollout r = p.rollout;
    if (!r.state().isFinished()) {
      return;
    }
    boolean need = p.outstanding() > 0 || (r.state() == RolloutState.ABORTED && p.count(DeviceStatus.QUEUED) > 0);
    if (need != r.run().watching()) {
      commit(p, batch(now), r.withRun(r.run().toBuilder().watching(need).build()));
    }
  }

  // ------------------------------------------------------------------ late joiners

  private void addLateJoiners(Plan p, Instant now) {
    Rollout r = p.rollout;
    Set<DeviceId> held = heldByOthers(r.name());
    int fin = r.stepCount();
    Instant start = r.run().stepStartedAt().orElse(now);
    Batch b = batch(now);
    int added = 0;
    for (DeviceId id : resolver.resolve(r.devices())) {
      if (p.indexOf(id) >= 0 || held.contains(id) || store.progress(r.name(), id).isPresent()) {
        continue;
      }
      Instant due = Spread.dueAt(start, r.config(fin).window(), Spread.of(r.name(), systemId(id)));
      b.put(DeviceRolloutProgress.builder(r.name(), id, fin, now).dueAt(due.isBefore(now) ? now : due).build(), 0);
      added++;
    }
    RolloutRun.Builder run = r.run().toBuilder().nextJoinerCheck(now.plus(JOINER_INTERVAL));
    if (added > 0) {
      run.deviceCount(r.run().deviceCount() + added);
      b.event(EventType.LATE_JOINERS_ADDED, r.name(), added + " late joiners added to FINAL");
    }
    commit(p, b, r.withRun(run.build()));
    if (added > 0) {
      plans.remove(r.name());
    }
  }

  /** Devices held by rollouts other than {@code name} (ACTIVE, PAUSED, ERROR), with their holder. */
  Map<DeviceId, String> holders(String except) {
    Map<DeviceId, String> m = new HashMap<>();
    for (Versioned<Rollout> o : store.rollouts()) {
      Rollout r = o.value();
      if (r.name().equals(except) || !r.state().holdsDevices()) {
        continue;
      }
      for (Versioned<DeviceRolloutProgress> rec : store.progress(r.name())) {
        DeviceStatus s = rec.value().status();
        if (s != DeviceStatus.ABORTED && s != DeviceStatus.ROLLED_BACK) {
          m.putIfAbsent(rec.value().device(), r.name());
        }
      }
    }
    return m;
  }

  private Set<DeviceId> heldByOthers(String except) {
    return new HashSet<>(holders(except).keySet());
  }

  // ------------------------------------------------------------------ counters

  /** Fleet load over the rollouts this engine has loaded. */
  public synchronized FleetLoad load() {
    Map<DeviceStatus, Long> m = new EnumMap<>(DeviceStatus.class);
    for (Plan p : plans.values()) {
      for (DeviceStatus s : DeviceStatus.values()) {
        m.merge(s, (long) p.count(s), Long::sum);
      }
    }
    return new FleetLoad(m, plans.size(), listenerFailures.get());
  }

  /** Bytes of plan state per device held in memory (arrays; ids are shared with the store). */
  public static int planBytesPerDevice() {
    return Plan.bytesPerDevice();
  }

  /** Forgets every cached plan (they reload from the store); for tests of restarts. */
  public synchronized void forgetPlans() {
    plans.clear();
  }
}
