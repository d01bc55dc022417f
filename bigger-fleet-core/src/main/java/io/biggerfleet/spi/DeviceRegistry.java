package io.biggerfleet.spi;

import io.biggerfleet.device.DeviceId;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A source of devices a user entrusted to the fleet app: the devices' identity, liveness and
 * attributes. The Pantahub adapter implements it over {@code GET /devices/} and
 * {@code GET /trails/summary}; tests use {@code FakeDeviceRegistry} (artifact
 * {@code bigger-fleet-testing}), where {@code DeviceRegistryContractTest} checks implementations.
 *
 * <p><b>Thread-safety:</b> implementations must be safe for concurrent use.
 * <p><b>Idempotency:</b> every method only reads; calling it again is harmless.
 * <p><b>Errors:</b> failures to reach or understand the registry are thrown as unchecked
 * {@link io.biggerfleet.FleetException}s (adapters use their own subtypes); credentials never appear
 * in messages.
 */
public interface DeviceRegistry {

  /**
   * The registry's name, the part after {@code @} in the {@link DeviceId}s it returns (lower-case),
   * e.g. {@code api.pantahub.com}.
   */
  String name();

  /**
   * Streams every device the user entrusted. The stream may be lazy and hold resources: close it
   * (try-with-resources). Every device's id has {@link #name()} as its registry.
   */
  Stream<RegistryDevice> devices();

  /**
   * One device, if the registry has it and the user entrusted it. The default scans {@link #devices()};
   * adapters override it with a direct lookup.
   */
  default Optional<RegistryDevice> device(DeviceId id) {
    try (Stream<RegistryDevice> all = devices()) {
      return all.filter(d -> d.id().equals(id)).findFirst();
    }
  }
}
