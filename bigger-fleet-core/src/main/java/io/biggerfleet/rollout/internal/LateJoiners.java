package io.biggerfleet.rollout.internal;

import io.biggerfleet.device.DeviceId;
import io.biggerfleet.event.EventType;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutRun;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Adds devices that entered the rollout's base set after activation to its FINAL step (late joiner policy JOIN_FINAL).
 *
 * <p>Carries out {@link Decision.CheckLateJoiners}: resolving the base set and reading the store are
 * effects, so they happen here, not in the {@link Decider}.
 *
 * <p>Part of {@link RolloutEngine}'s executor; not thread-safe on its own: called under the engine's lock.
 */
final class LateJoiners {
  private final RolloutEngine engine;

  LateJoiners(RolloutEngine engine) {
    this.engine = engine;
  }

  /**
   * Adds the late joiners found now; the next check is due at {@code nextCheck}. Returns how many were
   * added: when any were, the plan no longer matches the store and must be reloaded.
   */
  int add(DeviceTable p, Instant now, Instant nextCheck) {
    Rollout r = p.rollout;
    Set<DeviceId> held = heldByOthers(r.name());
    int fin = r.stepCount();
    Instant start = r.run().stepStartedAt().orElse(now);
    Batch b = engine.batch(now);
    int added = 0;
    for (DeviceId id : engine.resolver.resolve(r.devices())) {
      if (p.indexOf(id) >= 0
          || held.contains(id)
          || engine.store.progress(r.name(), id).isPresent()) {
        continue;
      }
      Instant due =
          Spread.dueAt(start, r.config(fin).window(), Spread.of(r.name(), engine.systemId(id)));
      b.put(
          DeviceRolloutProgress.builder(r.name(), id, fin, now)
              .dueAt(due.isBefore(now) ? now : due)
              .build(),
          0);
      added++;
    }
    RolloutRun.Builder run = r.run().toBuilder().nextJoinerCheck(nextCheck);
    if (added > 0) {
      run.deviceCount(r.run().deviceCount() + added);
      b.event(EventType.LATE_JOINERS_ADDED, r.name(), added + " late joiners added to FINAL");
    }
    engine.commit(p, b, r.withRun(run.build()));
    return added;
  }

  Set<DeviceId> heldByOthers(String except) {
    return new HashSet<>(engine.holders(except).keySet());
  }
}
