package io.biggerfleet.rollout.internal;

import io.biggerfleet.NotFoundException;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.model.StepConfig;
import io.biggerfleet.rollout.Failure;
import io.biggerfleet.rollout.RolloutFormat;
import io.biggerfleet.rollout.RolloutPlan;
import io.biggerfleet.rollout.StepReport;
import io.biggerfleet.spi.DeviceTrails;
import io.biggerfleet.spi.Versioned;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The read side of rollouts: plans, per-step reports, per-device records, failures and error logs.
 * Changes nothing. Reads the store, and the engine's in-memory plan where it is current (under the
 * engine's lock). Thread-safe.
 */
public final class RolloutQueries {
  private final RolloutEngine engine;

  public RolloutQueries(RolloutEngine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  private Instant now() {
    return engine.clock.instant();
  }

  private Versioned<Rollout> find(String name) {
    Objects.requireNonNull(name, "rollout name");
    return engine.store.rollout(name).orElseThrow(() -> new NotFoundException("rollout", name));
  }

  /**
   * The plan: for a DRAFT as if activated now; for a started rollout, its frozen membership. A step with
   * a maintenance window ends when the last of its devices' local windows has taken its spread.
   */
  public RolloutPlan plan(String name) {
    synchronized (engine) {
      Rollout r = find(name).value();
      int[] counts = new int[r.stepCount()];
      Instant start;
      DeviceId[] ids;
      byte[] step;
      if (r.state() == RolloutState.DRAFT) {
        Membership m = Membership.of(r, engine.resolver);
        System.arraycopy(m.perStep, 0, counts, 0, counts.length);
        start = now();
        ids = m.ids;
        step = m.step;
      } else {
        List<Versioned<DeviceRolloutProgress>> recs = engine.store.progress(name);
        ids = new DeviceId[recs.size()];
        step = new byte[recs.size()];
        for (int i = 0; i < recs.size(); i++) {
          ids[i] = recs.get(i).value().device();
          step[i] = (byte) recs.get(i).value().step();
          counts[step[i] - 1]++;
        }
        start = r.run().activatedAt().orElse(now());
      }
      DeviceZones zones =
          DeviceZones.needed(r) ? DeviceZones.of(ids, engine.store.devices(), r.timezone()) : null;
      return running(
          plan(
              r,
              counts,
              start,
              zones,
              zones == null ? null : zones.zonesByStep(step, r.stepCount())),
          r,
          now());
    }
  }

  /**
   * The status line of {@code r} at {@code now}. A draft with a maintenance window shows the plan
   * preview's ETA: its devices' local windows can make the rollout last longer than its steps' spans.
   */
  public String statusLine(Rollout r, Instant now) {
    if (r.state() != RolloutState.DRAFT || !DeviceZones.needed(r)) {
      return RolloutFormat.statusLine(r, now);
    }
    Duration eta = Duration.between(now, plan(r.name()).end());
    return RolloutFormat.statusLine(r, now, eta.isNegative() ? Duration.ZERO : eta);
  }

  /**
   * A running rollout's plan from its current step on: that step from when it started (while it waits
   * for an approval, as if approved now; while paused, as if resumed now) and each later step after it.
   * Other plans are returned as they are.
   */
  static RolloutPlan running(RolloutPlan planned, Rollout r, Instant now) {
    RolloutState st = r.state();
    int cur = r.run().currentStep();
    if (cur < 1 || !st.isRunning()) {
      return planned;
    }
    Instant start;
    Instant gate;
    if (st == RolloutState.AWAITING_APPROVAL) {
      start = now;
      gate = now.plus(r.config(cur).span());
    } else {
      Duration paused = st == RolloutState.PAUSED
          ? Duration.between(r.run().pausedAt().orElse(now), now)
          : Duration.ZERO;
      start = r.run().stepStartedAt().orElse(now).plus(paused);
      gate = r.run().gateAt().orElse(start.plus(r.config(cur).span())).plus(paused);
    }
    List<RolloutPlan.Step> steps = new ArrayList<>();
    for (RolloutPlan.Step s : planned.steps()) {
      if (s.number() < cur) {
        steps.add(s);
      } else {
        Instant g = s.number() == cur ? gate : start.plus(s.config().span());
        steps.add(new RolloutPlan.Step(
            s.number(), s.isFinal(), s.selector(), s.deviceCount(), s.config(), start, g));
        start = g;
      }
    }
    return new RolloutPlan(planned.rollout(), steps);
  }

  /** The plan of {@code r} with these per-step device counts, starting at {@code start}. */
  static RolloutPlan plan(Rollout r, int[] counts, Instant start) {
    return plan(r, counts, start, null, null);
  }

  /**
   * The plan of {@code r} with these per-step device counts, starting at {@code start}; {@code zones} and
   * {@code present} (the zones of each step's devices; both null without windows) for steps with a
   * maintenance window, which end when the last of their zones' spread does.
   */
  static RolloutPlan plan(
      Rollout r, int[] counts, Instant start, DeviceZones zones, boolean[][] present) {
    List<RolloutPlan.Step> steps = new ArrayList<>();
    Instant t = start;
    for (int s = 1; s <= r.stepCount(); s++) {
      boolean fin = s == r.stepCount();
      StepConfig c = r.config(s);
      io.biggerfleet.model.MaintenanceWindow w = r.pacing(s).window();
      Instant gate = zones == null || w == null
          ? t.plus(c.span())
          : Instant.ofEpochMilli(
                  zones.spreadEnd(present[s - 1], w, t, c.window().toMillis()))
              .plus(c.timeout());
      steps.add(new RolloutPlan.Step(
          s, fin, fin ? r.devices() : r.steps().get(s - 1).selector(), counts[s - 1], c, t, gate));
      t = gate;
    }
    return new RolloutPlan(r.name(), steps);
  }

  public Rollout get(String name) {
    return find(name).value();
  }

  public List<Rollout> list() {
    return engine.store.rollouts().stream()
        .map(Versioned::value)
        .collect(Collectors.toUnmodifiableList());
  }

  public List<DeviceRolloutProgress> progress(String name) {
    find(name);
    return engine.store.progress(name).stream()
        .map(Versioned::value)
        .collect(Collectors.toUnmodifiableList());
  }

  public List<Failure> failures(String name) {
    Rollout r = find(name).value();
    List<Failure> out = new ArrayList<>();
    for (Versioned<DeviceRolloutProgress> v : engine.store.progress(name)) {
      DeviceRolloutProgress p = v.value();
      if (p.status() == DeviceStatus.FAILED) {
        String commit =
            p.detour() && r.detour().isPresent() ? "Detour before: " + r.message() : r.message();
        out.add(new Failure(
            name,
            p.device(),
            p.step(),
            p.attempt(),
            p.rev(),
            p.deviceStatus().isEmpty() ? "ERROR" : p.deviceStatus(),
            p.message(),
            commit,
            p.detour()));
      }
    }
    return out;
  }

  /**
   * When each queued device of an ACTIVE rollout is due to be posted, where that is known, earliest
   * first: a device of the current step at its place in the step's window, a retried, rerouted or
   * late-joining device at its own time. Devices of later steps wait for a gate and are left out; so is
   * every device of a rollout that is not ACTIVE (a pause moves the schedule) — except one waiting for
   * an approval, whose due times are given as if the approval came now.
   */
  public Map<DeviceId, Instant> dueTimes(String name) {
    Versioned<Rollout> vr = find(name);
    Rollout r = vr.value();
    boolean awaiting = r.state() == RolloutState.AWAITING_APPROVAL;
    if (r.state() != RolloutState.ACTIVE && !awaiting) {
      return Map.of();
    }
    int current = r.run().currentStep();
    Instant start = awaiting ? now() : r.run().stepStartedAt().orElse(now());
    List<Versioned<DeviceRolloutProgress>> recs = engine.store.progress(name);
    DeviceTable windowed = null;
    if (r.pacing(current).window() != null) { // each device's place in its own local window time
      windowed = DeviceTable.of(vr, recs);
      windowed.zones = DeviceZones.of(windowed.ids, engine.store.devices(), r.timezone());
      windowed.scheduleCurrentStep(start);
    }
    List<Map.Entry<DeviceId, Instant>> due = new ArrayList<>();
    for (int k = 0; k < recs.size(); k++) {
      DeviceRolloutProgress p = recs.get(k).value();
      if (p.status() != DeviceStatus.WAITING) {
        continue;
      }
      if (p.dueAt().isPresent()) {
        due.add(Map.entry(p.device(), p.dueAt().get()));
      } else if (p.step() == current) {
        due.add(Map.entry(
            p.device(),
            windowed != null
                ? Instant.ofEpochMilli(windowed.zones.due[k])
                : Spread.dueAt(
                    start,
                    r.config(current).window(),
                    Spread.of(name, Device.systemIdOf(p.device())))));
      }
    }
    due.sort(
        Map.Entry.<DeviceId, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
    Map<DeviceId, Instant> out = new LinkedHashMap<>();
    due.forEach(e -> out.put(e.getKey(), e.getValue()));
    return java.util.Collections.unmodifiableMap(out);
  }

  /** Devices whose step is posted but unreported although the rollout finished (offline, left behind). */
  public List<DeviceRolloutProgress> leftBehind(String name) {
    Rollout r = find(name).value();
    if (!r.state().isFinished()) {
      return List.of();
    }
    return progress(name).stream()
        .filter(p -> p.status().isOutstanding())
        .collect(Collectors.toUnmodifiableList());
  }

  public List<String> errorLog(Failure f, int maxLines) {
    DeviceTrails t = engine.trails.get(f.device().registry());
    return t == null || f.rev() < 0 ? List.of() : t.errorLog(f.device(), f.rev(), maxLines);
  }

  /** Per-step status for the detail view. */
  public List<StepReport> steps(String name) {
    Versioned<Rollout> vr = find(name);
    Rollout r = vr.value();
    Instant now = now();
    int n = r.stepCount();
    int[] total = new int[n];
    int[] reported = new int[n];
    int[] ok = new int[n];
    if (countFromPlan(name, vr.version(), total, reported, ok)) {
      return stepReports(r, now, total, reported, ok);
    }
    for (Versioned<DeviceRolloutProgress> v : engine.store.progress(name)) {
      DeviceRolloutProgress p = v.value();
      int s = p.step() - 1;
      total[s]++;
      if (p.status() == DeviceStatus.SUCCEEDED || p.status() == DeviceStatus.FAILED) {
        reported[s]++;
      }
      if (p.status() == DeviceStatus.SUCCEEDED) {
        ok[s]++;
      }
    }
    if (r.state() == RolloutState.DRAFT) {
      Membership m = Membership.of(r, engine.resolver);
      System.arraycopy(m.perStep, 0, total, 0, n);
    }
    return stepReports(r, now, total, reported, ok);
  }

  /**
   * Per-step counts from the engine's in-memory plan when it holds the rollout at the stored version
   * (a rollout this client drives: no store scan, so a watch refresh over a million devices is cheap).
   */
  private boolean countFromPlan(String name, long version, int[] total, int[] reported, int[] ok) {
    synchronized (engine) {
      DeviceTable p = engine.plans.get(name);
      if (p == null || p.version != version) {
        return false;
      }
      for (int s = 1; s <= total.length; s++) {
        total[s - 1] = p.total(s);
        ok[s - 1] = p.count(s, DeviceStatus.SUCCEEDED);
        reported[s - 1] = ok[s - 1] + p.count(s, DeviceStatus.FAILED);
      }
      return true;
    }
  }

  private static List<StepReport> stepReports(
      Rollout r, Instant now, int[] total, int[] reported, int[] ok) {
    int n = r.stepCount();
    List<StepReport> out = new ArrayList<>();
    int cur = r.run().currentStep();
    for (int s = 1; s <= n; s++) {
      String status;
      Duration eta = null;
      if (r.state() == RolloutState.DRAFT) {
        status = "DRAFT";
      } else if (s < cur || (s == cur && r.state() == RolloutState.DONE)) {
        status = "PASSED";
      } else if (s > cur) {
        status = r.state() == RolloutState.ABORTED ? "ABORTED" : "QUEUE";
      } else {
        switch (r.state()) {
          case ACTIVE:
            status = "INPROGRESS";
            eta = r.run()
                .gateAt()
                .map(g -> Duration.between(now, g))
                .filter(d -> !d.isNegative())
                .orElse(Duration.ZERO);
            break;
          case PAUSED:
            status = "PAUSED";
            break;
          case AWAITING_APPROVAL:
            status = "AWAITING_APPROVAL";
            break;
          case ERROR:
            status = "FAILED";
            break;
          default:
            status = "ABORTED";
        }
      }
      boolean fin = s == n;
      out.add(new StepReport(
          s,
          fin,
          fin ? "ALL" : r.steps().get(s - 1).selector(),
          r.config(s),
          status,
          total[s - 1],
          reported[s - 1],
          ok[s - 1],
          eta));
    }
    return out;
  }
}
