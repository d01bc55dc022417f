package io.biggerfleet.rollout.internal;

import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutRun;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.spi.DeviceTrails;
import io.biggerfleet.spi.TrailStep;
import io.biggerfleet.spi.Versioned;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Carries out the {@link Decider}'s posting decisions ({@link Decision.Post},
 * {@link Decision.CheckLateJoiners}): record POSTING, post, record POSTED; and recovers devices a crash
 * left in POSTING (looked up by marker first). Each device's post is a {@link DevicePost}; several run
 * at once on {@link PostWorkers} when the trails allow it.
 *
 * <p>Part of {@link RolloutEngine}'s executor; not thread-safe on its own: called under the engine's
 * lock.
 */
final class Poster {
  /**
   * Posts per chunk of a partitioned round: smaller than {@link RolloutEngine#CHUNK}, because a round
   * ends only between chunks and a survivor's takeover waits for the chunk it has in flight.
   */
  static final int PARTITIONED_CHUNK = 100;

  private final RolloutEngine engine;
  private final PostWorkers workers;

  Poster(RolloutEngine engine, PostWorkers workers) {
    this.engine = engine;
    this.workers = workers;
  }

  /** Devices left in POSTING by a crash: find their step by marker; post only if it is not there. */
  void resolvePosting(DeviceTable p, Instant now) {
    List<Integer> todo = new ArrayList<>();
    for (int i : p.posting) {
      if (p.mine(i)) {
        todo.add(i); // another partition's crash leftovers are its holder's to resolve
      }
    }
    p.posting.clear();
    for (int from = 0; from < todo.size(); from += RolloutEngine.CHUNK) {
      Batch b = engine.batch(now);
      List<int[]> repost = new ArrayList<>();
      for (int i : todo.subList(from, Math.min(todo.size(), from + RolloutEngine.CHUNK))) {
        Versioned<DeviceRolloutProgress> v = engine.record(p, i);
        DeviceRolloutProgress rec = v.value();
        if (rec.status() != DeviceStatus.POSTING) {
          continue;
        }
        Optional<TrailStep> found =
            engine.trailsOf(rec.device()).find(rec.device(), RolloutEngine.marker(rec));
        if (found.isPresent()) {
          TrailStep st = found.get();
          // the post went through but its record was not written: record it as the normal path
          // would,
          // pre-rollout revision included (a backout restores it)
          rec = rec.toBuilder().baseRev(Outcomes.baseRevOf(rec, st.rev())).build();
          DeviceRolloutProgress next = Outcomes.apply(rec, st.rev(), st.progress(), p.rollout, now);
          next = next == null
              ? rec.toBuilder()
                  .status(DeviceStatus.POSTED)
                  .rev(st.rev())
                  .updatedAt(now)
                  .build()
              : next;
          b.put(next, v.version());
          engine.apply(p, i, next);
        } else if (p.rollout.state() == RolloutState.ACTIVE) {
          repost.add(new int[] {i});
        } else {
          DeviceRolloutProgress next = rec.toBuilder()
              .status(DeviceStatus.WAITING)
              .attempt(rec.attempt() - 1)
              .updatedAt(now)
              .build();
          b.put(next, v.version());
          engine.apply(p, i, next);
        }
      }
      if (!b.isEmpty()) {
        engine.commit(p, b, p.rollout);
      }
      if (!repost.isEmpty()) {
        List<Integer> idx = new ArrayList<>();
        repost.forEach(a -> idx.add(a[0]));
        postRecorded(p, idx, Map.of(), now);
      }
    }
  }

