package io.biggerfleet.rollout.internal;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.NotFoundException;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.event.EventType;
import io.biggerfleet.model.Change;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutAction;
import io.biggerfleet.model.RolloutRun;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.model.RolloutStateException;
import io.biggerfleet.model.RolloutTransition;
import io.biggerfleet.rollout.RolloutConflictException;
import io.biggerfleet.rollout.RolloutPlan;
import io.biggerfleet.spi.Versioned;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Operator actions on rollouts (activate, pause, resume, approve, abort, backout; drafting is
 * {@link RolloutDrafts}, retry and reroute {@link FailureResolutions}). Each action is one atomic, versioned store write whose state change is a row of
 * {@link RolloutTransition#table()}; bad input changes nothing. Runs under the engine's lock. The
 * read side is {@link RolloutQueries}.
 */
public final class RolloutCommands {
  private final RolloutEngine engine;

  public RolloutCommands(RolloutEngine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  public RolloutEngine engine() {
    return engine;
  }

  Instant now() {
    return engine.clock.instant();
  }

  Versioned<Rollout> find(String name) {
    Objects.requireNonNull(name, "rollout name");
    return engine.store.rollout(name).orElseThrow(() -> new NotFoundException("rollout", name));
  }

  static void requireDraft(Rollout r, String action) {
    if (r.state() != RolloutState.DRAFT) {
      throw new RolloutStateException("Cannot " + action + " rollout '" + r.name() + "': it is "
          + r.state() + "; only a DRAFT can be changed");
    }
  }

  /** Writes the rollout (and optional batch contents) and keeps a cached plan in step if it was current. */
  Rollout write(Versioned<Rollout> vr, Rollout next, Batch b) {
    b.rollout(next, vr.version());
    engine.store.write(b.writes.build());
    DeviceTable p = engine.plans.get(next.name());
    if (p != null && p.version == vr.version() && b.records == 0) {
      p.version = vr.version() + 1;
      p.rollout = next;
    } else {
      engine.plans.remove(next.name());
    }
    engine.publish(b);
    return next;
  }

  // ------------------------------------------------------------------ plan and activation

  /**
   * Activates a DRAFT: freezes membership, checks registries, referenced objects and conflicts, and
   * writes the rollout ACTIVE with every device queued in its step — all in one batch.
   */
  public RolloutPlan activate(String name) {
    synchronized (engine) {
      Versioned<Rollout> vr = find(name);
      Rollout r = vr.value();
      RolloutTransition.of(
          name, r.state(), RolloutAction.ACTIVATE); // refuses early, before any check
      Instant now = now();
      Membership m = Membership.of(r, engine.resolver);
      Set<String> registries = new TreeSet<>();
      for (DeviceId id : m.ids) {
        registries.add(id.registry());
      }
      List<String> noTrails = registries.stream()
          .filter(g -> !engine.trails.containsKey(g))
          .collect(Collectors.toList());
      if (!noTrails.isEmpty()) {
        throw new InvalidInputException(
            "Cannot activate rollout '" + name + "': no trails are configured for " + "registr"
                + (noTrails.size() == 1 ? "y " : "ies ") + String.join(", ", noTrails));
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
      Batch b = engine.batch(now);
      RolloutTransition activated = engine.transition(
          b, r, RolloutAction.ACTIVATE, "activated with " + m.ids.length + " devices");
      byte[] status = new byte[m.ids.length];
      List<io.biggerfleet.spi.Versioned<io.biggerfleet.device.Device>> all = engine.store.devices();
      int[] spread = DeviceTable.spreads(name, m.ids, all);
      DeviceTable plan = new DeviceTable(r, vr.version() + 1, m.ids, m.step, status, spread);
      Instant gateAt = now.plus(r.config(1).span());
      if (DeviceZones.needed(r)) {
        plan.zones = DeviceZones.of(m.ids, all, r.timezone());
        gateAt = Observations.of(plan).spreadEnd(1, now).plus(r.config(1).timeout());
        if (!plan.zones.unknown.isEmpty()) {
          b.event(EventType.ROLLOUT_CHANGED, name, plan.zones.unknownText(r.timezone()));
        }
      }
      Rollout next = r.toBuilder()
          .transition(activated)
          .run(RolloutRun.notStarted().toBuilder()
              .activatedAt(now)
              .currentStep(1)
              .stepStartedAt(now)
              .gateAt(gateAt)
              .deviceCount(m.ids.length)
              .nextJoinerCheck(
                  r.stepCount() == 1
                          && r.lateJoiners() == io.biggerfleet.model.LateJoinerPolicy.JOIN_FINAL
                      ? now
                      : null)
              .build())
          .build();
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
      b.event(
          EventType.STEP_STARTED,
          name,
          "Step 1/" + r.stepCount() + " started with " + m.perStep[0] + " devices; gate at "
              + gateAt + " at the latest");
      b.rollout(next, vr.version());
      engine.store.writeCreatingProgress(b.writes.build(), queued);
      plan.rollout = next;
      engine.plans.put(name, plan);
      engine.publish(b);
      return RolloutQueries.plan(next, m.perStep, now);
    }
  }

  void checkObjects(String name, Change change, Set<String> registries) {
    List<String> missing = new ArrayList<>();
    for (String sha : change.referencedObjects()) {
      for (String g : registries) {
        if (!engine.trails.get(g).objectExists(sha)) {
          missing.add(sha + " (in " + g + ")");
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new InvalidInputException(
          "Cannot activate rollout '" + name + "': the change references objects that do"
              + " not exist: " + String.join(", ", missing) + "; upload them first");
    }
  }

  // ------------------------------------------------------------------ running

  public Rollout pause(String name) {
    synchronized (engine) {
      Versioned<Rollout> vr = find(name);
      Rollout r = vr.value();
      Batch b = engine.batch(now());
      RolloutTransition t =
          engine.transition(b, r, RolloutAction.PAUSE, "paused by " + engine.actor);
      return write(
          vr,
          r.toBuilder()
              .transition(t)
              .run(r.run().toBuilder().pausedAt(now()).build())
              .build(),
          b);
    }
  }

  /** Resumes a PAUSED rollout, shifting the rest of its schedule by the time it was paused. */
  public Rollout resume(String name) {
    synchronized (engine) {
      Versioned<Rollout> vr = find(name);
      Rollout r = vr.value();
      Instant now = now();
      Duration shift = Duration.between(r.run().pausedAt().orElse(now), now);
      RolloutRun run = r.run();
      RolloutRun.Builder nb = run.toBuilder()
          .pausedAt(null)
          .stepStartedAt(run.stepStartedAt().map(t -> t.plus(shift)).orElse(null))
          .gateAt(run.gateAt().map(t -> t.plus(shift)).orElse(null))
          .nextJoinerCheck(run.nextJoinerCheck().map(t -> t.plus(shift)).orElse(null));
      Batch b = engine.batch(now);
      RolloutTransition t = engine.transition(
          b,
          r,
          RolloutAction.RESUME,
          "resumed by " + engine.actor + " after " + shift + "; schedule shifted");
      return write(vr, r.toBuilder().transition(t).run(nb.build()).build(), b);
    }
  }

  /**
   * Approves the step a rollout in AWAITING_APPROVAL waits on ({@code step} 0: whichever that is), on
   * behalf of {@code who}; the step starts now and the rest of the schedule shifts by the time held.
   * Records who and when in the run and as a {@link EventType#STEP_APPROVED} event.
   *
   * @throws RolloutStateException if the rollout does not wait for an approval, or {@code who} is not
   *     among the step's approvers
   * @throws InvalidInputException if {@code step} is not the step it waits on, or {@code who} is blank;
   *     nothing changed
   */
  public Rollout approve(String name, int step, String who) {
    synchronized (engine) {
      Objects.requireNonNull(who, "who");
      Versioned<Rollout> vr = find(name);
      Rollout r = vr.value();
      RolloutTransition.of(
          name, r.state(), RolloutAction.APPROVE); // refuses unless AWAITING_APPROVAL
      int cur = r.run().currentStep();
      if (step != 0 && step != cur) {
        throw new InvalidInputException("Rollout '" + name + "' waits for approval of step " + cur
            + "/" + r.stepCount() + ", not step " + step);
      }
      io.biggerfleet.model.StepGuards g = r.config(cur).guards();
      if (who.isBlank()) {
        throw new InvalidInputException("approve: who approves must be given");
      }
      if (!g.mayApprove(who.strip())) {
        throw new RolloutStateException("'" + who + "' may not approve step " + cur
            + " of rollout '" + name + "'; may approve: " + g.approversText());
      }
      Instant now = now();
      RolloutRun run = r.run();
      Duration shift = Duration.between(run.stepStartedAt().orElse(now), now);
      Duration held = Duration.between(run.awaitingSince().orElse(now), now);
      RolloutRun next = run.toBuilder()
          .awaitingSince(null)
          .approved(cur, who.strip(), now)
          .stepStartedAt(now)
          .gateAt(
              run.gateAt().map(t -> t.plus(shift)).orElse(now.plus(r.config(cur).span())))
          .nextJoinerCheck(run.nextJoinerCheck().map(t -> t.plus(shift)).orElse(null))
          .build();
      Batch b = engine.batch(now);
      RolloutTransition t = engine.transition(
          b,
          r,
          RolloutAction.APPROVE,
          "step " + cur + "/" + r.stepCount() + " approved by " + who.strip());
      b.event(
          EventType.STEP_APPROVED,
          name,
          "Step " + cur + "/" + r.stepCount() + " approved by " + who.strip()
              + " at " + now + " after waiting " + io.biggerfleet.model.Durations.format(held)
              + "; schedule shifted by " + io.biggerfleet.model.Durations.format(shift));
      return write(vr, r.toBuilder().transition(t).run(next).build(), b);
    }
  }

  /** Stops the rollout: nothing more is posted; queued devices and steps not picked up end ABORTED. */
  public Rollout abort(String name) {
    synchronized (engine) {
      Versioned<Rollout> vr = find(name);
      Rollout r = vr.value();
      Batch b = engine.batch(now());
      RolloutTransition t =
          engine.transition(b, r, RolloutAction.ABORT, "aborted by " + engine.actor);
      Rollout next = write(
          vr,
          r.toBuilder()
              .transition(t)
              .run(r.run().toBuilder()
                  .finishedAt(now())
                  .pausedAt(null)
                  .watching(true)
                  .build())
              .build(),
          b);
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
      if (r.kind() == io.biggerfleet.model.RolloutKind.BACKOUT) {
        throw new RolloutStateException(
            "Rollout '" + name + "' is itself a backout; abort it instead");
      }
      Instant now = now();
      Batch b = engine.batch(now);
      RolloutTransition t =
          engine.transition(b, r, RolloutAction.BACKOUT, "backed out by " + engine.actor);
      Rollout bo = engine.aborts.backoutRollout(r, now);
      b.writes.putRollout(bo, 0);
      b.event(EventType.ROLLOUT_CREATED, bo.name(), "Backout of " + name + " created");
      write(
          vr,
          r.toBuilder()
              .transition(t)
              .run(r.run().toBuilder()
                  .finishedAt(now)
                  .pausedAt(null)
                  .watching(true)
                  .backout(bo.name())
                  .build())
              .build(),
          b);
      engine.tick(name);
      engine.tick(bo.name());
      return engine.store.rollout(bo.name()).map(Versioned::value).orElse(bo);
    }
  }
}
