package io.biggerfleet.bench.jdbc;

import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.TrailState;
import io.biggerfleet.spi.DeviceTrails;
import io.biggerfleet.spi.ProgressPage;
import io.biggerfleet.spi.StepMarker;
import io.biggerfleet.spi.StepProgress;
import io.biggerfleet.spi.StepRequest;
import io.biggerfleet.spi.TrailStep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Trails whose changes feed reports, once {@link #open()}ed, that each of {@code ids} finished rev 1
 * of step 1, attempt 1 of {@code rollout} (DONE): pages are generated as they are read, like a hub
 * serving its feed. Everything else is inert; objects all exist. Not thread-safe (the engine calls it
 * under its lock).
 */
final class FeedTrails implements DeviceTrails {
  private static final Instant T = Instant.parse("2026-03-01T00:05:00Z");
  private final String registry;
  private final List<DeviceId> ids;
  private final StepMarker marker;
  private boolean open;
  int served;

  FeedTrails(String registry, List<DeviceId> ids, String rollout) {
    this.registry = registry;
    this.ids = ids;
    this.marker = StepMarker.of(rollout, 1, 1);
  }

  void open() {
    open = true;
  }

  @Override
  public String registry() {
    return registry;
  }

  @Override
  public ProgressPage progressSince(String cursor, int limit) {
    int from = cursor == null ? 0 : Integer.parseInt(cursor);
    if (!open) {
      return new ProgressPage(List.of(), Integer.toString(from));
    }
    int to = Math.min(ids.size(), from + limit);
    List<TrailStep> page = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      page.add(new TrailStep(
          ids.get(i),
          1,
          "bench",
          marker,
          StepProgress.of("DONE", 100, "updated", T),
          T,
          TrailState.empty()));
    }
    served = Math.max(served, to);
    return new ProgressPage(page, Integer.toString(to));
  }

  @Override
  public TrailStep latest(DeviceId device) {
    return new TrailStep(
        device, 0, "factory", null, StepProgress.posted(), null, TrailState.empty());
  }

  @Override
  public Optional<TrailStep> step(DeviceId device, int rev) {
    return Optional.empty();
  }

  @Override
  public TrailStep post(DeviceId device, StepRequest request) {
    throw new IllegalStateException("the drain benchmark posts nothing");
  }

  @Override
  public Optional<TrailStep> find(DeviceId device, StepMarker marker) {
    return Optional.empty();
  }

  @Override
  public boolean cancel(DeviceId device, int rev) {
    return true;
  }

  @Override
  public boolean objectExists(String sha256) {
    return true;
  }
}