  /**
   * Asks the {@link Decider} what is due in the current step and carries it out. Returns true if late
   * joiners were added: the plan no longer matches the store (nothing was posted; reload it).
   */
  boolean postDue(DeviceTable p, Instant now) {
    p.scheduleCurrentStep(now);
    List<Integer> explicitlyDue = explicitlyDue(p, now);
    for (Decision d : Decider.posts(p.rollout, new Observations(p, false, explicitlyDue), now)) {
      if (d instanceof Decision.CheckLateJoiners) {
        if (p.lead
            && engine.lateJoiners.add(p, now, ((Decision.CheckLateJoiners) d).nextCheck()) > 0) {
          return true;
        }
      } else if (d instanceof Decision.Post) {
        Decision.Post post = (Decision.Post) d;
        int walkedFrom = p.pos;
        p.pos = post.position();
        explicitlyDue.forEach(p.explicitDue::remove);
        List<Integer> due = post.devices();
        if (p.mine != null) {
          due = byPartition(p, due);
        }
        int chunk = p.mine != null ? PARTITIONED_CHUNK : RolloutEngine.CHUNK;
        for (int from = 0; from < due.size(); from += chunk) {
          if (from > 0 && p.mine != null && engine.partitions.roundOver()) {
            leaveForNextRound(p, walkedFrom, due.subList(from, due.size()), explicitlyDue, now);
            break;
          }
          post(p, due.subList(from, Math.min(due.size(), from + chunk)), now);
        }
      } else if (d instanceof Decision.Defer) {
        Decision.Defer later = (Decision.Defer) d;
        Instant last = now;
        int current = p.rollout.run().currentStep();
        for (int k = 0; k < later.devices().size(); k++) {
          p.setDue(
              later.devices().get(k), later.until().get(k)); // in memory: a reload decides again
          if (p.step[later.devices().get(k)] == current && later.until().get(k).isAfter(last)) {
            last = later.until().get(k);
          }
        }
        Rollout moved = gateAtLeastTimeoutAfter(p.rollout, last);
        if (moved
            != p.rollout) { // a device of this step waits for its window: the gate waits for it
          engine.commit(p, engine.batch(now), moved);
        }
      } else {
        throw new IllegalArgumentException("Not a posting decision: " + d);
      }
    }
    return false;
  }

  /**
   * A partitioned round that used up its tick stops posting (so its next round, which claims partitions
   * of a dead instance, comes soon): the walk starts again where this one started (devices posted since
   * are no longer QUEUED and are passed over) and the explicitly due devices not posted keep their due
   * time.
   */
  private static void leaveForNextRound(
      DeviceTable p, int walkedFrom, List<Integer> rest, List<Integer> explicitlyDue, Instant now) {
    p.pos = walkedFrom;
    if (!explicitlyDue.isEmpty()) {
      Set<Integer> explicit = new java.util.HashSet<>(explicitlyDue);
      for (int i : rest) {
        if (explicit.contains(i)) {
          p.setDue(i, now);
        }
      }
    }
  }

  /** Of {@code due}, the devices of this instance's partitions, grouped by partition (one lease a chunk, mostly). */
  private static List<Integer> byPartition(DeviceTable p, List<Integer> due) {
    List<Integer> out = new ArrayList<>(due.size());
    for (int k = p.mine.nextSetBit(0); k >= 0; k = p.mine.nextSetBit(k + 1)) {
      for (int i : due) {
        if (p.partition(i) == k) {
          out.add(i);
        }
      }
    }
    return out;
  }

  /**
   * The devices whose explicit due time has come (still QUEUED, the time still theirs), earliest
   * first: taken off the plan's due queue, an observation for the {@link Decider}. Their explicit due
   * time stays in the plan until the post decision is carried out.
   */
  static List<Integer> explicitlyDue(DeviceTable p, Instant now) {
    long nowMs = now.toEpochMilli();
    Set<Integer> due = new LinkedHashSet<>();
    while (!p.dueQueue.isEmpty() && p.dueQueue.peek()[0] <= nowMs) {
      long[] e = p.dueQueue.poll();
      int i = (int) e[1];
      Long want = p.explicitDue.get(i);
      if (want != null && want == e[0] && p.status(i) == DeviceStatus.WAITING) {
        due.add(i);
      }
    }
    return new ArrayList<>(due);
  }

  /** Posts QUEUED devices: record POSTING (fenced), post, record POSTED. */
  void post(DeviceTable p, List<Integer> idx, Instant now) {
    Batch b = engine.batch(now);
    List<Integer> recorded = new ArrayList<>();
    Map<Integer, Versioned<DeviceRolloutProgress>> written = new HashMap<>();
    int current = p.rollout.run().currentStep();
    boolean postsInCurrentStep = false;
    for (int i : idx) {
      Versioned<DeviceRolloutProgress> v = engine.record(p, i);
      DeviceRolloutProgress rec = v.value();
      if (rec.status() != DeviceStatus.WAITING) {
        continue;
      }
      postsInCurrentStep |= rec.step() == current;
      DeviceRolloutProgress next = rec.toBuilder()
          .status(DeviceStatus.POSTING)
          .attempt(rec.attempt() + 1)
          .dueAt(null)
          .updatedAt(now)
          .build();
      b.put(next, v.version());
      engine.apply(p, i, next);
      recorded.add(i);
      written.put(i, new Versioned<>(next, v.version() + 1));
    }
    if (recorded.isEmpty()) {
      return;
    }
    // the minute's post count goes with the POSTING records: a restart knows it exactly (the lead's
    // rollout record only: instances that post partitions do not write it, see docs/storage.md)
    engine.commit(
        p,
        b,
        Ramp.counted(
            postsInCurrentStep && p.lead ? gateAtLeastTimeoutAfter(p.rollout, now) : p.rollout,
            now,
            recorded.size()));
    postRecorded(p, recorded, written, now);
  }

