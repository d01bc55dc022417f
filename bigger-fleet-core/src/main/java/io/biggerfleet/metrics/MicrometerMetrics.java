package io.biggerfleet.metrics;

import io.biggerfleet.event.EventType;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.rollout.FleetLoad;
import io.biggerfleet.rollout.Rollouts;
import io.biggerfleet.rollout.StepReport;
import io.biggerfleet.rollout.TickReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The fleet's metrics in a Micrometer {@link MeterRegistry} — Micrometer is an <b>optional</b>
 * dependency of core: add {@code io.micrometer:micrometer-core} to use this class. It is a
 * {@link io.biggerfleet.rollout.RolloutRunner} listener (tick metrics) and a {@link TrailCalls}
 * listener (hub calls, through {@link MeteredTrails}):
 *
 * <pre>{@code
 * MicrometerMetrics metrics = new MicrometerMetrics(registry, fleet.rollouts());   // fleet built with
 * // .trails(MeteredTrails.wrap(hub.trails(), metrics))
 * RolloutRunner.builder(fleet.rollouts()).listener(metrics).start();
 * }</pre>
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@code bigger_fleet.tick.duration}</td><td>timer</td><td>{@code outcome} ok|error</td></tr>
 *   <tr><td>{@code bigger_fleet.posts}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@code bigger_fleet.results}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@code bigger_fleet.gate.decisions}</td><td>counter</td><td>{@code outcome} passed|failed</td></tr>
 *   <tr><td>{@code bigger_fleet.hub.calls}</td><td>timer (post latency is {@code operation=post})</td><td>{@code operation}, {@code registry}</td></tr>
 *   <tr><td>{@code bigger_fleet.hub.errors}</td><td>counter</td><td>{@code operation}, {@code kind} (exception class)</td></tr>
 *   <tr><td>{@code bigger_fleet.devices}</td><td>gauge, over driven rollouts</td><td>{@code status} (every {@link DeviceStatus})</td></tr>
 *   <tr><td>{@code bigger_fleet.rollout.devices}</td><td>gauge, per rollout holding devices</td><td>{@code rollout}, {@code status} succeeded|failed|pending</td></tr>
 * </table>
 *
 * <p>Thread-safe.
 */
public final class MicrometerMetrics implements Consumer<TickReport>, TrailCalls {
  private final MeterRegistry registry;
  private final Rollouts rollouts;
  private final Counter posts;
  private final Counter results;
  private final Counter gatesPassed;
  private final Counter gatesFailed;
  private final Map<DeviceStatus, AtomicLong> byStatus = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> perRollout = new ConcurrentHashMap<>();

  /** Registers the meters in {@code registry}; {@code rollouts} is read after each tick for the gauges. */
  public MicrometerMetrics(MeterRegistry registry, Rollouts rollouts) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.rollouts = Objects.requireNonNull(rollouts, "rollouts");
    posts = Counter.builder("bigger_fleet.posts")
        .description("Steps posted to device trails")
        .register(registry);
    results = Counter.builder("bigger_fleet.results")
        .description("Device results recorded")
        .register(registry);
    gatesPassed =
        Counter.builder("bigger_fleet.gate.decisions").tag("outcome", "passed").register(registry);
    gatesFailed =
        Counter.builder("bigger_fleet.gate.decisions").tag("outcome", "failed").register(registry);
    for (DeviceStatus s : DeviceStatus.values()) {
      AtomicLong v = new AtomicLong();
      byStatus.put(s, v);
      Gauge.builder("bigger_fleet.devices", v, AtomicLong::get)
          .tag("status", s.name())
          .register(registry);
    }
  }

  /** After each runner tick. */
  @Override
  public void accept(TickReport t) {
    Timer.builder("bigger_fleet.tick.duration")
        .tag("outcome", t.error().isPresent() ? "error" : "ok")
        .register(registry)
        .record(t.duration());
    posts.increment(t.count(EventType.DEVICE_POSTED));
    results.increment(t.count(EventType.DEVICE_RESULT));
    gatesPassed.increment(t.count(EventType.GATE_PASSED));
    gatesFailed.increment(t.count(EventType.GATE_FAILED));
    FleetLoad load = t.load();
    if (load != null) {
      load.byStatus().forEach((s, n) -> byStatus.get(s).set(n));
    }
    try {
      for (Rollout r : rollouts.list()) {
        if (r.state().holdsDevices()) {
          long devices = 0;
          long reported = 0;
          long ok = 0;
          for (StepReport s : rollouts.steps(r.name())) {
            devices += s.devices();
            reported += s.reported();
            ok += s.succeeded();
          }
          rolloutGauge(r.name(), "succeeded").set(ok);
          rolloutGauge(r.name(), "failed").set(reported - ok);
          rolloutGauge(r.name(), "pending").set(devices - reported);
        }
      }
    } catch (RuntimeException e) {
      // the next tick tries again
    }
  }

  private AtomicLong rolloutGauge(String rollout, String status) {
    return perRollout.computeIfAbsent(rollout + "\u0000" + status, k -> {
      AtomicLong v = new AtomicLong();
      Gauge.builder("bigger_fleet.rollout.devices", v, AtomicLong::get)
          .tag("rollout", rollout)
          .tag("status", status)
          .register(registry);
      return v;
    });
  }

  /** After each hub call made through {@link MeteredTrails}. */
  @Override
  public void called(
      String trailsRegistry, String operation, Duration took, RuntimeException error) {
    Timer.builder("bigger_fleet.hub.calls")
        .tag("operation", operation)
        .tag("registry", trailsRegistry)
        .register(registry)
        .record(took);
    if (error != null) {
      Counter.builder("bigger_fleet.hub.errors")
          .tag("operation", operation)
          .tag("kind", TrailCalls.kind(error))
          .register(registry)
          .increment();
    }
  }
}
