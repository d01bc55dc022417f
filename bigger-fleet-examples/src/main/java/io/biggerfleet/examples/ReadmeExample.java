package io.biggerfleet.examples;

import io.biggerfleet.FleetClient;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.store.InMemoryFleetStore;
import io.biggerfleet.testing.FakeDeviceRegistry;
import io.biggerfleet.testing.WalkthroughFleet;

/**
 * The embedding example shown in the README, kept compiling and running by {@code ReadmeExampleTest}
 * (which also checks that the README shows exactly the lines between the markers).
 */
public final class ReadmeExample {
  private ReadmeExample() {}

  /** Runs the example and returns the tagged device. */
  public static Device run() {
    // README-BEGIN
    FleetClient fleet = FleetClient.builder()
        .registry(FakeDeviceRegistry.of("cisco.com", WalkthroughFleet.devices("cisco.com")))
        .store(new InMemoryFleetStore())
        .build();
    fleet.importDevices(); // devices the user entrusted
    DeviceId pool = DeviceId.parse("DEVICEID-5@cisco.com");
    fleet.tag(pool, "canary"); // a fleet tag, kept by Bigger Fleet
    fleet.setFleetAttribute(pool, "Fleet-Owner", "network-ops");
    System.out.println(fleet.attributes(pool)); // Model: 121XPs ... Fleet-Tags: canary
    // README-END
    return fleet.device(pool);
  }

  public static void main(String[] args) {
    run();
  }
}
