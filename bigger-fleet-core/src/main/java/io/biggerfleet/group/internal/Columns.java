package io.biggerfleet.group.internal;

import io.biggerfleet.device.Device;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * The {@link Column}s of the attributes that prefix and numeric-range terms read, built lazily per
 * attribute name the first time an expression needs one (one pass over the live devices), then kept
 * current device by device with the winning value ({@link io.biggerfleet.device.Attributes#valueOrNull}).
 *
 * <p>Not thread-safe: the owning {@link FleetIndex} guards it.
 */
final class Columns {
  private final Map<String, Column> columns = new HashMap<>();

  /** The column of {@code name}, built from the live devices if absent. */
  Column column(String name, RoaringBitmap alive, IntFunction<Device> devices) {
    Column c = columns.get(name);
    if (c == null) {
      c = new Column();
      for (IntIterator it = alive.getIntIterator(); it.hasNext(); ) {
        int o = it.next();
        c.set(o, devices.apply(o).attributes().valueOrNull(name));
      }
      columns.put(name, c);
    }
    return c;
  }

  /**
   * Moves device {@code ordinal} to its {@code after} values (null: it left the fleet) for the names in
   * {@code changed} (null: every column).
   */
  void update(int ordinal, Device after, Set<String> changed) {
    for (Map.Entry<String, Column> e : columns.entrySet()) {
      if (changed == null || changed.contains(e.getKey())) {
        e.getValue()
            .set(ordinal, after == null ? null : after.attributes().valueOrNull(e.getKey()));
      }
    }
  }
}
