package io.biggerfleet.rollout.internal;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.NotFoundException;
import io.biggerfleet.WriteConflictException;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.event.EventType;
import io.biggerfleet.rollout.Change;
import io.biggerfleet.rollout.DeviceRolloutProgress;
import io.biggerfleet.rollout.DeviceStatus;
import io.biggerfleet.rollout.Failure;
import io.biggerfleet.rollout.Rollout;
import io.biggerfleet.rollout.RolloutConflictException;
import io.biggerfleet.rollout.RolloutPlan;
import io.biggerfleet.rollout.RolloutRun;
import io.biggerfleet.rollout.RolloutState;
import io.biggerfleet.rollout.RolloutStateException;
import io.biggerfleet.rollout.RolloutStep;
import io.biggerfleet.rollout.StepConfig;
import io.biggerfleet.rollout.StepReport;
import io.biggerfleet.spi.DeviceTrails;
import io.biggerfleet.spi.Versioned;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Operator actions on rollouts (create, edit, activate, pause, resume, abort, backout, retry,
 * reroute) and the queries behind the status views. Each action is one atomic, versioned store write
 * that checks the {@link RolloutState} table first; bad input changes nothing. Runs under the
 * engine's lock.
 */
public final class RolloutCommands {
  private final RolloutEngine engine;

