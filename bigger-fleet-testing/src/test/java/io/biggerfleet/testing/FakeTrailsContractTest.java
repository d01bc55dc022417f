package io.biggerfleet.testing;

import io.biggerfleet.ManualClock;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.TrailState;
import io.biggerfleet.spi.DeviceTrails;
import io.biggerfleet.testing.contract.DeviceTrailsContractTest;
import java.time.Duration;
import java.util.Map;

/** {@link FakeTrails}, the engine tests' trails, against the {@link DeviceTrails} contract. */
class FakeTrailsContractTest extends DeviceTrailsContractTest {
  @Override
  protected Fixture newFixture() {
    ManualClock clock = ManualClock.at("2026-03-01T00:00:00Z");
    DeviceId worker = DeviceId.parse("worker@fake.io");
    DeviceId sleeper = DeviceId.parse("sleeper@fake.io");
    String sha = "ab".repeat(32);
    FakeTrails trails = new FakeTrails(
        "fake.io",
        clock,
        (d, s) -> d.equals(sleeper)
            ? FakeTrails.Fate.offline()
            : FakeTrails.Fate.succeed(Duration.ofMinutes(1), Duration.ofMinutes(2)));
    TrailState factory = TrailState.of(Map.of("bsp/kernel.img", sha));
    trails.addDevice(worker, factory).addDevice(sleeper, factory).addObject(sha);
    return new Fixture() {
      @Override
      public DeviceTrails trails() {
        return trails;
      }

      @Override
      public DeviceId worker() {
        return worker;
      }

      @Override
      public DeviceId sleeper() {
        return sleeper;
      }

      @Override
      public DeviceId stranger() {
        return DeviceId.parse("stranger@fake.io");
      }

      @Override
      public String uploadedObject() {
        return sha;
      }

      @Override
      public void letDevicesWork() {
        clock.advance(Duration.ofMinutes(30));
      }
    };
  }
}
