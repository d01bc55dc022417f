package io.biggerfleet.testing;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.spi.DeviceRegistry;
import io.biggerfleet.spi.RegistryDevice;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

/**
 * A {@link DeviceRegistry} in memory, for tests, examples and JShell: put devices in, change them,
 * remove them, and import them into a {@link io.biggerfleet.FleetClient}.
 * {@link WalkthroughFleet#registries()} gives two of them filled with the walkthrough's eleven devices.
 *
 * <p>Thread-safe; {@link #devices()} streams a snapshot.
 */
public final class FakeDeviceRegistry implements DeviceRegistry {
  private final String name;
  private final ConcurrentSkipListMap<DeviceId, RegistryDevice> devices =
      new ConcurrentSkipListMap<>();

  /** An empty registry named {@code name} (lower-cased). */
  public FakeDeviceRegistry(String name) {
    Objects.requireNonNull(name, "registry name");
    this.name = DeviceId.of("x", name).registry();
  }

  /** A registry named {@code name} holding {@code initial}. */
  public static FakeDeviceRegistry of(String name, Collection<RegistryDevice> initial) {
    FakeDeviceRegistry r = new FakeDeviceRegistry(name);
    initial.forEach(r::put);
    return r;
  }

  /**
   * Adds or replaces a device.
   *
   * @throws InvalidInputException if the device belongs to another registry
   */
  public FakeDeviceRegistry put(RegistryDevice device) {
    Objects.requireNonNull(device, "device");
    if (!device.id().registry().equals(name)) {
      throw new InvalidInputException(
          "Device " + device.id() + " does not belong to registry '" + name + "'");
    }
    devices.put(device.id(), device);
    return this;
  }

  /** Removes a device; returns whether it was there. */
  public boolean remove(DeviceId id) {
    return devices.remove(id) != null;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Stream<RegistryDevice> devices() {
    return List.copyOf(devices.values()).stream();
  }

  @Override
  public Optional<RegistryDevice> device(DeviceId id) {
    return Optional.ofNullable(devices.get(id));
  }

  /** Number of devices. */
  public int size() {
    return devices.size();
  }

  @Override
  public String toString() {
    return "FakeDeviceRegistry[" + name.toLowerCase(Locale.ROOT) + ", " + devices.size()
        + " devices]";
  }
}
