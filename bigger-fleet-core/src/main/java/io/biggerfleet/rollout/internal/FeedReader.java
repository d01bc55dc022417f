package io.biggerfleet.rollout.internal;

import io.biggerfleet.FleetException;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Reads the registries' progress feeds for one rollout and records each device's reported progress, with the feed cursor, in the same batch.
 *
 * <p><b>Read-ahead.</b> While a full page (of {@value RolloutEngine#PAGE} changes) is being recorded,
 * the next page and its devices' stored records are read beside the engine thread (on the engine's
 * {@link PostWorkers}), so the hub's and the store's reads overlap the store's write: draining a
 * million changes is then bound by the slower of the two, not their sum. A device the current page
 * wrote is read again after that write (its read-ahead record is stale). A read-ahead that is not
 * used (recording fails) is cancelled; the cursor is only ever stored with the page it follows, so
 * nothing is skipped. A page shorter than asked reached the head of the feed and ends the reading
 * for this round: a feed that changes all the time (thousands of devices reporting) would otherwise
 * keep the round reading page after page, up to {@value RolloutEngine#MAX_PAGES_PER_TICK} of them,
 * while nothing is posted.
 *
 * <p>Part of {@link RolloutEngine}; not thread-safe on its own: called under the engine's lock. The
 * read-ahead touches only the trails and the store (both thread-safe by their SPI), never the plan.
 */
final class FeedReader {
  private final RolloutEngine engine;
  private final PostWorkers workers;

  FeedReader(RolloutEngine engine, PostWorkers workers) {
    this.engine = engine;
    this.workers = workers;
  }

  /** One page of a feed and the stored records of the devices it names with this rollout's marker. */
  private record Page(ProgressPage feed, Map<DeviceId, Versioned<DeviceRolloutProgress>> records) {
    boolean isFull() {
      return feed.steps().size() >= RolloutEngine.PAGE;
    }
  }

  void readFeeds(DeviceTable p, Instant now) {
    for (String registry : p.registries) {
      DeviceTrails t = engine.trails.get(registry);
      if (t == null) {
        continue;
      }
      Page page = read(t, p.name, p.rollout.run().cursors().get(registry));
      for (int n = 1; !page.feed().steps().isEmpty(); n++) {
        // a full page may have more after it: read that ahead; a short one reached the head of the
        // feed, so the rest waits for the next round (a feed that never runs dry would hold it
        // here)
        boolean more = n < RolloutEngine.MAX_PAGES_PER_TICK && page.isFull();
        String next = page.feed().nextCursor();
        Future<Page> ahead = more ? workers.submit(() -> read(t, p.name, next)) : null;
        Set<DeviceId> written;
        try {
          written = record(p, registry, page, now);
        } catch (RuntimeException | Error e) {
          if (ahead != null) {
            ahead.cancel(true);
          }
          throw e;
        }
        if (ahead == null) {
          break;
        }
        page = reread(join(ahead), written, p.name);
      }
    }
  }

  /** Records one page's progress and moves the registry's cursor past it; returns the devices written. */
  private Set<DeviceId> record(DeviceTable p, String registry, Page page, Instant now) {
    Batch b = engine.batch(now);
    Map<Integer, Versioned<DeviceRolloutProgress>> read = new LinkedHashMap<>();
    Map<Integer, DeviceRolloutProgress> changed = new LinkedHashMap<>();
    for (TrailStep st : page.feed().steps()) {
      Optional<StepMarker> m = st.marker();
      if (m.isEmpty() || !m.get().rollout().equals(p.name)) {
        continue;
      }
      int i = p.indexOf(st.device());
      if (i < 0) {
        continue;
      }
      Versioned<DeviceRolloutProgress> v = read.computeIfAbsent(i, k -> {
        Versioned<DeviceRolloutProgress> f = page.records().get(p.ids[k]);
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
    Set<DeviceId> written = new HashSet<>();
    for (Map.Entry<Integer, DeviceRolloutProgress> e : changed.entrySet()) {
      int i = e.getKey();
      DeviceRolloutProgress before = read.get(i).value();
      DeviceRolloutProgress next = e.getValue();
      b.put(next, read.get(i).version());
      engine.apply(p, i, next);
      p.posting.remove(i);
      resultEvent(b, p.rollout, before, next);
      written.add(p.ids[i]);
    }
    Rollout r = p.rollout;
    engine.commit(
        p,
        b,
        r.withRun(r.run().toBuilder().cursor(registry, page.feed().nextCursor()).build()));
    return written;
  }

  /**
   * A page of the feed after {@code cursor} and the records of its devices of {@code rollout}, read in
   * one store call (not one per device). Runs on the engine thread or beside it: touches no plan.
   */
  private Page read(DeviceTrails t, String rollout, @Nullable String cursor) {
    ProgressPage pg = t.progressSince(cursor, RolloutEngine.PAGE);
    List<DeviceId> ours = new ArrayList<>();
    for (TrailStep st : pg.steps()) {
      if (st.marker().isPresent() && st.marker().get().rollout().equals(rollout)) {
        ours.add(st.device());
      }
    }
    return new Page(pg, ours.isEmpty() ? Map.of() : engine.store.progress(rollout, ours));
  }

  /** {@code ahead} with the records of the devices just {@code written} read again. */
  private Page reread(Page ahead, Set<DeviceId> written, String rollout) {
    List<DeviceId> stale = new ArrayList<>();
    for (DeviceId d : ahead.records().keySet()) {
      if (written.contains(d)) {
        stale.add(d);
      }
    }
    if (stale.isEmpty()) {
      return ahead;
    }
    Map<DeviceId, Versioned<DeviceRolloutProgress>> records = new HashMap<>(ahead.records());
    records.keySet().removeAll(stale);
    records.putAll(engine.store.progress(rollout, stale));
    return new Page(ahead.feed(), records);
  }

  private static Page join(Future<Page> ahead) {
    try {
      return ahead.get();
    } catch (InterruptedException e) {
      ahead.cancel(true);
      Thread.currentThread().interrupt();
      throw new FleetException("Interrupted while reading a changes feed", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new FleetException("Reading a changes feed failed: " + cause, cause);
    }
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
