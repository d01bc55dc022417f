package io.biggerfleet.cli;

import io.biggerfleet.FleetClient;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import java.util.HashMap;
import java.util.Map;

/**
 * Device nicks for display next to device ids (hub ids are 24 hex digits), looked up in the fleet's
 * store once per device and cached for the run. Not thread-safe.
 */
final class DeviceNicks {
  private final FleetClient fleet;
  private final Map<DeviceId, String> cache = new HashMap<>();

  DeviceNicks(FleetClient fleet) {
    this.fleet = fleet;
  }

  /** The device's nick, or "" when the fleet does not know it (any more). */
  String of(DeviceId id) {
    return cache.computeIfAbsent(id, d -> fleet.findDevice(d).map(Device::nick).orElse(""));
  }
}
