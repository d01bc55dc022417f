package io.biggerfleet.bench.rollout;

import io.biggerfleet.ManualClock;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.group.SelectorResolver;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.rollout.Rollouts;
import io.biggerfleet.spi.DeviceTrails;
import io.biggerfleet.spi.FleetStore;
import io.biggerfleet.spi.ProgressPage;
import io.biggerfleet.spi.StepMarker;
import io.biggerfleet.spi.StepRequest;
import io.biggerfleet.spi.TrailStep;
import io.biggerfleet.spi.Versioned;
import io.biggerfleet.spi.WriteBatch;
import io.biggerfleet.store.InMemoryFleetStore;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/** A store with n devices (every 100th tagged canary), a resolver and trails that never see a post. */
final class BenchFleet {
  static final String SHA = "b".repeat(64);
  final ManualClock clock = ManualClock.at("2026-03-01T00:00:00Z");
  final FleetStore store = new InMemoryFleetStore();
  final Rollouts rollouts;

  BenchFleet(int n) {
    WriteBatch.Builder b = WriteBatch.builder();
    for (int i = 0; i < n; i++) {
      Device.Builder d = Device.builder(DeviceId.of(String.format("dev-%07d", i), "sim.io"));
      if (i % 100 == 0) {
        d.addTag("canary");
      }
      b.putDevice(d.build(), 0);
      if ((i + 1) % 50_000 == 0) {
        store.write(b.build());
        b = WriteBatch.builder();
      }
    }
    store.write(b.build());
    rollouts =
        Rollouts.over(store, clock, Map.of("sim.io", new QuietTrails()), resolver(store), "bench");
  }

  /** Five steps (four canary-style steps over tags and FINAL), 5 days in all. */
  void draft(String name) {
    rollouts.create(Rollout.builder(name)
        .change("set kernel=" + SHA)
        .message("bench")
        .devices("/")
        .time("1d")
        .timeout("1h")
        .success("85%,99%")
        .build());
    for (int s = 0; s < 4; s++) {
      rollouts.addStep(name, "/tag/canary", "2h", "1h", "100%,100%");
    }
  }

  static SelectorResolver resolver(FleetStore store) {
    return selector -> {
      String tag = selector.startsWith("/tag/") ? selector.substring(5) : null;
      SortedSet<DeviceId> out = new TreeSet<>();
      for (Versioned<Device> d : store.devices()) {
        if (tag == null || d.value().tags().contains(tag)) {
          out.add(d.value().id());
        }
      }
      return Collections.unmodifiableSortedSet(out);
    };
  }

  /** Trails whose feed is empty and whose objects all exist (posts are accepted and never progress). */
  static final class QuietTrails implements DeviceTrails {
    @Override
    public String registry() {
      return "sim.io";
    }

    @Override
    public TrailStep latest(DeviceId device) {
      return new TrailStep(
          device,
          0,
          "factory",
          null,
          io.biggerfleet.spi.StepProgress.posted(),
          null,
          io.biggerfleet.model.TrailState.empty());
    }

    @Override
    public Optional<TrailStep> step(DeviceId device, int rev) {
      return Optional.empty();
    }

    @Override
    public TrailStep post(DeviceId device, StepRequest request) {
      return new TrailStep(
          device,
          1,
          request.commitMessage(),
          request.marker(),
          io.biggerfleet.spi.StepProgress.posted(),
          null,
          request.state());
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
    public ProgressPage progressSince(String cursor, int limit) {
      return new ProgressPage(List.of(), cursor == null ? "0" : cursor);
    }

    @Override
    public boolean objectExists(String sha256) {
      return true;
    }
  }
}
