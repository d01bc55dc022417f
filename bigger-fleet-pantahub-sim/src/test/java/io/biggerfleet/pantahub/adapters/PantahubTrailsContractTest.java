package io.biggerfleet.pantahub.adapters;

import io.biggerfleet.device.DeviceId;
import io.biggerfleet.pantahub.PantahubTrails;
import io.biggerfleet.spi.DeviceTrails;
import io.biggerfleet.testing.contract.DeviceTrailsContractTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/**
 * {@link PantahubTrails} over HTTP against the simulator, against the {@link DeviceTrails} contract:
 * {@code shower-wifi} takes and finishes every step, {@code living-wifi} is offline.
 */
class PantahubTrailsContractTest extends DeviceTrailsContractTest {
  private SimulatedHub hub;

  @Override
  protected Fixture newFixture() {
    hub = new SimulatedHub();
    DeviceId worker = hub.id("shower-wifi");
    DeviceId sleeper = hub.id("living-wifi");
    hub.sim.control("shower-wifi").succeed();
    hub.sim.control("living-wifi").goOffline();
    String sha = hub.upload("kernel 5.15 for the trails contract");
    return new Fixture() {
      @Override
      public DeviceTrails trails() {
        return hub.client.trails();
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
        return DeviceId.of("0123456789abcdef01234567", SimulatedHub.REGISTRY);
      }

      @Override
      public String uploadedObject() {
        return sha;
      }

      @Override
      public void letDevicesWork() {
        hub.advance(Duration.ofHours(2));
      }
    };
  }

  @AfterEach
  void stopHub() {
    hub.close();
  }
}
