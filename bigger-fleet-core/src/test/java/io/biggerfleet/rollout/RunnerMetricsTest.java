package io.biggerfleet.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.FleetClient;
import io.biggerfleet.FleetException;
import io.biggerfleet.ManualClock;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.metrics.MeteredTrails;
import io.biggerfleet.metrics.MicrometerMetrics;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.spi.DeviceTrails;
import io.biggerfleet.testing.FakeDeviceRegistry;
import io.biggerfleet.testing.FakeTrails;
import io.biggerfleet.testing.SimFleet;
import io.biggerfleet.testing.WalkthroughFleet;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The runner's metrics in Micrometer: posts, post latency, gate decisions, devices by status, tick duration, hub errors. */
class RunnerMetricsTest {
  final ManualClock clock = ManualClock.at("2026-03-01T00:00:00Z");
  final ManualScheduler scheduler = new ManualScheduler(clock);
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void aRolloutDrivenByTheRunner_showsInTheMeters() {
    FleetClient.Builder b = FleetClient.builder().clock(clock);
    MicrometerMetrics[] metrics = new MicrometerMetrics[1];
    for (FakeDeviceRegistry r : WalkthroughFleet.registries()) {
      FakeTrails t =
          new FakeTrails(r.name(), clock, FakeTrails.allSucceed()).addObject(SimFleet.NEW_KERNEL);
      r.devices().forEach(d -> t.addDevice(d.id(), SimFleet.factoryState()));
      b.registry(r)
          .trails(MeteredTrails.wrap(t, (reg, op, took, e) -> metrics[0].called(reg, op, took, e)));
    }
    FleetClient fleet = b.build();
    metrics[0] = new MicrometerMetrics(registry, fleet.rollouts());
    fleet.importDevices();
    fleet
        .rollouts()
        .create(Rollout.builder("R")
            .change("set kernel=" + SimFleet.NEW_KERNEL)
            .message("kernel")
            .devices("/")
            .time("2h")
            .timeout("1h")
            .success("100%,100%")
            .build());
    fleet.rollouts().activate("R");
    RolloutRunner runner = RolloutRunner.builder(fleet.rollouts())
        .interval(Duration.ofMinutes(10))
        .scheduler(scheduler)
        .listener(metrics[0])
        .start();

    scheduler.advance(Duration.ofMinutes(60));
    assertThat(registry
            .get("bigger_fleet.rollout.devices")
            .tags("rollout", "R", "status", "pending")
            .gauge()
            .value())
        .isBetween(1.0, 10.0);
    double tracked = 0;
    for (DeviceStatus s : DeviceStatus.values()) {
      tracked +=
          registry.get("bigger_fleet.devices").tags("status", s.name()).gauge().value();
    }
    assertThat(tracked).as("every device of the running rollout, by status").isEqualTo(11);
    scheduler.advance(Duration.ofHours(3));
    runner.close();

    assertThat(registry.get("bigger_fleet.posts").counter().count()).isEqualTo(11);
    assertThat(registry.get("bigger_fleet.hub.calls").tags("operation", "post").timers())
        .extracting(t -> t.getId().getTag("registry") + "=" + t.count())
        .containsExactlyInAnyOrder("cisco.com=7", "pantahub.com=4");
    assertThat(registry
            .get("bigger_fleet.gate.decisions")
            .tags("outcome", "passed")
            .counter()
            .count())
        .isEqualTo(1);
    assertThat(registry
            .get("bigger_fleet.tick.duration")
            .tags("outcome", "ok")
            .timer()
            .count())
        .isEqualTo(runner.ticks());
    assertThat(registry.find("bigger_fleet.hub.errors").counters()).isEmpty();
  }

  @Test
  void hubErrors_areCountedByKind_andPassThrough() {
    DeviceTrails down = (DeviceTrails) Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {DeviceTrails.class}, (p, m, a) -> {
          if (m.getName().equals("registry")) {
            return "hub.io";
          }
          throw new FleetException("hub down");
        });
    MicrometerMetrics metrics =
        new MicrometerMetrics(registry, FleetClient.builder().build().rollouts());
    DeviceTrails metered = MeteredTrails.wrap(down, metrics);

    assertThatThrownBy(() -> metered.latest(DeviceId.parse("D@hub.io")))
        .isInstanceOf(FleetException.class)
        .hasMessage("hub down");

    assertThat(registry
            .get("bigger_fleet.hub.errors")
            .tags("operation", "latest", "kind", "FleetException")
            .counter()
            .count())
        .isEqualTo(1);
  }
}
