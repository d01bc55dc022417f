package io.biggerfleet.testing;

import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.Group;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.spi.DeviceTrails;
import io.biggerfleet.spi.FleetStore;
import io.biggerfleet.spi.ProgressPage;
import io.biggerfleet.spi.StepMarker;
import io.biggerfleet.spi.StepRequest;
import io.biggerfleet.spi.TrailStep;
import io.biggerfleet.spi.Versioned;
import io.biggerfleet.spi.WriteBatch;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Crash injection: wraps a store and trails so that, at a chosen effect (a store write, a post, a
 * cancel), the engine dies — before the effect happens or right after it did (the reply lost). Each
 * crash is counted by its {@link Point}.
 *
 * <p>How the engine dies: with {@link #onCrash(Runnable)} set (normally to {@code Rollouts::abandon}),
 * the hook stops the engine and the wrapper returns normally — before the effect it skips the effect,
 * after it returns the real result; the abandoned engine discards either. Without a hook a
 * {@link SimulatedCrash} is thrown instead (for suites that drive engines without {@code abandon()}).
 *
 * <p>Which effects crash is a function of the seed and the effect itself (store writes by their
 * sequence number, posts by device, marker and how often that marker was posted, cancels by device,
 * revision and repetition), not of the order in which concurrent posts arrive. Posts made on a thread
 * other than the one that created this instance count as concurrent posting. Thread-safe.
 */
public final class Crashes {
  /** Where an engine was stopped. */
  public enum Point {
    /** Before a store write: the write never happened. */
    BEFORE_STORE_WRITE("store write lost"),
    /** After a store write landed: the reply was lost. */
    AFTER_STORE_WRITE("store write landed, reply lost"),
    /** Before a post on the sequential posting path: it never reached the trail. */
    BEFORE_POST("post not sent (sequential posting)"),
    /** After a post landed on the sequential posting path: its record was not written. */
    AFTER_POST("post landed, record not written (sequential posting)"),
    /** Before a post on the concurrent posting path (postConcurrency > 1). */
    BEFORE_POST_CONCURRENT("post not sent (concurrent posting)"),
    /** After a post landed on the concurrent posting path: its record (and its batch) not written. */
    AFTER_POST_CONCURRENT("post landed, record not written (concurrent posting)"),
    /** Before a cancel: the step stays as it was. */
    BEFORE_CANCEL("cancel not sent"),
    /** After a cancel landed: the reply was lost. */
    AFTER_CANCEL("cancel landed, reply lost");

    private final String description;

    Point(String description) {
      this.description = description;
    }

    /** What the engine left behind at this point, in words. */
    public String description() {
      return description;
    }
  }

  private final long seed;
  private final double rate;
  private final Thread driver = Thread.currentThread();
  private final Map<Point, Long> hits = new EnumMap<>(Point.class);
  private final Map<String, Integer> seen = new HashMap<>();
  private long effects;
  private long crashes;
  private long writes;
  private boolean armed = true;
  private Runnable onCrash;

  /** Crashes at each effect with probability {@code rate}, seeded. */
  public Crashes(long seed, double rate) {
    this.seed = seed;
    this.rate = rate;
  }

  /**
   * Stops the engine with {@code stop} instead of throwing {@link SimulatedCrash}; {@code stop} must
   * abandon the engine (e.g. {@code rollouts::abandon}), which then discards the wrapped call's result.
   */
  public synchronized void onCrash(Runnable stop) {
    this.onCrash = stop;
  }

  public synchronized long effects() {
    return effects;
  }

  public synchronized long crashes() {
    return crashes;
  }

  /** Crashes so far, by point (every point listed, zero if not hit). */
  public synchronized Map<Point, Long> hits() {
    Map<Point, Long> m = new EnumMap<>(Point.class);
    for (Point p : Point.values()) {
      m.put(p, hits.getOrDefault(p, 0L));
    }
    return m;
  }

  /** Turns crashing on or off (e.g. off while the test itself writes). */
  public synchronized void armed(boolean on) {
    armed = on;
  }

  /** What to do at one effect: nothing, or crash before or after it. */
  private enum Fate {
    NONE,
    BEFORE,
    AFTER
  }

  /** Decides the fate of the effect {@code key}; counts the crash and, before the effect, stops the engine. */
  private synchronized Fate effect(String key, Point before, Point after) {
    effects++;
    int n = seen.merge(key, 1, Integer::sum);
    long h = mix(seed ^ mix(key.hashCode() * 0x9E3779B97F4A7C15L + n));
    if (!armed || (h >>> 11) * 0x1.0p-53 >= rate) {
      return Fate.NONE;
    }
    crashes++;
    Point p = (h & 1) == 0 ? before : after;
    hits.merge(p, 1L, Long::sum);
    if (p == before) {
      stop("before");
      return Fate.BEFORE;
    }
    return Fate.AFTER;
  }

  private Point concurrently(Point sequential, Point concurrent) {
    return Thread.currentThread() == driver ? sequential : concurrent;
  }

  /** Stops the engine: with a hook, runs it (the caller then returns normally); else throws. */
  private synchronized void stop(String where) {
    if (onCrash == null) {
      throw new SimulatedCrash(where);
    }
    onCrash.run();
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  public FleetStore store(FleetStore s) {
    return new FleetStore() {
      @Override
      public Optional<Versioned<Device>> device(DeviceId id) {
        return s.device(id);
      }

      @Override
      public List<Versioned<Device>> devices() {
        return s.devices();
      }

      @Override
      public long deviceCount() {
        return s.deviceCount();
      }

      @Override
      public Optional<Versioned<Group>> group(String path) {
        return s.group(path);
      }

      @Override
      public List<Versioned<Group>> groups() {
        return s.groups();
      }

      @Override
      public Optional<Versioned<Rollout>> rollout(String name) {
        return s.rollout(name);
      }

      @Override
      public List<Versioned<Rollout>> rollouts() {
        return s.rollouts();
      }

      @Override
      public Optional<Versioned<DeviceRolloutProgress>> progress(String rollout, DeviceId device) {
        return s.progress(rollout, device);
      }

      @Override
      public List<Versioned<DeviceRolloutProgress>> progress(String rollout) {
        return s.progress(rollout);
      }

      @Override
      public List<FleetEvent> events(long afterSeq, int limit) {
        return s.events(afterSeq, limit);
      }

      @Override
      public void write(WriteBatch batch) {
        Fate f;
        synchronized (Crashes.this) {
          f = effect("write#" + (++writes), Point.BEFORE_STORE_WRITE, Point.AFTER_STORE_WRITE);
        }
        if (f == Fate.BEFORE) {
          return;
        }
        s.write(batch);
        if (f == Fate.AFTER) {
          stop("after store write");
        }
      }
    };
  }

  public DeviceTrails trails(DeviceTrails t) {
    return new DeviceTrails() {
      @Override
      public String registry() {
        return t.registry();
      }

      @Override
      public TrailStep latest(DeviceId device) {
        return t.latest(device);
      }

      @Override
      public Optional<TrailStep> step(DeviceId device, int rev) {
        return t.step(device, rev);
      }

      @Override
      public TrailStep post(DeviceId device, StepRequest request) {
        Fate f = effect(
            "post " + device + " " + request.marker(),
            concurrently(Point.BEFORE_POST, Point.BEFORE_POST_CONCURRENT),
            concurrently(Point.AFTER_POST, Point.AFTER_POST_CONCURRENT));
        if (f == Fate.BEFORE) {
          return null; // never reaches the abandoned engine
        }
        TrailStep s = t.post(device, request);
        if (f == Fate.AFTER) {
          stop("after post");
        }
        return s;
      }

      @Override
      public Optional<TrailStep> find(DeviceId device, StepMarker marker) {
        return t.find(device, marker);
      }

      @Override
      public boolean cancel(DeviceId device, int rev) {
        Fate f = effect("cancel " + device + " " + rev, Point.BEFORE_CANCEL, Point.AFTER_CANCEL);
        if (f == Fate.BEFORE) {
          return false; // never reaches the abandoned engine
        }
        boolean r = t.cancel(device, rev);
        if (f == Fate.AFTER) {
          stop("after cancel");
        }
        return r;
      }

      @Override
      public ProgressPage progressSince(String cursor, int limit) {
        return t.progressSince(cursor, limit);
      }

      @Override
      public boolean objectExists(String sha256) {
        return t.objectExists(sha256);
      }

      @Override
      public int postConcurrency() {
        return t.postConcurrency();
      }

      @Override
      public List<String> errorLog(DeviceId device, int rev, int maxLines) {
        return t.errorLog(device, rev, maxLines);
      }
    };
  }
}
