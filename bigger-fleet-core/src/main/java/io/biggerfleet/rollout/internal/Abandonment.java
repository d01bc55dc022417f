package io.biggerfleet.rollout.internal;

import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.Group;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.spi.DeviceTrails;
import io.biggerfleet.spi.FleetStore;
import io.biggerfleet.spi.ProgressPage;
import io.biggerfleet.spi.RolloutLease;
import io.biggerfleet.spi.RolloutLeases;
import io.biggerfleet.spi.StepMarker;
import io.biggerfleet.spi.StepRequest;
import io.biggerfleet.spi.TrailStep;
import io.biggerfleet.spi.Versioned;
import io.biggerfleet.spi.WriteBatch;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Makes an engine stoppable at any point, as a process kill would stop it ({@link RolloutEngine#abandon()}).
 * The engine reaches its store, trails and leases only through the wrappers made here. Once abandoned,
 * every call through them fails fast with {@link Abandoned}; and an effect that was in flight when the
 * engine was abandoned (a store write, post, cancel or lease change) lands or not, but its result is
 * discarded, so the engine records nothing of it and makes no further effect. What is left is exactly
 * what a crash leaves: the next engine over the same store recovers it.
 *
 * <p>Thread-safe: {@link #abandon()} may be called from any thread, also from inside a call the
 * engine is making (that is how crash tests stop it between two effects).
 */
final class Abandonment {
  private volatile boolean abandoned;

  /** Thrown through the engine once it is abandoned; {@link RolloutEngine#tick()} swallows it. */
  static final class Abandoned extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    Abandoned() {
      super("This rollout engine was abandoned; build a new one over the same store to go on");
    }
  }

  void abandon() {
    abandoned = true;
  }

  boolean isAbandoned() {
    return abandoned;
  }

  /** Throws {@link Abandoned} once abandoned. */
  void check() {
    if (abandoned) {
      throw new Abandoned();
    }
  }

  /** {@code result} of an effect, unless the engine was abandoned while it was in flight. */
  private <T> T after(T result) {
    check();
    return result;
  }

  FleetStore guard(FleetStore s) {
    return new FleetStore() {
      @Override
      public Optional<Versioned<Device>> device(DeviceId id) {
        check();
        return s.device(id);
      }

      @Override
      public List<Versioned<Device>> devices() {
        check();
        return s.devices();
      }

      @Override
      public long deviceCount() {
        check();
        return s.deviceCount();
      }

      @Override
      public Optional<Versioned<Group>> group(String path) {
        check();
        return s.group(path);
      }

      @Override
      public List<Versioned<Group>> groups() {
        check();
        return s.groups();
      }

      @Override
      public Optional<Versioned<Rollout>> rollout(String name) {
        check();
        return s.rollout(name);
      }

      @Override
      public List<Versioned<Rollout>> rollouts() {
        check();
        return s.rollouts();
      }

      @Override
      public Optional<Versioned<DeviceRolloutProgress>> progress(String rollout, DeviceId device) {
        check();
        return s.progress(rollout, device);
      }

      @Override
      public List<Versioned<DeviceRolloutProgress>> progress(String rollout) {
        check();
        return s.progress(rollout);
      }

      @Override
      public Map<DeviceId, Versioned<DeviceRolloutProgress>> progress(
          String rollout, java.util.Collection<DeviceId> devices) {
        check();
        return s.progress(rollout, devices);
      }

      @Override
      public List<Versioned<DeviceRolloutProgress>> progress(
          String rollout, @Nullable DeviceId after, int limit) {
        check();
        return s.progress(rollout, after, limit);
      }

      @Override
      public List<FleetEvent> events(long afterSeq, int limit) {
        check();
        return s.events(afterSeq, limit);
      }

      @Override
      public void write(WriteBatch batch) {
        check();
        s.write(batch);
        check();
      }

      @Override
      public void writeCreatingProgress(WriteBatch batch, Iterable<DeviceRolloutProgress> created) {
        check();
        s.writeCreatingProgress(batch, created);
        check();
      }

      @Override
      public void close() {
        s.close();
      }
    };
  }

  /** Every registry's trails, guarded (an immutable copy). */
  Map<String, DeviceTrails> guardAll(Map<String, DeviceTrails> trails) {
    Map<String, DeviceTrails> out = new HashMap<>();
    trails.forEach((registry, t) -> out.put(registry, guard(Objects.requireNonNull(t, registry))));
    return Map.copyOf(out);
  }

  DeviceTrails guard(DeviceTrails t) {
    return new DeviceTrails() {
      @Override
      public String registry() {
        return t.registry();
      }

      @Override
      public TrailStep latest(DeviceId device) {
        check();
        return t.latest(device);
      }

      @Override
      public Optional<TrailStep> step(DeviceId device, int rev) {
        check();
        return t.step(device, rev);
      }

      @Override
      public TrailStep post(DeviceId device, StepRequest request) {
        check();
        return after(t.post(device, request));
      }

      @Override
      public Optional<TrailStep> find(DeviceId device, StepMarker marker) {
        check();
        return t.find(device, marker);
      }

      @Override
      public boolean cancel(DeviceId device, int rev) {
        check();
        return after(t.cancel(device, rev));
      }

      @Override
      public ProgressPage progressSince(String cursor, int limit) {
        check();
        return t.progressSince(cursor, limit);
      }

      @Override
      public boolean objectExists(String sha256) {
        check();
        return t.objectExists(sha256);
      }

      @Override
      public int postConcurrency() {
        return t.postConcurrency();
      }

      @Override
      public List<String> errorLog(DeviceId device, int rev, int maxLines) {
        check();
        return t.errorLog(device, rev, maxLines);
      }

      @Override
      public Optional<io.biggerfleet.spi.DeviceLiveness> liveness(DeviceId device) {
        check();
        return t.liveness(device);
      }
    };
  }

  RolloutLeases guard(RolloutLeases l) {
    return new RolloutLeases() {
      @Override
      public Optional<RolloutLease> acquire(String rollout, String holder, Duration ttl) {
        check();
        return after(l.acquire(rollout, holder, ttl));
      }

      @Override
      public RolloutLease renew(RolloutLease lease, Duration ttl) {
        check();
        return after(l.renew(lease, ttl));
      }

      @Override
      public void release(RolloutLease lease) {
        check();
        l.release(lease);
        check();
      }

      @Override
      public Optional<RolloutLease> current(String rollout) {
        check();
        return l.current(rollout);
      }
    };
  }
}
