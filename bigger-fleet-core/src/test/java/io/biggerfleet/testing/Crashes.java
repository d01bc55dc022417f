package io.biggerfleet.testing;

import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.group.Group;
import io.biggerfleet.rollout.DeviceRolloutProgress;
import io.biggerfleet.rollout.Rollout;
import io.biggerfleet.spi.DeviceTrails;
import io.biggerfleet.spi.FleetStore;
import io.biggerfleet.spi.ProgressPage;
import io.biggerfleet.spi.StepMarker;
import io.biggerfleet.spi.StepRequest;
import io.biggerfleet.spi.TrailStep;
import io.biggerfleet.spi.Versioned;
import io.biggerfleet.spi.WriteBatch;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Crash injection: wraps a store and trails so that, at a chosen effect (a store write, a post, a
 * cancel), a {@link SimulatedCrash} is thrown — before the effect happens or right after it did (the
 * reply lost). Effects are counted across everything wrapped by the same instance.
 */
public final class Crashes {
  private final SplittableRandom random;
  private final double rate;
  private long effects;
  private long crashes;
  private boolean armed = true;

  /** Crashes at each effect with probability {@code rate}, seeded. */
  public Crashes(long seed, double rate) {
    this.random = new SplittableRandom(seed);
    this.rate = rate;
  }

  public synchronized long effects() {
    return effects;
  }

  public synchronized long crashes() {
    return crashes;
  }

  /** Turns crashing on or off (e.g. off while the test itself writes). */
  public synchronized void armed(boolean on) {
    armed = on;
  }

  /** Returns true if the effect should crash after running; throws if it should crash before. */
  private synchronized boolean effect(String what) {
    effects++;
    if (!armed || random.nextDouble() >= rate) {
      return false;
    }
    crashes++;
    if (random.nextBoolean()) {
      throw new SimulatedCrash("before " + what);
    }
    return true;
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
        boolean after = effect("store write");
        s.write(batch);
        if (after) {
          throw new SimulatedCrash("after store write");
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
        boolean after = effect("post");
        TrailStep s = t.post(device, request);
        if (after) {
          throw new SimulatedCrash("after post");
        }
        return s;
      }

      @Override
      public Optional<TrailStep> find(DeviceId device, StepMarker marker) {
        return t.find(device, marker);
      }

      @Override
      public boolean cancel(DeviceId device, int rev) {
        boolean after = effect("cancel");
        boolean r = t.cancel(device, rev);
        if (after) {
          throw new SimulatedCrash("after cancel");
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
    };
  }
}
