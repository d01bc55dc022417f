package io.biggerfleet.group;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.NotFoundException;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.spi.FleetStore;
import io.biggerfleet.spi.Versioned;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The selectors that need no match engine: {@code /} (every device), a bare device id, and a device
 * path whose last segment is a device id. Stands in until group resolution arrives.
 */
final class BasicSelectorResolver implements SelectorResolver {
  private final FleetStore store;

  BasicSelectorResolver(FleetStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  static SelectorResolver over(FleetStore store) {
    return new BasicSelectorResolver(store);
  }

  @Override
  public SortedSet<DeviceId> resolve(String selector) {
    Objects.requireNonNull(selector, "selector");
    String s = selector.strip();
    if (s.equals("/")) {
      TreeSet<DeviceId> all = new TreeSet<>();
      for (Versioned<io.biggerfleet.device.Device> d : store.devices()) {
        all.add(d.value().id());
      }
      return Collections.unmodifiableSortedSet(all);
    }
    String last = s.substring(s.lastIndexOf('/') + 1);
    if (!DeviceId.isValid(last)) {
      throw new InvalidInputException("Selector '" + selector + "' is not supported yet: use '/', a device id or a device path");
    }
    DeviceId id = DeviceId.parse(last);
    if (store.device(id).isEmpty()) {
      throw new NotFoundException("device", id.toString());
    }
    TreeSet<DeviceId> one = new TreeSet<>();
    one.add(id);
    return Collections.unmodifiableSortedSet(one);
  }
}
