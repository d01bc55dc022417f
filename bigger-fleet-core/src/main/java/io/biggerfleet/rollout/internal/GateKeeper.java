package io.biggerfleet.rollout.internal;

import io.biggerfleet.event.EventType;
import io.biggerfleet.rollout.DeviceRolloutProgress;
import io.biggerfleet.rollout.DeviceStatus;
import io.biggerfleet.rollout.GateFailurePolicy;
import io.biggerfleet.rollout.LateJoinerPolicy;
import io.biggerfleet.rollout.Rollout;
import io.biggerfleet.rollout.RolloutAction;
import io.biggerfleet.rollout.RolloutTransition;
import io.biggerfleet.rollout.RolloutKind;
import io.biggerfleet.rollout.RolloutRun;
import io.biggerfleet.rollout.RolloutState;
import io.biggerfleet.rollout.StepConfig;
import io.biggerfleet.rollout.SuccessCriteria;
import io.biggerfleet.spi.Versioned;
import java.time.Instant;

/**
 * Evaluates the current step's gate and carries out its decision: next step, DONE, ERROR or an automatic backout.
 *
 * <p>Part of {@link RolloutEngine}; not thread-safe on its own: called under the engine's lock.
 */
final class GateKeeper {
  private final RolloutEngine engine;

  GateKeeper(RolloutEngine engine) {
    this.engine = engine;
  }

  /** Evaluates the current step's gate; true if the rollout moved on to another step. */
  boolean gate(Plan p, Instant now) {
    Rollout r = p.rollout;
    RolloutRun run = r.run();
    int s = run.currentStep();
    StepConfig cfg = r.config(s);
    int total = p.total(s);
    int ok = p.count(s, DeviceStatus.SUCCEEDED);
    int failed = p.count(s, DeviceStatus.FAILED);
    Instant gateAt = run.gateAt().orElse(now);
    if (r.kind() == RolloutKind.BACKOUT && r.parent().flatMap(engine.store::rollout)
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
    Batch b = engine.batch(now);
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
        RolloutTransition done = engine.transition(b, r, RolloutAction.COMPLETE, "every gate passed");
        engine.commit(p, b, r.toBuilder().transition(done).run(next).build());
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
      engine.commit(p, b, r.withRun(next.build()));
      p.pos = 0;
      return true;
    }
    b.event(EventType.GATE_FAILED, r.name(), "Gate failed at " + figures);
    RolloutRun.Builder next = run.toBuilder().lastGate(reportedBp, successBp).failedStep(s).finishedAt(now)
        .watching(true);
    if (r.onGateFailure() == GateFailurePolicy.BACK_OUT && r.kind() == RolloutKind.CHANGE) {
      Rollout backout = engine.aborts.backoutRollout(r, now);
      next.backout(backout.name());
      RolloutTransition t = engine.transition(b, r, RolloutAction.AUTO_BACKOUT,
          "gate failed; backing out automatically as " + backout.name());
      b.rollout(backout, 0);
      b.event(EventType.ROLLOUT_CREATED, backout.name(), "Backout of " + r.name() + " created");
      engine.commit(p, b, r.toBuilder().transition(t).run(next.build()).build());
      engine.aborts.cleanupAbort(p, now);
    } else {
      RolloutTransition t = engine.transition(b, r, RolloutAction.FAIL, "gate failed");
      engine.commit(p, b, r.toBuilder().transition(t).run(next.build()).build());
    }
    return false;
  }

  /** At DONE: devices still waiting for an automatic retry end FAILED (an operator can retry them). */
  void expireQueued(Plan p, Batch b, Instant now) {
    for (int i = 0; i < p.size(); i++) {
      if (p.status(i) == DeviceStatus.QUEUED) {
        Versioned<DeviceRolloutProgress> v = engine.record(p, i);
        DeviceRolloutProgress next = v.value().toBuilder().status(DeviceStatus.FAILED).dueAt(null).updatedAt(now)
            .message("automatic retry dropped: rollout done; last: " + v.value().message()).build();
        b.put(next, v.version());
        engine.apply(p, i, next);
      }
    }
  }
}
