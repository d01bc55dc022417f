package io.biggerfleet.rollout.internal;

import io.biggerfleet.WriteConflictException;
import io.biggerfleet.event.EventType;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutAction;
import io.biggerfleet.model.RolloutKind;
import io.biggerfleet.model.RolloutRun;
import io.biggerfleet.model.RolloutTransition;
import io.biggerfleet.spi.Versioned;
import java.time.Instant;
import java.util.List;

/**
 * Carries out the gate decisions of the {@link Decider} ({@link Decision.AdvanceStep},
 * {@link Decision.ExpireWaiting} with {@link Decision.Complete}, {@link Decision.Fail},
 * {@link Decision.BackOut}) in one store batch each, and gathers what the gate observes from the store
 * (whether a backout's parent still hands devices over).
 *
 * <p>Part of {@link RolloutEngine}'s executor; not thread-safe on its own: called under the engine's
 * lock.
 */
final class GateKeeper {
  private final RolloutEngine engine;

  GateKeeper(RolloutEngine engine) {
    this.engine = engine;
  }

  /** Decides the current step's gate and carries the decision out; true if the rollout moved on to another step. */
  boolean gate(DeviceTable p, Instant now) {
    Rollout r = p.rollout;
    boolean parentHandingOver = r.kind() == RolloutKind.BACKOUT
        && r.parent()
            .flatMap(engine.store::rollout)
            .map(v -> v.value().run().watching())
            .orElse(false);
    List<Decision> ds = Decider.gate(r, new Observations(p, parentHandingOver, List.of()), now);
    if (!ds.isEmpty() && p.othersStale) {
      // other instances' partitions may have moved on: decide on their stored records, next round
      throw new WriteConflictException("The gate of " + p.name
          + " is due; reloading the records of every partition" + " before deciding it");
    }
    if (Decider.passes(ds) && r.config(r.run().currentStep()).guards().hasHealthGate()) {
      ds = engine.health.judge(p, ds, now);
    }
    return carryOut(p, ds, now);
  }

  /**
   * Holds the rollout in AWAITING_APPROVAL when its current step needs an approval it lacks; true if it
   * is (now) held.
   */
  boolean holdForApproval(DeviceTable p, Instant now) {
    carryOut(p, Decider.approval(p.rollout, now), now);
    return p.rollout.state() == io.biggerfleet.model.RolloutState.AWAITING_APPROVAL;
  }

  /** Carries out gate decisions (one batch); true if the rollout moved on to another step. */
  boolean carryOut(DeviceTable p, List<Decision> decisions, Instant now) {
    if (decisions.isEmpty()) {
      return false;
    }
    Rollout r = p.rollout;
    RolloutRun run = r.run();
    Batch b = engine.batch(now);
    for (Decision d : decisions) {
      if (d instanceof Decision.AwaitApproval) {
        Decision.AwaitApproval a = (Decision.AwaitApproval) d;
        String who = r.config(a.step()).guards().approversText();
        RolloutTransition t = engine.transition(
            b,
            r,
            RolloutAction.AWAIT_APPROVAL,
            "step " + a.step() + "/" + r.stepCount() + " needs approval (may approve: " + who
                + ")");
        engine.commit(
            p,
            b,
            r.toBuilder()
                .transition(t)
                .run(run.toBuilder().awaitingSince(a.since()).build())
                .build());
        return false;
      } else if (d instanceof Decision.ExpireWaiting) {
        expireWaiting(p, b, now);
      } else if (d instanceof Decision.Complete) {
        Decision.Complete c = (Decision.Complete) d;
        b.event(EventType.GATE_PASSED, r.name(), "Gate passed at " + c.gate().text());
        RolloutRun next = run.toBuilder()
            .finishedAt(c.finishedAt())
            .lastGate(c.reportedBp(), c.successBp())
            .watching(c.watching())
            .nextJoinerCheck(null)
            .build();
        RolloutTransition done =
            engine.transition(b, r, RolloutAction.COMPLETE, "every gate passed");
        engine.commit(p, b, r.toBuilder().transition(done).run(next).build());
        return false;
      } else if (d instanceof Decision.AdvanceStep) {
        Decision.AdvanceStep a = (Decision.AdvanceStep) d;
        b.event(EventType.GATE_PASSED, r.name(), "Gate passed at " + a.gate().text());
        RolloutRun.Builder next = run.toBuilder()
            .currentStep(a.nextStep())
            .stepStartedAt(a.startedAt())
            .gateAt(a.gateAt())
            .lastGate(a.gate().reportedBp(), a.gate().successBp())
            .health(null, null);
        if (a.checkJoiners()) {
          next.nextJoinerCheck(a.startedAt());
        }
        b.event(
            EventType.STEP_STARTED,
            r.name(),
            "Step " + a.nextStep() + "/" + r.stepCount() + " started with " + a.nextStepDevices()
                + " devices; gate at " + a.gateAt() + " at the latest");
        engine.commit(p, b, r.withRun(next.build()));
        p.pos = 0;
        return true;
      } else if (d instanceof Decision.Fail) {
        Decision.Fail f = (Decision.Fail) d;
        b.event(EventType.GATE_FAILED, r.name(), "Gate failed at " + f.gate().text());
        RolloutTransition t = engine.transition(b, r, RolloutAction.FAIL, "gate failed");
        engine.commit(
            p,
            b,
            r.toBuilder()
                .transition(t)
                .run(failedRun(run, f.gate(), f.finishedAt()))
                .build());
        return false;
      } else if (d instanceof Decision.BackOut) {
        Decision.BackOut f = (Decision.BackOut) d;
        b.event(EventType.GATE_FAILED, r.name(), "Gate failed at " + f.gate().text());
        Rollout backout = engine.aborts.backoutRollout(r, now);
        RolloutTransition t = engine.transition(
            b,
            r,
            RolloutAction.AUTO_BACKOUT,
            "gate failed; backing out automatically as " + backout.name());
        b.rollout(backout, 0);
        b.event(EventType.ROLLOUT_CREATED, backout.name(), "Backout of " + r.name() + " created");
        RolloutRun next = failedRun(run, f.gate(), f.finishedAt()).toBuilder()
            .backout(backout.name())
            .build();
        engine.commit(p, b, r.toBuilder().transition(t).run(next).build());
        engine.aborts.cleanupAbort(p, Decider.abortCleanup(p.rollout, Observations.of(p)), now);
        return false;
      } else {
        throw new IllegalArgumentException("Not a gate decision: " + d);
      }
    }
    return false;
  }

  private static RolloutRun failedRun(RolloutRun run, GateFigures f, Instant at) {
    return run.toBuilder()
        .lastGate(f.reportedBp(), f.successBp())
        .failedStep(f.step())
        .finishedAt(at)
        .failedBecause(f.reason().isEmpty() ? null : f.reason())
        .health(null, run.healthNote().orElse(null))
        .watching(true)
        .build();
  }

  /** At DONE: devices still waiting for an automatic retry end FAILED (an operator can retry them). */
  void expireWaiting(DeviceTable p, Batch b, Instant now) {
    for (int i = 0; i < p.size(); i++) {
      if (p.status(i) == DeviceStatus.WAITING) {
        Versioned<DeviceRolloutProgress> v = engine.record(p, i);
        DeviceRolloutProgress next = v.value().toBuilder()
            .status(DeviceStatus.FAILED)
            .dueAt(null)
            .updatedAt(now)
            .message("automatic retry dropped: rollout done; last: " + v.value().message())
            .build();
        b.put(next, v.version());
        engine.apply(p, i, next);
      }
    }
  }
}
