package io.biggerfleet.pantahub.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.device.DeviceId;
import io.biggerfleet.pantahub.PantahubDevices;
import io.biggerfleet.spi.DeviceRegistry;
import io.biggerfleet.testing.contract.DeviceRegistryContractTest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link PantahubDevices} over HTTP against the simulator's walkthrough fleet, against the registry contract. */
class PantahubDevicesContractTest extends DeviceRegistryContractTest {
  private SimulatedHub hub;

  @Override
  protected Fixture newFixture() {
    hub = new SimulatedHub();
    List<DeviceId> known = List.of(hub.id("bathroom-wifi"), hub.id("devbox4-wifi"));
    return new Fixture() {
      @Override
      public DeviceRegistry registry() {
        return hub.client.devices();
      }

      @Override
      public List<DeviceId> knownDevices() {
        return known;
      }

      @Override
      public DeviceId unknownDevice() {
        return DeviceId.of("0123456789abcdef01234567", SimulatedHub.REGISTRY);
      }
    };
  }

  @AfterEach
  void stopHub() {
    hub.close();
  }

  @Test
  void device_ofAnIdThatCannotBeAPantahubId_isEmpty() {
    assertThat(hub.client.devices().device(DeviceId.of("DEVICEID-1", SimulatedHub.REGISTRY)))
        .isEmpty();
  }
}
