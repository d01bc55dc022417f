package io.biggerfleet.rollout.internal;

import io.biggerfleet.model.AbortRule;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.GateFailurePolicy;
import io.biggerfleet.model.LateJoinerPolicy;
import io.biggerfleet.model.MaintenanceWindow;
import io.biggerfleet.model.Pacing;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutKind;
import io.biggerfleet.model.RolloutRun;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.model.StepConfig;
import io.biggerfleet.model.SuccessCriteria;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pure rollout decider: {@code (rollout, observations, now) → List<Decision>}. No store, trails,
 * clock or leases: everything it needs comes in as arguments, and what it decides goes out as
 * {@link Decision} values the executor carries out. Built on the pure pieces {@link Gate} (a step's
 * gate), {@link Spread} (a device's post time) and {@link Outcomes} (a report's effect on a record).
 *
 * <p>A tick asks in phases, because a later phase must see the effects of an earlier one (a post may
 * fail a device at once, and the gate counts it): {@link #afterFeeds} (abort cleanup), then, while the
 * rollout is ACTIVE, {@link #approval}, {@link #posts} and {@link #gate} in turn, and last {@link #watching}.
 *
 * <p>Stateless; thread-safe.
 */
final class Decider {
  /** How often the FINAL step looks for late joiners. */
  static final Duration JOINER_INTERVAL = Duration.ofHours(1);

  private Decider() {}

  /** After the feeds were read: an ABORTED rollout cleans up its unfinished devices. */
  static List<Decision> afterFeeds(Rollout r, Observations o) {
    if (r.state() != RolloutState.ABORTED) {
      return List.of();
    }
    return List.of(abortCleanup(r, o));
  }

  /**
   * The devices an abort must still stop: queued or posted ones, and — with a backout — those that
   * took or are taking the change. Idempotent: stopped devices are not listed again.
   */
  static Decision.CleanUpAbort abortCleanup(Rollout r, Observations o) {
    boolean backout = r.run().backout().isPresent();
    List<Integer> todo = new ArrayList<>();
    for (int i = 0; i < o.devices(); i++) {
      DeviceStatus s = o.status(i);
      if (s == DeviceStatus.WAITING
          || s == DeviceStatus.POSTING
          || s == DeviceStatus.POSTED
          || (backout && (s == DeviceStatus.IN_PROGRESS || s == DeviceStatus.SUCCEEDED))) {
        todo.add(i);
      }
    }
    return new Decision.CleanUpAbort(todo);
  }

  /**
   * Before anything of the current step is posted: {@link Decision.AwaitApproval} when the step needs
   * an approval and has none yet (a step is approved once; a retry of an approved step is not held).
   */
  static List<Decision> approval(Rollout r, Instant now) {
    int s = r.run().currentStep();
    if (r.state() != RolloutState.ACTIVE
        || s < 1
        || r.run().approvedStep() >= s
        || !r.config(s).guards().needsApproval()) {
      return List.of();
    }
    return List.of(new Decision.AwaitApproval(s, now));
  }

  /**
   * What to post now in the current step: the devices whose spread time came (from the step's
   * position on, WAITING ones without an explicit due time), then those whose explicit due time came;
   * before them, a late-joiner check if one is due. Empty if nothing is due and the position stays.
   *
   * <p>With a maintenance window ({@link Pacing}), a device's spread time is its place in its own open
   * window time, and a device whose local window is closed now is never posted: it is deferred
   * ({@link Decision.Defer}) to its next opening. With a rate cap, at most the minute's limit minus the
   * minute's posts so far are posted; the walk stops at the cap and explicitly due devices wait for the
   * next minute.
   */
  static List<Decision> posts(Rollout r, Observations o, Instant now) {
    RolloutRun run = r.run();
    int s = run.currentStep();
    long windowMs = r.config(s).window().toMillis();
    long nowMs = now.toEpochMilli();
    long startMs = run.stepStartedAt().orElse(now).toEpochMilli();
    Pacing pacing = r.pacing(s);
    MaintenanceWindow w = pacing.window();
    Map<ZoneId, Instant> opens = new HashMap<>(); // per zone: now if open, else the next opening
    long minuteStart = Ramp.minuteStart(run, now);
    int allowed = pacing.rate().isNone()
        ? Integer.MAX_VALUE
        : Math.max(
            0, pacing.rate().limit(o.count(s, DeviceStatus.SUCCEEDED)) - o.postsSince(minuteStart));
    List<Integer> due = new ArrayList<>();
    List<Integer> later = new ArrayList<>();
    List<Instant> until = new ArrayList<>();
    int pos = o.position();
    int n = o.orderLength(s);
    while (pos < n) {
      int i = o.orderOf(s, pos);
      long dueMs =
          w != null ? o.windowDue(i) : startMs + Spread.offsetMillis(windowMs, o.spread(i));
      if (dueMs > nowMs) {
        break;
      }
      if (o.status(i) == DeviceStatus.WAITING && !o.hasExplicitDue(i)) {
        Instant open = w == null ? now : opens.computeIfAbsent(o.zone(i), z -> w.nextOpen(now, z));
        if (open.isAfter(now)) {
          later.add(i);
          until.add(open);
        } else if (due.size() < allowed) {
          due.add(i);
        } else {
          break; // this minute's cap is used up: the walk resumes here
        }
      }
      pos++;
    }
    Instant nextMinute = Instant.ofEpochMilli(minuteStart + 60_000L);
    for (int i : o.explicitlyDue()) {
      Instant open = w == null ? now : opens.computeIfAbsent(o.zone(i), z -> w.nextOpen(now, z));
      if (open.isAfter(now) || due.size() >= allowed) {
        later.add(i);
        until.add(open.isAfter(now) ? open : nextMinute);
      } else {
        due.add(i);
      }
    }
    List<Decision> out = new ArrayList<>(3);
    if (r.lateJoiners() == LateJoinerPolicy.JOIN_FINAL
        && s == r.stepCount()
        && run.nextJoinerCheck().map(t -> !t.isAfter(now)).orElse(false)) {
      out.add(new Decision.CheckLateJoiners(now.plus(JOINER_INTERVAL)));
    }
    if (!due.isEmpty() || pos != o.position()) {
      out.add(new Decision.Post(due, pos));
    }
    if (!later.isEmpty()) {
      out.add(new Decision.Defer(later, until));
    }
    return out;
  }

  /**
   * The current step's gate: nothing (wait), {@link Decision.AdvanceStep}, {@link Decision.Complete}
   * (preceded by {@link Decision.ExpireWaiting} when devices still wait for a retry),
   * {@link Decision.Fail} or {@link Decision.BackOut}. A backout waits while its parent hands devices
   * over.
   */
  static List<Decision> gate(Rollout r, Observations o, Instant now) {
    RolloutRun run = r.run();
    int s = run.currentStep();
    StepConfig cfg = r.config(s);
    int total = o.total(s);
    int ok = o.count(s, DeviceStatus.SUCCEEDED);
    int failed = o.count(s, DeviceStatus.FAILED);
    Instant gateAt = run.gateAt().orElse(now);
    if (r.kind() == RolloutKind.BACKOUT && o.parentHandingOver()) {
      return List.of();
    }
    GateFigures f =
        new GateFigures(s, r.stepCount(), total, ok, failed, cfg.criteria(), now.isBefore(gateAt));
    String tripped = trippedAbortRule(cfg, o, s, ok + failed);
    Gate.Decision d = tripped != null
        ? Gate.Decision.FAIL
        : Gate.decide(cfg.criteria(), total, ok, failed, now, gateAt);
    if (d == Gate.Decision.WAIT) {
      return List.of();
    }
    if (tripped != null) {
      f = f.because(tripped);
    }
    if (d == Gate.Decision.FAIL) {
      return List.of(failure(r, f, now));
    }
    if (s < r.stepCount()) {
      int ns = s + 1;
      return List.of(new Decision.AdvanceStep(
          f,
          ns,
          o.total(ns),
          now,
          o.spreadEnd(ns, now).plus(r.config(ns).timeout()),
          ns == r.stepCount() && r.lateJoiners() == LateJoinerPolicy.JOIN_FINAL));
    }
    int all = o.devices();
    int allOk = o.count(DeviceStatus.SUCCEEDED);
    int queued = o.count(DeviceStatus.WAITING);
    int allFailed = o.count(DeviceStatus.FAILED) + queued; // expired retries end FAILED
    Decision.Complete done = new Decision.Complete(
        f,
        now,
        SuccessCriteria.basisPoints(allOk + allFailed, all),
        SuccessCriteria.basisPoints(allOk, allOk + allFailed),
        o.outstanding() > 0);
    return queued > 0 ? List.of(new Decision.ExpireWaiting(queued), done) : List.of(done);
  }

  /** The gate's failure by the rollout's policy: {@link Decision.BackOut} or {@link Decision.Fail}. */
  private static Decision failure(Rollout r, GateFigures f, Instant now) {
    return r.onGateFailure() == GateFailurePolicy.BACK_OUT && r.kind() == RolloutKind.CHANGE
        ? new Decision.BackOut(f, now)
        : new Decision.Fail(f, now);
  }

  /** The current step's gate fails for {@code reason} (a health gate said so), by the rollout's policy. */
  static Decision failGate(Rollout r, Observations o, Instant now, String reason) {
    int s = r.run().currentStep();
    Instant gateAt = r.run().gateAt().orElse(now);
    GateFigures f = new GateFigures(
        s,
        r.stepCount(),
        o.total(s),
        o.count(s, DeviceStatus.SUCCEEDED),
        o.count(s, DeviceStatus.FAILED),
        r.config(s).criteria(),
        now.isBefore(gateAt),
        reason);
    return failure(r, f, now);
  }

  /** True if {@code ds} (from {@link #gate}) lets the step pass: advance, or complete. */
  static boolean passes(List<Decision> ds) {
    return !ds.isEmpty()
        && (ds.get(ds.size() - 1) instanceof Decision.AdvanceStep
            || ds.get(ds.size() - 1) instanceof Decision.Complete);
  }

  /**
   * The first of the step's abort rules its failures trip, worded for events and the status line
   * ({@code abort rule 'failed>1' tripped: 2 of 5 reported failed so}), or {@code null}.
   */
  static String trippedAbortRule(StepConfig cfg, Observations o, int step, int reported) {
    List<AbortRule> rules = cfg.guards().abortRules();
    for (int k = 0; k < rules.size(); k++) {
      int hits = o.abortHits(step, k);
      if (rules.get(k).isTripped(hits, reported)) {
        return "abort rule '" + rules.get(k) + "' tripped: " + hits + " of " + reported
            + " reported failed so";
      }
    }
    return null;
  }

  /**
   * A finished rollout watches while devices it posted are outstanding (and, ABORTED, while queued
   * devices are not yet stopped); {@link Decision.Watch} when that differs from what it does.
   */
  static List<Decision> watching(Rollout r, Observations o) {
    if (!r.state().isFinished()) {
      return List.of();
    }
    boolean need = o.outstanding() > 0
        || (r.state() == RolloutState.ABORTED && o.count(DeviceStatus.WAITING) > 0);
    return need == r.run().watching() ? List.of() : List.of(new Decision.Watch(need));
  }

  /** The single decision of the given kind in {@code ds}, if any. */
  static <D extends Decision> Optional<D> find(List<Decision> ds, Class<D> kind) {
    for (Decision d : ds) {
      if (kind.isInstance(d)) {
        return Optional.of(kind.cast(d));
      }
    }
    return Optional.empty();
  }
}