  /**
   * A device posted late (the engine was not running at its post time: no command used the CLI, the
   * process was down, the rollout was in ERROR until a retry) still gets the step's full timeout to
   * report: the gate moves to at least {@code now + timeout}. Posts made on schedule never move it
   * (their post time + timeout is before step start + window + timeout).
   */
  static Rollout gateAtLeastTimeoutAfter(Rollout r, Instant now) {
    RolloutRun run = r.run();
    Instant least = now.plus(r.config(run.currentStep()).timeout());
    if (run.gateAt().isEmpty() || !run.gateAt().get().isBefore(least)) {
      return r;
    }
    return r.withRun(run.toBuilder().gateAt(least).build());
  }

  /** Posts devices already recorded as POSTING (their marker names the attempt), then records POSTED. */
  void postRecorded(
      DeviceTable p,
      List<Integer> idx,
      Map<Integer, Versioned<DeviceRolloutProgress>> known,
      Instant now) {
    if (idx.size() > 1 && concurrency(p, idx) > 1) {
      postRecordedConcurrently(p, idx, known, now, concurrency(p, idx));
      return;
    }
    Batch b = engine.batch(now);
    Rollout r = p.rollout;
    engine.confirmPosting(p, idx);
    for (int i : idx) {
      engine.checkPosting(p, i);
      Versioned<DeviceRolloutProgress> v =
          known.containsKey(i) ? known.get(i) : engine.record(p, i);
      record(p, b, r, i, v, DevicePost.of(r, v.value(), engine::trailsOf), now);
    }
    if (!b.isEmpty()) {
      engine.commit(p, b, p.rollout);
    }
  }

  /** The smallest post concurrency of the trails these devices are on. */
  private int concurrency(DeviceTable p, List<Integer> idx) {
    int c = Integer.MAX_VALUE;
    for (int i : idx) {
      c = Math.min(c, engine.trailsOf(p.ids[i]).postConcurrency());
      if (c <= 1) {
        return 1;
      }
    }
    return c;
  }

  /**
   * {@link #postRecorded} with up to {@code n} devices' reads and posts in flight at once (trails that
   * allow it, {@link DeviceTrails#postConcurrency()}); the records and events are then written in the
   * devices' order, exactly as the sequential path writes them.
   */
  private void postRecordedConcurrently(
      DeviceTable p,
      List<Integer> idx,
      Map<Integer, Versioned<DeviceRolloutProgress>> known,
      Instant now,
      int n) {
    Rollout r = p.rollout;
    engine.confirmPosting(p, idx);
    idx.forEach(i -> engine.checkPosting(p, i));
    List<Versioned<DeviceRolloutProgress>> recs = new ArrayList<>(idx.size());
    List<Callable<DevicePost>> work = new ArrayList<>(idx.size());
    for (int i : idx) {
      Versioned<DeviceRolloutProgress> v =
          known.containsKey(i) ? known.get(i) : engine.record(p, i);
      recs.add(v);
      DeviceRolloutProgress rec = v.value();
      work.add(() -> DevicePost.of(r, rec, engine::trailsOf));
    }
    List<DevicePost> outcomes = workers.run(work, n);
    Batch b = engine.batch(now);
    for (int k = 0; k < idx.size(); k++) {
      record(p, b, r, idx.get(k), recs.get(k), outcomes.get(k), now);
    }
    if (!b.isEmpty()) {
      engine.commit(p, b, p.rollout);
    }
  }

  /**
   * Puts device {@code i}'s record after {@code post} into {@code b} and the plan; when it is unknown
   * whether the post went through, the device stays POSTING, resolved by marker next tick.
   */
  private void record(
      DeviceTable p,
      Batch b,
      Rollout r,
      int i,
      Versioned<DeviceRolloutProgress> v,
      DevicePost post,
      Instant now) {
    DeviceRolloutProgress next = post.recordAfter(r, v.value(), b, now);
    if (next == null) {
      p.posting.add(i);
      return;
    }
    b.put(next, v.version());
    engine.apply(p, i, next);
  }
}
