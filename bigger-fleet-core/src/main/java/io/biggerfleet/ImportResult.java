package io.biggerfleet;

import io.biggerfleet.device.DeviceId;
import java.util.List;

/**
 * What {@link FleetClient#importDevices()} did: the devices it imported (sorted), and how many were
 * new, changed or already current. Immutable and thread-safe.
 */
public final class ImportResult {
  private final List<DeviceId> devices;
  private final int added;
  private final int updated;
  private final int unchanged;

  ImportResult(List<DeviceId> devices, int added, int updated, int unchanged) {
    this.devices = List.copyOf(devices);
    this.added = added;
    this.updated = updated;
    this.unchanged = unchanged;
  }

  /** Every device the import saw, sorted by id. */
  public List<DeviceId> devices() {
    return devices;
  }

  /** Devices new to the fleet. */
  public int added() {
    return added;
  }

  /** Known devices whose registry data changed. */
  public int updated() {
    return updated;
  }

  /** Known devices whose registry data was already current. */
  public int unchanged() {
    return unchanged;
  }

  @Override
  public String toString() {
    return "Imported " + devices.size() + " devices (" + added + " new, " + updated + " updated, "
        + unchanged + " unchanged)";
  }
}
