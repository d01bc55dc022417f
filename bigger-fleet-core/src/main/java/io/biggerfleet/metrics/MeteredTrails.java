package io.biggerfleet.metrics;

import io.biggerfleet.device.DeviceId;
import io.biggerfleet.spi.DeviceTrails;
import io.biggerfleet.spi.ProgressPage;
import io.biggerfleet.spi.StepMarker;
import io.biggerfleet.spi.StepRequest;
import io.biggerfleet.spi.TrailStep;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Wraps a {@link DeviceTrails} and tells a {@link TrailCalls} listener about every call: post latency,
 * hub errors by kind. Behaviour is unchanged (results and exceptions pass through). Install it where
 * the trails are given to the client:
 *
 * <pre>{@code
 * FleetClient.builder().registry(hub.devices()).trails(MeteredTrails.wrap(hub.trails(), metrics)) ...
 * }</pre>
 *
 * <p>Thread-safe if the wrapped trails and the listener are.
 */
public final class MeteredTrails implements DeviceTrails {
  private final DeviceTrails trails;
  private final TrailCalls calls;

  private MeteredTrails(DeviceTrails trails, TrailCalls calls) {
    this.trails = Objects.requireNonNull(trails, "trails");
    this.calls = Objects.requireNonNull(calls, "listener");
  }

  /** {@code trails}, reporting every call to {@code calls}. */
  public static DeviceTrails wrap(DeviceTrails trails, TrailCalls calls) {
    return new MeteredTrails(trails, calls);
  }

  private <T> T timed(String op, Supplier<T> call) {
    long start = System.nanoTime();
    try {
      T out = call.get();
      report(op, start, null);
      return out;
    } catch (RuntimeException e) {
      report(op, start, e);
      throw e;
    }
  }

  private void report(String op, long start, RuntimeException e) {
    try {
      calls.called(trails.registry(), op, Duration.ofNanos(System.nanoTime() - start), e);
    } catch (RuntimeException ignored) {
      // metrics never break a call
    }
  }

  @Override
  public String registry() {
    return trails.registry();
  }

  @Override
  public TrailStep latest(DeviceId device) {
    return timed("latest", () -> trails.latest(device));
  }

  @Override
  public Optional<TrailStep> step(DeviceId device, int rev) {
    return timed("step", () -> trails.step(device, rev));
  }

  @Override
  public TrailStep post(DeviceId device, StepRequest request) {
    return timed("post", () -> trails.post(device, request));
  }

  @Override
  public Optional<TrailStep> find(DeviceId device, StepMarker marker) {
    return timed("find", () -> trails.find(device, marker));
  }

  @Override
  public boolean cancel(DeviceId device, int rev) {
    return timed("cancel", () -> trails.cancel(device, rev));
  }

  @Override
  public ProgressPage progressSince(String cursor, int limit) {
    return timed("progressSince", () -> trails.progressSince(cursor, limit));
  }

  @Override
  public boolean objectExists(String sha256) {
    return timed("objectExists", () -> trails.objectExists(sha256));
  }

  @Override
  public int postConcurrency() {
    return trails.postConcurrency();
  }

  @Override
  public List<String> errorLog(DeviceId device, int rev, int maxLines) {
    return timed("errorLog", () -> trails.errorLog(device, rev, maxLines));
  }

  @Override
  public java.util.Optional<io.biggerfleet.spi.DeviceLiveness> liveness(DeviceId device) {
    return timed("liveness", () -> trails.liveness(device));
  }

  @Override
  public String toString() {
    return "MeteredTrails[" + trails + "]";
  }
}