  public RolloutCommands(RolloutEngine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  public RolloutEngine engine() {
    return engine;
  }

  private Instant now() {
    return engine.clock.instant();
  }

  Versioned<Rollout> find(String name) {
    Objects.requireNonNull(name, "rollout name");
    return engine.store.rollout(name).orElseThrow(() -> new NotFoundException("rollout", name));
  }

  private static void requireDraft(Rollout r, String action) {
    if (r.state() != RolloutState.DRAFT) {
      throw new RolloutStateException("Cannot " + action + " rollout '" + r.name() + "': it is " + r.state()
          + "; only a DRAFT can be changed");
    }
  }

  /** Writes the rollout (and optional batch contents) and keeps a cached plan in step if it was current. */
  private Rollout write(Versioned<Rollout> vr, Rollout next, Batch b) {
    b.rollout(next, vr.version());
    engine.store.write(b.writes.build());
    Plan p = engine.plans.get(next.name());
    if (p != null && p.version == vr.version() && b.records == 0) {
      p.version = vr.version() + 1;
      p.rollout = next;
    } else {
      engine.plans.remove(next.name());
    }
    engine.publish(b.events);
    return next;
  }

  // ------------------------------------------------------------------ drafting

  public Rollout create(Rollout draft) {
    synchronized (engine) {
      Objects.requireNonNull(draft, "rollout");
      if (draft.state() != RolloutState.DRAFT || !draft.run().equals(RolloutRun.notStarted())
          || draft.parent().isPresent()) {
        throw new InvalidInputException("A new rollout must be a fresh DRAFT built with Rollout.builder(name)");
      }
      if (engine.store.rollout(draft.name()).isPresent()) {
        throw new InvalidInputException("A rollout named '" + draft.name() + "' already exists");
      }
      engine.resolver.resolve(draft.devices());
      for (RolloutStep s : draft.steps()) {
        engine.resolver.resolve(s.selector());
      }
      Rollout r = draft.toBuilder().createdAt(now()).build();
      Batch b = engine.batch(now());
      b.event(EventType.ROLLOUT_CREATED, r.name(), "Created rollout '" + r.name() + "' over '" + r.devices()
          + "': " + r.change());
      b.writes.putRollout(r, 0);
      engine.store.write(b.writes.build());
      engine.publish(b.events);
      return r;
    }
  }

  /** Adds a step; null texts take the rollout's defaults. */
  public Rollout addStep(String name, String selector, String time, String timeout, String success) {
    synchronized (engine) {
      Versioned<Rollout> vr = find(name);
      StepConfig d = vr.value().defaults();
      StepConfig cfg = StepConfig.of(
          time == null ? d.window() : io.biggerfleet.rollout.Durations.parse("time", time),
          timeout == null ? d.timeout() : io.biggerfleet.rollout.Durations.parse("timeout", timeout),
          success == null ? d.criteria() : io.biggerfleet.rollout.SuccessCriteria.parse(success));
      return addStep(vr, RolloutStep.of(selector, cfg));
    }
  }

  public Rollout addStep(String name, RolloutStep step) {
    synchronized (engine) {
      return addStep(find(name), step);
    }
  }

  private Rollout addStep(Versioned<Rollout> vr, RolloutStep step) {
    Rollout r = vr.value();
    requireDraft(r, "add a step to");
    engine.resolver.resolve(step.selector());
    Rollout next = r.toBuilder().step(step).build();
    Batch b = engine.batch(now());
    b.event(EventType.ROLLOUT_CHANGED, r.name(), "Added step " + next.steps().size() + " " + step);
    return write(vr, next, b);
  }

  public Rollout deleteStep(String name, int number) {
    synchronized (engine) {
      Versioned<Rollout> vr = find(name);
      Rollout r = vr.value();
      requireDraft(r, "delete a step of");
      if (number < 1 || number > r.steps().size()) {
        throw new InvalidInputException("Rollout '" + name + "' has " + (r.steps().isEmpty() ? "no steps to delete"
            : "steps 1 to " + r.steps().size()) + "; cannot delete step " + number + " (FINAL cannot be deleted)");
      }
      Rollout.Builder nb = r.toBuilder().clearSteps();
      for (int i = 0; i < r.steps().size(); i++) {
        if (i != number - 1) {
          nb.step(r.steps().get(i));
        }
      }
      Batch b = engine.batch(now());
      b.event(EventType.ROLLOUT_CHANGED, name, "Deleted step " + number + " " + r.steps().get(number - 1));
      return write(vr, nb.build(), b);
    }
  }

  public Rollout delete(String name) {
    synchronized (engine) {
      Versioned<Rollout> vr = find(name);
      requireDraft(vr.value(), "delete");
      Batch b = engine.batch(now());
      b.event(EventType.ROLLOUT_DELETED, name, "Deleted DRAFT rollout '" + name + "'");
      b.writes.deleteRollout(name, vr.version());
      engine.store.write(b.writes.build());
      engine.publish(b.events);
      return vr.value();
    }
  }

  // ------------------------------------------------------------------ plan and activation

  /** The plan: for a DRAFT as if activated now; for a started rollout, its frozen membership. */
  public RolloutPlan plan(String name) {
    synchronized (engine) {
      Rollout r = find(name).value();
      int[] counts = new int[r.stepCount()];
      Instant start;
      if (r.state() == RolloutState.DRAFT) {
        Membership m = Membership.of(r, engine.resolver);
        System.arraycopy(m.perStep, 0, counts, 0, counts.length);
        start = now();
      } else {
        for (Versioned<DeviceRolloutProgress> v : engine.store.progress(name)) {
          counts[v.value().step() - 1]++;
        }
        start = r.run().activatedAt().orElse(now());
      }
      return plan(r, counts, start);
    }
  }

  private static RolloutPlan plan(Rollout r, int[] counts, Instant start) {
    List<RolloutPlan.Step> steps = new ArrayList<>();
    Instant t = start;
    for (int s = 1; s <= r.stepCount(); s++) {
      boolean fin = s == r.stepCount();
      StepConfig c = r.config(s);
      Instant gate = t.plus(c.span());
      steps.add(new RolloutPlan.Step(s, fin, fin ? r.devices() : r.steps().get(s - 1).selector(), counts[s - 1], c,
          t, gate));
      t = gate;
    }
    return new RolloutPlan(r.name(), steps);
  }

  /**
   * Activates a DRAFT: freezes membership, checks registries, referenced objects and conflicts, and
   * writes the rollout ACTIVE with every device queued in its step — all in one batch.
   */
  public RolloutPlan activate(String name) {
    synchronized (engine) {
      Versioned<Rollout> vr = find(name);
      Rollout r = vr.value();
      if (r.state() != RolloutState.DRAFT) {
        throw new RolloutStateException("Cannot activate rollout '" + name + "': it is " + r.state()
            + (r.state() == RolloutState.PAUSED ? "; use resume" : "; only a DRAFT can be activated"));
      }
      Instant now = now();
      Membership m = Membership.of(r, engine.resolver);
      Set<String> registries = new TreeSet<>();
      for (DeviceId id : m.ids) {
        registries.add(id.registry());
      }
      List<String> noTrails = registries.stream().filter(g -> !engine.trails.containsKey(g)).collect(Collectors.toList());
      if (!noTrails.isEmpty()) {
        throw new InvalidInputException("Cannot activate rollout '" + name + "': no trails are configured for "
            + "registr" + (noTrails.size() == 1 ? "y " : "ies ") + String.join(", ", noTrails));
      }
      checkObjects(name, r.change(), registries);
      Map<DeviceId, String> conflicts = new TreeMap<>();
      engine.holders(name).forEach((id, holder) -> {
        if (m.contains(id)) {
          conflicts.put(id, holder);
        }
      });
      if (!conflicts.isEmpty()) {
        throw new RolloutConflictException(name, conflicts);
      }
      Rollout next = r.toBuilder().state(RolloutState.ACTIVE).run(RolloutRun.notStarted().toBuilder()
          .activatedAt(now).currentStep(1).stepStartedAt(now).gateAt(now.plus(r.config(1).span()))
          .deviceCount(m.ids.length)
          .nextJoinerCheck(r.stepCount() == 1 && r.lateJoiners() == io.biggerfleet.rollout.LateJoinerPolicy.JOIN_FINAL
              ? now : null)
          .build()).build();
      Batch b = engine.batch(now);
      byte[] status = new byte[m.ids.length];
      int[] spread = engine.spreads(name, m.ids);
      // Every device's record is generated as the store consumes it: a streaming store (JDBC) never
      // holds them all; the write stays one atomic batch.
      List<DeviceRolloutProgress> queued = new java.util.AbstractList<>() {
        @Override
        public DeviceRolloutProgress get(int i) {
          return DeviceRolloutProgress.builder(name, m.ids[i], m.step[i], now).build();
        }

        @Override
        public int size() {
          return m.ids.length;
        }
      };
      b.event(EventType.ROLLOUT_STATE_CHANGED, name, "DRAFT -> ACTIVE: activated with " + m.ids.length + " devices");
      b.event(EventType.STEP_STARTED, name, "Step 1/" + r.stepCount() + " started with " + m.perStep[0]
          + " devices; gate at " + now.plus(r.config(1).span()) + " at the latest");
      b.rollout(next, vr.version());
      engine.store.writeCreatingProgress(b.writes.build(), queued);
      engine.plans.put(name, new Plan(next, vr.version() + 1, m.ids, m.step, status, spread));
      engine.publish(b.events);
      return plan(next, m.perStep, now);
    }
  }

  private void checkObjects(String name, Change change, Set<String> registries) {
    List<String> missing = new ArrayList<>();
    for (String sha : change.referencedObjects()) {
      for (String g : registries) {
        if (!engine.trails.get(g).objectExists(sha)) {
          missing.add(sha + " (in " + g + ")");
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new InvalidInputException("Cannot activate rollout '" + name + "': the change references objects that do"
          + " not exist: " + String.join(", ", missing) + "; upload them first");
    }
  }

  // ------------------------------------------------------------------ running

  public Rollout pause(String name) {
    synchronized (engine) {
      Versioned<Rollout> vr = find(name);
      Rollout r = vr.value();
      if (r.state() != RolloutState.ACTIVE) {
        throw new RolloutStateException("Cannot pause rollout '" + name + "': it is " + r.state() + ", not ACTIVE");
      }
      Batch b = engine.batch(now());
      engine.stateEvent(b, r, RolloutState.PAUSED, "paused by " + engine.actor);
      return write(vr, r.toBuilder().state(RolloutState.PAUSED)
          .run(r.run().toBuilder().pausedAt(now()).build()).build(), b);
    }
  }

  /** Resumes a PAUSED rollout, shifting the rest of its schedule by the time it was paused. */
  public Rollout resume(String name) {
    synchronized (engine) {
      Versioned<Rollout> vr = find(name);
      Rollout r = vr.value();
      if (r.state() != RolloutState.PAUSED) {
        throw new RolloutStateException("Cannot resume rollout '" + name + "': it is " + r.state() + ", not PAUSED");
      }
      Instant now = now();
      Duration shift = Duration.between(r.run().pausedAt().orElse(now), now);
      RolloutRun run = r.run();
      RolloutRun.Builder nb = run.toBuilder().pausedAt(null)
          .stepStartedAt(run.stepStartedAt().map(t -> t.plus(shift)).orElse(null))
          .gateAt(run.gateAt().map(t -> t.plus(shift)).orElse(null))
          .nextJoinerCheck(run.nextJoinerCheck().map(t -> t.plus(shift)).orElse(null));
      Batch b = engine.batch(now);
      engine.stateEvent(b, r, RolloutState.ACTIVE, "resumed by " + engine.actor + " after " + shift
          + "; schedule shifted");
      return write(vr, r.toBuilder().state(RolloutState.ACTIVE).run(nb.build()).build(), b);
    }
  }

  /** Stops the rollout: nothing more is posted; queued devices and steps not picked up end ABORTED. */
  public Rollout abort(String name) {
    synchronized (engine) {
      Versioned<Rollout> vr = find(name);
      Rollout r = vr.value();
      Batch b = engine.batch(now());
      engine.stateEvent(b, r, RolloutState.ABORTED, "aborted by " + engine.actor);
      Rollout next = write(vr, r.toBuilder().state(RolloutState.ABORTED)
          .run(r.run().toBuilder().finishedAt(now()).pausedAt(null).watching(true).build()).build(), b);
      engine.tick(name);
      return next;
    }
  }

  /**
   * Backs the rollout out: it ends ABORTED; queued devices and steps not picked up are cancelled
   * (ABORT); devices that took the change are handed to a new backout rollout that posts their
   * pre-rollout state (ROLLBACK). Returns the backout rollout.
   */
  public Rollout backout(String name) {
    synchronized (engine) {
      Versioned<Rollout> vr = find(name);
      Rollout r = vr.value();
      if (r.kind() == io.biggerfleet.rollout.RolloutKind.BACKOUT) {
        throw new RolloutStateException("Rollout '" + name + "' is itself a backout; abort it instead");
      }
      Instant now = now();
      Batch b = engine.batch(now);
      engine.stateEvent(b, r, RolloutState.ABORTED, "backed out by " + engine.actor);
      Rollout bo = engine.aborts.backoutRollout(r, now);
      b.writes.putRollout(bo, 0);
      b.event(EventType.ROLLOUT_CREATED, bo.name(), "Backout of " + name + " created");
      write(vr, r.toBuilder().state(RolloutState.ABORTED).run(r.run().toBuilder().finishedAt(now).pausedAt(null)
          .watching(true).backout(bo.name()).build()).build(), b);
      engine.tick(name);
      engine.tick(bo.name());
      return engine.store.rollout(bo.name()).map(Versioned::value).orElse(bo);
    }
  }

  /** Queues a failed device of a rollout again. {@code deviceAtStep} is {@code DEVICE@registry@step}. */
  public Rollout retry(String deviceAtStep) {
    synchronized (engine) {
      Objects.requireNonNull(deviceAtStep, "device@step");
      int at = deviceAtStep.lastIndexOf('@');
      int step;
      DeviceId device;
      try {
        step = Integer.parseInt(deviceAtStep.substring(at + 1));
        device = DeviceId.parse(deviceAtStep.substring(0, at));
      } catch (RuntimeException e) {
        throw new InvalidInputException("retry needs DEVICE@step, e.g. DEVICE-B@pantahub.com@2, not '" + deviceAtStep
            + "'");
      }
      List<String> in = new ArrayList<>();
      for (Versioned<Rollout> vr : engine.store.rollouts()) {
        engine.store.progress(vr.value().name(), device)
            .filter(p -> p.value().step() == step && p.value().status() == DeviceStatus.FAILED)
            .ifPresent(p -> in.add(vr.value().name()));
      }
      if (in.isEmpty()) {
        throw new NotFoundException("failed device at step", deviceAtStep);
      }
      if (in.size() > 1) {
        throw new InvalidInputException(deviceAtStep + " failed in several rollouts (" + String.join(", ", in)
            + "); name the rollout");
      }
      return requeue(in.get(0), p -> p.device().equals(device) && p.step() == step, false, "retry requested");
    }
  }

  /** Queues every failed device of the rollout again. */
  public Rollout retryAllFailed(String name) {
    synchronized (engine) {
      return requeue(name, p -> true, false, "retry of all failed devices requested");
    }
  }

  /**
   * Sends failed devices on a detour: they first get {@code detour}, then the rollout's change again.
   * {@code devices} empty means every failed device (ALLFAIL).
   */
  public Rollout reroute(String name, Collection<DeviceId> devices, Change detour) {
    synchronized (engine) {
      Objects.requireNonNull(detour, "detour change");
      Versioned<Rollout> vr = find(name);
      Set<String> registries = new TreeSet<>();
      engine.store.progress(name).forEach(p -> registries.add(p.value().device().registry()));
      registries.removeIf(g -> !engine.trails.containsKey(g));
      checkObjects(name, detour, registries);
      Set<DeviceId> only = new TreeSet<>(devices);
      if (!only.isEmpty()) {
        List<String> notFailed = new ArrayList<>();
        for (DeviceId id : only) {
          boolean failed = engine.store.progress(name, id).map(p -> p.value().status() == DeviceStatus.FAILED)
              .orElse(false);
          if (!failed) {
            notFailed.add(id.toString());
          }
        }
        if (!notFailed.isEmpty()) {
          throw new InvalidInputException("Cannot reroute " + String.join(", ", notFailed) + ": not a failed device of '"
              + name + "'");
        }
      }
      Rollout withDetour = vr.value().toBuilder().detour(detour).build();
      return requeue(name, withDetour, p -> only.isEmpty() || only.contains(p.device()), true,
          "rerouted via detour: " + detour);
    }
  }

  private Rollout requeue(String name, Predicate<DeviceRolloutProgress> which, boolean detour, String why) {
    return requeue(name, null, which, detour, why);
  }

  private Rollout requeue(String name, Rollout changed, Predicate<DeviceRolloutProgress> which, boolean detour,
      String why) {
    Versioned<Rollout> vr = find(name);
    Rollout r = changed != null ? changed : vr.value();
    if (r.kind() == io.biggerfleet.rollout.RolloutKind.BACKOUT && detour) {
      throw new RolloutStateException("Cannot reroute backout rollout '" + name + "'");
    }
    if (r.state() == RolloutState.DRAFT || r.state() == RolloutState.ABORTED) {
      throw new RolloutStateException("Cannot retry devices of rollout '" + name + "': it is " + r.state());
    }
    Instant now = now();
    Batch b = engine.batch(now);
    List<DeviceId> moved = new ArrayList<>();
    for (Versioned<DeviceRolloutProgress> v : engine.store.progress(name)) {
      DeviceRolloutProgress p = v.value();
      if (p.status() == DeviceStatus.FAILED && which.test(p)) {
        b.put(p.toBuilder().status(DeviceStatus.QUEUED).dueAt(now).detour(detour).updatedAt(now)
            .message(why + " (was: " + p.deviceStatus() + " " + p.message() + ")").build(), v.version());
        b.event(EventType.DEVICE_RETRY, p.device().toString(), name + ": step " + p.step() + " " + why);
        moved.add(p.device());
      }
    }
    if (moved.isEmpty()) {
      throw new InvalidInputException("Rollout '" + name + "' has no failed devices to " + (detour ? "reroute" : "retry"));
    }
    if (r.state() == RolloutState.DONE) {
      Map<DeviceId, String> held = engine.holders(name);
      List<String> conflicts = moved.stream().filter(held::containsKey).map(d -> d + " (in " + held.get(d) + ")")
          .collect(Collectors.toList());
      if (!conflicts.isEmpty()) {
        throw new InvalidInputException("Cannot retry in '" + name + "': devices are now in another running rollout: "
            + String.join(", ", conflicts));
      }
    }
    Rollout next = r;
    if (r.state() == RolloutState.ERROR || r.state() == RolloutState.DONE) {
      Duration extra = r.config(r.run().currentStep()).timeout().multipliedBy(detour ? 2 : 1);
      Instant gate = now.plus(extra);
      Instant old = r.run().gateAt().orElse(now);
      next = r.toBuilder().state(RolloutState.ACTIVE).run(r.run().toBuilder().finishedAt(null).failedStep(0)
          .watching(false).gateAt(old.isAfter(gate) ? old : gate).build()).build();
      engine.stateEvent(b, r, RolloutState.ACTIVE, why + " for " + moved.size() + " device"
          + (moved.size() == 1 ? "" : "s"));
    }
    b.event(EventType.ROLLOUT_RESOLUTION, name, why + ": " + moved.size() + " device" + (moved.size() == 1 ? "" : "s"));
    return write(vr, next, b);
  }

  // ------------------------------------------------------------------ queries

  public Rollout get(String name) {
    return find(name).value();
  }

  public List<Rollout> list() {
    return engine.store.rollouts().stream().map(Versioned::value).collect(Collectors.toUnmodifiableList());
  }

  public List<DeviceRolloutProgress> devices(String name) {
    find(name);
    return engine.store.progress(name).stream().map(Versioned::value).collect(Collectors.toUnmodifiableList());
  }

  public List<Failure> failures(String name) {
    Rollout r = find(name).value();
    List<Failure> out = new ArrayList<>();
    for (Versioned<DeviceRolloutProgress> v : engine.store.progress(name)) {
      DeviceRolloutProgress p = v.value();
      if (p.status() == DeviceStatus.FAILED) {
        String commit = p.detour() && r.detour().isPresent() ? "Detour before: " + r.message() : r.message();
        out.add(new Failure(name, p.device(), p.step(), p.attempt(), p.rev(),
            p.deviceStatus().isEmpty() ? "ERROR" : p.deviceStatus(), p.message(), commit, p.detour()));
      }
    }
    return out;
  }

  /** Devices whose step is posted but unreported although the rollout finished (offline, left behind). */
  public List<DeviceRolloutProgress> leftBehind(String name) {
    Rollout r = find(name).value();
    if (!r.state().isFinished()) {
      return List.of();
    }
    return devices(name).stream().filter(p -> p.status().isOutstanding()).collect(Collectors.toUnmodifiableList());
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
      Plan p = engine.plans.get(name);
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

  private static List<StepReport> stepReports(Rollout r, Instant now, int[] total, int[] reported, int[] ok) {
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
            eta = r.run().gateAt().map(g -> Duration.between(now, g)).filter(d -> !d.isNegative()).orElse(Duration.ZERO);
            break;
          case PAUSED:
            status = "PAUSED";
            break;
          case ERROR:
            status = "FAILED";
            break;
          default:
            status = "ABORTED";
        }
      }
      boolean fin = s == n;
      out.add(new StepReport(s, fin, fin ? "ALL" : r.steps().get(s - 1).selector(), r.config(s), status, total[s - 1],
          reported[s - 1], ok[s - 1], eta));
    }
    return out;
  }
}
