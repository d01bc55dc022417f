package io.biggerfleet.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.FleetClient;
import io.biggerfleet.ManualClock;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.testing.FakeDeviceRegistry;
import io.biggerfleet.testing.FakeTrails;
import io.biggerfleet.testing.SimFleet;
import io.biggerfleet.testing.WalkthroughFleet;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Rollouts through the front door: FleetClient's registries, trails, store and clock. */
class FleetClientRolloutsTest {
  @Test
  void fleetClient_rollouts_runAChangeOverImportedDevicesOnItsClock() {
    ManualClock clock = ManualClock.at("2026-03-01T00:00:00Z");
    FleetClient.Builder b = FleetClient.builder().clock(clock).actor("ops");
    for (FakeDeviceRegistry r : WalkthroughFleet.registries()) {
      FakeTrails t =
          new FakeTrails(r.name(), clock, FakeTrails.allSucceed()).addObject(SimFleet.NEW_KERNEL);
      r.devices().forEach(d -> t.addDevice(d.id(), SimFleet.factoryState()));
      b.registry(r).trails(t);
    }
    FleetClient fleet = b.build();
    fleet.importDevices();

    Rollouts rollouts = fleet.rollouts();
    rollouts.create(Rollout.builder("ROLLOUT5")
        .change("set kernel=" + SimFleet.NEW_KERNEL)
        .message("kernel")
        .devices("/")
        .time("2h")
        .timeout("1h")
        .success("100%,100%")
        .build());
    rollouts.addStep("ROLLOUT5", "DEVICEID-5@cisco.com", "1h", "1h", "100%,100%");
    assertThat(rollouts.activate("ROLLOUT5").steps())
        .extracting(RolloutPlan.Step::deviceCount)
        .containsExactly(1, 10);
    for (int i = 0; i < 60 && rollouts.get("ROLLOUT5").state() == RolloutState.ACTIVE; i++) {
      clock.advance(Duration.ofMinutes(10));
      rollouts.tick();
    }

    assertThat(rollouts.get("ROLLOUT5").state()).isEqualTo(RolloutState.DONE);
    assertThat(fleet.rollouts()).isSameAs(rollouts);
    assertThat(fleet.events(0, 10_000)).anySatisfy(e -> {
      assertThat(e.subject()).isEqualTo("ROLLOUT5");
      assertThat(e.actor()).isEqualTo("ops");
    });
  }
}
