package io.biggerfleet.testing;

import io.biggerfleet.ManualClock;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.group.SelectorResolver;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.TrailState;
import io.biggerfleet.rollout.Rollouts;
import io.biggerfleet.spi.DeviceTrails;
import io.biggerfleet.spi.FleetStore;
import io.biggerfleet.spi.Versioned;
import io.biggerfleet.spi.WriteBatch;
import io.biggerfleet.store.InMemoryFleetStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A whole simulated fleet for rollout tests: an in-memory store with devices, a {@link FakeTrails}
 * per registry, a {@link ManualClock}, a tag-based selector resolver and a {@link Rollouts} over them.
 * {@link #restart()} throws the engine away and builds a new one over the same store and trails — what
 * a process restart does; with {@link Crashes} the engine is also abandoned at random effects (as a
 * process kill would stop it) and restarted by {@link #tick()}.
 *
 * <p>Selectors: {@code /} (every device), {@code /specialsets/<tag>} and {@code /tag/<tag>} (devices
 * with that fleet tag), a device id or a path ending in one.
 */
public final class SimFleet {
  /** The factory kernel every simulated device starts with. */
  public static final String OLD_KERNEL = "a".repeat(64);
  /** An uploaded object to roll out. */
  public static final String NEW_KERNEL = "b".repeat(64);
  /** Another uploaded object, e.g. a firmware fix for a reroute. */
  public static final String FIRMWARE = "c".repeat(64);

  public final ManualClock clock;
  public final FleetStore baseStore;
  public final Map<String, FakeTrails> trails = new LinkedHashMap<>();
  private final Crashes crashes;
  private final FleetStore store;
  private Rollouts rollouts;
  private int restarts;

  private SimFleet(ManualClock clock, FleetStore baseStore, Crashes crashes) {
    this.clock = clock;
    this.baseStore = baseStore;
    this.crashes = crashes;
    this.store = crashes == null ? baseStore : crashes.store(baseStore);
  }

  /** A fleet of {@code n} devices {@code dev-000000@sim.io} …, every {@code canaryEvery}-th tagged canary. */
  public static SimFleet of(
      int n, int canaryEvery, FakeTrails.DeviceBehaviour behaviour, Crashes crashes) {
    ManualClock clock = ManualClock.at("2026-03-01T00:00:00Z");
    SimFleet f = new SimFleet(clock, new InMemoryFleetStore(), crashes);
    FakeTrails t = new FakeTrails("sim.io", clock, behaviour);
    t.addObject(OLD_KERNEL).addObject(NEW_KERNEL).addObject(FIRMWARE);
    f.trails.put("sim.io", t);
    TrailState factory = factoryState();
    WriteBatch.Builder b = WriteBatch.builder();
    int inBatch = 0;
    for (int i = 0; i < n; i++) {
      DeviceId id = DeviceId.of(String.format("dev-%06d", i), "sim.io");
      Device.Builder d = Device.builder(id).nick("sim-" + i).online(true);
      if (canaryEvery > 0 && i % canaryEvery == 0) {
        d.addTag("canary");
      }
      b.putDevice(d.build(), 0);
      t.addDevice(id, factory);
      if (++inBatch == 10_000) {
        f.baseStore.write(b.build());
        b = WriteBatch.builder();
        inBatch = 0;
      }
    }
    f.baseStore.write(b.build());
    f.restart();
    return f;
  }

  /** The walkthrough's eleven devices in two registries; DEVICEID-5 and DEVICEID-9 are tagged canary. */
  public static SimFleet walkthrough(FakeTrails.DeviceBehaviour behaviour) {
    ManualClock clock = ManualClock.at("2026-03-01T00:00:00Z");
    SimFleet f = new SimFleet(clock, new InMemoryFleetStore(), null);
    TrailState factory = factoryState();
    WriteBatch.Builder b = WriteBatch.builder();
    for (io.biggerfleet.spi.RegistryDevice rd : WalkthroughFleet.devices()) {
      FakeTrails t = f.trails.computeIfAbsent(
          rd.id().registry(),
          r -> new FakeTrails(r, clock, behaviour)
              .addObject(OLD_KERNEL)
              .addObject(NEW_KERNEL)
              .addObject(FIRMWARE));
      t.addDevice(rd.id(), factory);
      Device.Builder d = Device.builder(rd.id())
          .nick(rd.nick())
          .online(true)
          .systemAttributes(rd.systemAttributes())
          .registryAttributes(rd.registryAttributes());
      if (rd.id().id().equals("DEVICEID-5") || rd.id().id().equals("DEVICEID-9")) {
        d.addTag("canary");
      }
      b.putDevice(d.build(), 0);
    }
    f.baseStore.write(b.build());
    f.restart();
    return f;
  }

  public static TrailState factoryState() {
    return TrailState.empty()
        .with("#spec", "pantavisor-service-system@1")
        .with("kernel", OLD_KERNEL)
        .with("bsp/run.json", "{\"linux\":\"kernel.img\"}");
  }

  /** The current engine's API. */
  public Rollouts rollouts() {
    return rollouts;
  }

  /** The store the engine uses (with crash injection, if any). */
  public FleetStore store() {
    return store;
  }

  /** A new engine over the same store and trails, as after a process restart. */
  public Rollouts restart() {
    Map<String, DeviceTrails> t = new LinkedHashMap<>();
    trails.forEach((k, v) -> t.put(k, crashes == null ? v : crashes.trails(v)));
    rollouts = Rollouts.over(store, clock, t, resolver(), "tester");
    if (crashes != null) {
      crashes.onCrash(rollouts::abandon);
    }
    restarts++;
    return rollouts;
  }

  public int restarts() {
    return restarts;
  }

  public FakeTrails trails(String registry) {
    return trails.get(registry);
  }

  /**
   * One engine round; a crash (the engine {@linkplain Rollouts#abandon() abandoned} by {@link Crashes})
   * restarts the engine and runs the round again.
   */
  public void tick() {
    tick(null);
  }

  /** {@link #tick()} of one rollout ({@code null}: all), as commands such as abort do after their write. */
  public void tick(String rollout) {
    for (int i = 0; i < 1000; i++) {
      long before = crashes == null ? 0 : crashes.crashes();
      if (rollout == null) {
        rollouts.tick();
      } else {
        rollouts.tick(rollout);
      }
      if (crashes == null || crashes.crashes() == before) {
        return;
      }
      restart();
    }
    throw new AssertionError("engine crashed 1000 times in a row");
  }

  /** Moves the clock by {@code step} and ticks, until {@code done} holds or {@code max} passed. */
  public Instant runUntil(Predicate<SimFleet> done, Duration step, Duration max) {
    Instant end = clock.instant().plus(max);
    tick();
    while (!done.test(this) && clock.instant().isBefore(end)) {
      clock.advance(step);
      tick();
    }
    return clock.instant();
  }

  /** Runs until the rollout is DONE, ERROR or ABORTED and watches nothing. */
  public Instant runToEnd(String rollout, Duration step, Duration max) {
    return runUntil(
        f -> {
          Rollout r = f.baseStore.rollout(rollout).map(Versioned::value).orElseThrow();
          return r.state().isFinished() && !r.run().watching();
        },
        step,
        max);
  }

  /** Tag-based selector resolver over the store. */
  public SelectorResolver resolver() {
    return selector -> {
      String s = selector.strip();
      SortedSet<DeviceId> out = new TreeSet<>();
      String tag = s.startsWith("/specialsets/")
          ? s.substring(13)
          : s.startsWith("/tag/") ? s.substring(5) : null;
      if (s.equals("/") || tag != null) {
        for (Versioned<Device> d : baseStore.devices()) {
          if (tag == null || d.value().tags().contains(tag)) {
            out.add(d.value().id());
          }
        }
        return Collections.unmodifiableSortedSet(out);
      }
      String last = s.substring(s.lastIndexOf('/') + 1);
      if (!DeviceId.isValid(last)) {
        throw new io.biggerfleet.InvalidInputException("Unknown selector '" + selector + "'");
      }
      DeviceId id = DeviceId.parse(last);
      if (baseStore.device(id).isEmpty()) {
        throw new io.biggerfleet.NotFoundException("device", id.toString());
      }
      out.add(id);
      return Collections.unmodifiableSortedSet(out);
    };
  }

  /** Every device id, sorted. */
  public List<DeviceId> deviceIds() {
    List<DeviceId> out = new ArrayList<>();
    baseStore.devices().forEach(d -> out.add(d.value().id()));
    return out;
  }

  /** Adds a fleet tag to a device, straight in the store. */
  public void tag(DeviceId id, String tag) {
    Versioned<Device> d = baseStore.device(id).orElseThrow();
    baseStore.write(WriteBatch.builder()
        .putDevice(d.value().toBuilder().addTag(tag).build(), d.version())
        .build());
  }

  /** Adds a new device to the store and its trails (e.g. a late joiner). */
  public void addDevice(DeviceId id) {
    baseStore.write(WriteBatch.builder()
        .putDevice(Device.builder(id).nick("late").online(true).build(), 0)
        .build());
    trails.get(id.registry()).addDevice(id, factoryState());
  }
}
