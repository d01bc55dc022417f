package io.biggerfleet;

import io.biggerfleet.device.AttributeSource;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.device.FleetTags;
import io.biggerfleet.event.EventType;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.spi.FleetStore;
import io.biggerfleet.spi.Versioned;
import io.biggerfleet.spi.WriteBatch;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Changes one device's fleet tags and fleet attributes, for {@link FleetClient#tag} and its siblings:
 * checks the {@link FleetTags} rules, then reads, changes and writes the device with its audit event,
 * retrying on a write conflict. A change that changes nothing writes nothing. Immutable; safe to share.
 */
final class DeviceEdits {
  private final FleetStore store;
  private final Clock clock;
  private final String actor;
  private final Consumer<WriteBatch> afterWrite;

  /** {@code afterWrite} is told about every batch written (to keep group memberships current). */
  DeviceEdits(FleetStore store, Clock clock, String actor, Consumer<WriteBatch> afterWrite) {
    this.store = store;
    this.clock = clock;
    this.actor = actor;
    this.afterWrite = afterWrite;
  }

  Device tag(DeviceId id, String tag) {
    FleetTags.checkTag(tag);
    return update(
        id,
        d -> d.tags().contains(tag) ? null : d.toBuilder().addTag(tag).build(),
        EventType.DEVICE_TAGGED,
        "Tag \"" + tag + "\" added");
  }

  Device untag(DeviceId id, String tag) {
    FleetTags.checkTag(tag);
    return update(
        id,
        d -> d.tags().contains(tag) ? d.toBuilder().removeTag(tag).build() : null,
        EventType.DEVICE_UNTAGGED,
        "Tag \"" + tag + "\" removed");
  }

  Device setFleetAttribute(DeviceId id, String name, String value) {
    FleetTags.checkFleetAttributeName(name);
    FleetTags.checkFleetAttributeValue(name, value);
    return update(
        id,
        d -> value.equals(d.attributes().valueOrNull(name, AttributeSource.FLEET))
            ? null
            : d.toBuilder().attribute(AttributeSource.FLEET, name, value).build(),
        EventType.FLEET_ATTRIBUTE_SET,
        name + " set to \"" + value + "\"");
  }

  Device removeFleetAttribute(DeviceId id, String name) {
    FleetTags.checkFleetAttributeName(name);
    return update(
        id,
        d -> d.attributes().valueOrNull(name, AttributeSource.FLEET) == null
            ? null
            : d.toBuilder().removeAttribute(AttributeSource.FLEET, name).build(),
        EventType.FLEET_ATTRIBUTE_REMOVED,
        name + " removed");
  }

  /**
   * Read-modify-write of one device with retry on conflict. {@code change} returns the new device, or
   * null when nothing needs to change (then nothing is written and no event recorded).
   */
  private Device update(
      DeviceId id, Function<Device, Device> change, EventType type, String message) {
    Objects.requireNonNull(id, "device id");
    return ConflictRetry.retrying(() -> {
      Versioned<Device> current =
          store.device(id).orElseThrow(() -> new NotFoundException("device", id.toString()));
      Device next = change.apply(current.value());
      if (next == null) {
        return current.value();
      }
      WriteBatch written = WriteBatch.builder()
          .putDevice(next, current.version())
          .appendEvent(FleetEvent.of(clock.instant(), type, id.toString(), actor, message))
          .build();
      store.write(written);
      afterWrite.accept(written);
      return next;
    });
  }
}
