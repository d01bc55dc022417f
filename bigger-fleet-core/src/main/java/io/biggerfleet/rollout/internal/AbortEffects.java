package io.biggerfleet.rollout.internal;

import io.biggerfleet.WriteConflictException;
import io.biggerfleet.event.EventType;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutAction;
import io.biggerfleet.model.RolloutRun;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.model.RolloutTransition;
import io.biggerfleet.model.StepConfig;
import io.biggerfleet.model.SuccessCriteria;
import io.biggerfleet.spi.TrailStep;
import io.biggerfleet.spi.Versioned;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The effects of stopping a rollout: creating a backout rollout, carrying out
 * {@link Decision.CleanUpAbort} (drop queued devices, cancel posted steps, hand devices to the backout)
 * and {@link Decision.Watch} (the watching flag of finished rollouts).
 *
 * <p>Part of {@link RolloutEngine}'s executor; not thread-safe on its own: called under the engine's lock.
 */
final class AbortEffects {
  private final RolloutEngine engine;

  AbortEffects(RolloutEngine engine) {
    this.engine = engine;
  }

  Rollout backoutRollout(Rollout r, Instant now) {
    String base = r.name().length() > 56 ? r.name().substring(0, 56) : r.name();
    String name = base + "-backout";
    for (int n = 2; engine.store.rollout(name).isPresent(); n++) {
      name = base + "-backout" + n;
    }
    StepConfig cfg =
        StepConfig.of(Duration.ZERO, r.defaults().timeout(), SuccessCriteria.ofBasisPoints(0, 0));
    return Rollout.builder(name)
        .backoutOf(r.name())
        .change(r.change())
        .message("Back out " + r.name())
        .devices(r.devices())
        .defaults(cfg)
        .transition(RolloutTransition.of(name, RolloutState.DRAFT, RolloutAction.ACTIVATE))
        .createdAt(now)
        .run(RolloutRun.notStarted().toBuilder()
            .activatedAt(now)
            .currentStep(1)
            .stepStartedAt(now)
            .gateAt(now.plus(cfg.span()))
            .build())
        .build();
  }

  /**
   * Carries out {@link Decision.CleanUpAbort}: drops queued devices, cancels posted steps not yet
   * picked up; with a backout, hands every device that took (or is taking) the change to the backout
   * rollout. Whether a device took the change is known only from the trail (a cancel refused), so it
   * is found out here. Idempotent.
   */
  void cleanupAbort(DeviceTable p, Decision.CleanUpAbort decision, Instant now) {
    Optional<String> backout = p.rollout.run().backout();
    List<Integer> todo = decision.devices();
    p.posting.clear();
    for (int from = 0; from < todo.size(); from += RolloutEngine.CHUNK) {
      Batch b = engine.batch(now);
      List<DeviceRolloutProgress> handed = new ArrayList<>();
      for (int i : todo.subList(from, Math.min(todo.size(), from + RolloutEngine.CHUNK))) {
        Versioned<DeviceRolloutProgress> v = engine.record(p, i);
        DeviceRolloutProgress rec = v.value();
        boolean took;
        switch (rec.status()) {
          case WAITING:
            took = false;
            break;
          case POSTING: {
            Optional<TrailStep> found =
                engine.trailsOf(rec.device()).find(rec.device(), RolloutEngine.marker(rec));
            took = found.isPresent()
                && !engine
                    .trailsOf(rec.device())
                    .cancel(rec.device(), found.get().rev());
            if (found.isPresent()) { // posted, record not written: its pre-rollout revision as on
              // recovery
              rec = rec.toBuilder()
                  .rev(found.get().rev())
                  .baseRev(Outcomes.baseRevOf(rec, found.get().rev()))
                  .build();
            }
            break;
          }
          case POSTED:
            took = !engine.trailsOf(rec.device()).cancel(rec.device(), rec.rev());
            break;
          default:
            took = true;
        }
        DeviceRolloutProgress next = Outcomes.afterAbort(rec, took, backout, now);
        if (next.status() == DeviceStatus.ABORTED) {
          b.event(
              EventType.DEVICE_ABORTED, rec.device().toString(), p.name + ": " + next.message());
        } else if (next.status() == DeviceStatus.ROLLED_BACK) {
          handed.add(DeviceRolloutProgress.builder(backout.get(), rec.device(), 1, now)
              .baseRev(rec.baseRev())
              .build());
          b.event(
              EventType.DEVICE_ROLLBACK,
              rec.device().toString(),
              p.name + ": handed to " + backout.get() + " to restore rev " + rec.baseRev());
        }
        if (!Outcomes.sameButTime(v.value(), next)) {
          b.put(next, v.version());
          engine.apply(p, i, next);
        }
      }
      if (!handed.isEmpty()) {
        Versioned<Rollout> bo = engine
            .store
            .rollout(backout.get())
            .orElseThrow(
                () -> new WriteConflictException("Backout rollout " + backout.get() + " vanished"));
        for (DeviceRolloutProgress h : handed) {
          b.put(h, 0);
        }
        Rollout br = bo.value();
        b.rollout(
            br.withRun(br.run().toBuilder()
                .deviceCount(br.run().deviceCount() + handed.size())
                .build()),
            bo.version());
        engine.plans.remove(br.name());
      }
      engine.commit(p, b, p.rollout);
    }
  }

  /** Carries out {@link Decider#watching}: a finished rollout starts or stops watching. */
  void updateWatching(DeviceTable p, Instant now) {
    Rollout r = p.rollout;
    for (Decision d : Decider.watching(r, Observations.of(p))) {
      boolean watching = ((Decision.Watch) d).watching();
      engine.commit(
          p, engine.batch(now), r.withRun(r.run().toBuilder().watching(watching).build()));
    }
  }
}
