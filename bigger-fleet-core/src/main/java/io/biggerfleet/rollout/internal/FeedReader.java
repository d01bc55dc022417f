package io.biggerfleet.rollout.internal;

import io.biggerfleet.device.DeviceId;
import io.biggerfleet.event.EventType;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.spi.DeviceTrails;
import io.biggerfleet.spi.ProgressPage;
import io.biggerfleet.spi.StepMarker;
import io.biggerfleet.spi.TrailStep;
import io.biggerfleet.spi.Versioned;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the registries' progress feeds for one rollout and records each device's reported progress, with the feed cursor, in the same batch.
 *
 * <p>Part of {@link RolloutEngine}; not thread-safe on its own: called under the engine's lock.
 */
final class FeedReader {
  private final RolloutEngine engine;

  FeedReader(RolloutEngine engine) {
    this.engine = engine;
  }

  void readFeeds(DeviceTable p, Instant now) {
    for (String registry : p.registries) {
      DeviceTrails t = engine.trails.get(registry);
      if (t == null) {
        continue;
      }
      String cursor = p.rollout.run().cursors().get(registry);
      for (int page = 0; page < RolloutEngine.MAX_PAGES_PER_TICK; page++) {
        ProgressPage pg = t.progressSince(cursor, RolloutEngine.PAGE);
        if (pg.steps().isEmpty()) {
          break;
        }
        Batch b = engine.batch(now);
        Map<DeviceId, Versioned<DeviceRolloutProgress>> fetched = prefetch(p, pg);
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
          Versioned<DeviceRolloutProgress> v = read.computeIfAbsent(i, k -> {
            Versioned<DeviceRolloutProgress> f = fetched.get(p.ids[k]);
            return f != null ? f : engine.record(p, k);
          });
          DeviceRolloutProgress rec = changed.getOrDefault(i, v.value());
          if (m.get().attempt() != rec.attempt()
              || m.get().step() != rec.step()
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
          engine.apply(p, i, next);
          p.posting.remove(i);
          resultEvent(b, p.rollout, before, next);
        }
        cursor = pg.nextCursor();
        Rollout r = p.rollout;
        engine.commit(
            p, b, r.withRun(r.run().toBuilder().cursor(registry, cursor).build()));
      }
    }
  }

  /** The records of the page's devices of this rollout, read in one store call (not one per device). */
  private Map<DeviceId, Versioned<DeviceRolloutProgress>> prefetch(DeviceTable p, ProgressPage pg) {
    List<DeviceId> ours = new ArrayList<>();
    for (TrailStep st : pg.steps()) {
      if (st.marker().isPresent()
          && st.marker().get().rollout().equals(p.name)
          && p.indexOf(st.device()) >= 0) {
        ours.add(st.device());
      }
    }
    return ours.isEmpty() ? Map.of() : engine.store.progress(p.name, ours);
  }

  static void resultEvent(
      Batch b, Rollout r, DeviceRolloutProgress before, DeviceRolloutProgress next) {
    String id = next.device().toString();
    if (next.status().isTerminal() && next.status() != before.status()) {
      b.event(
          EventType.DEVICE_RESULT,
          id,
          r.name() + ": step " + next.step() + " attempt " + next.attempt() + " "
              + next.status() + " (" + next.deviceStatus()
              + (next.message().isEmpty() ? "" : ": " + next.message())
              + ")");
    } else if (next.status() == DeviceStatus.WAITING && before.status() != DeviceStatus.WAITING) {
      b.event(
          EventType.DEVICE_RETRY,
          id,
          r.name() + ": step " + next.step() + " attempt " + next.attempt() + " "
              + next.deviceStatus() + "; next attempt due "
              + next.dueAt().map(Instant::toString).orElse("now")
              + (next.message().isEmpty() ? "" : " (" + next.message() + ")"));
    }
  }
}
