package io.biggerfleet.testing;

import io.biggerfleet.device.DeviceId;
import io.biggerfleet.spi.DeviceRegistry;
import io.biggerfleet.testing.contract.DeviceRegistryContractTest;
import java.util.List;

/** {@link FakeDeviceRegistry}, filled with the walkthrough's Cisco devices, against the registry contract. */
class FakeDeviceRegistryContractTest extends DeviceRegistryContractTest {
  @Override
  protected Fixture newFixture() {
    FakeDeviceRegistry cisco = WalkthroughFleet.registries().get(0);
    return new Fixture() {
      @Override
      public DeviceRegistry registry() {
        return cisco;
      }

      @Override
      public List<DeviceId> knownDevices() {
        return List.of(
            DeviceId.parse("DEVICEID-1@cisco.com"), DeviceId.parse("DEVICEID-5@cisco.com"));
      }

      @Override
      public DeviceId unknownDevice() {
        return DeviceId.parse("DEVICEID-Z@cisco.com");
      }
    };
  }
}
