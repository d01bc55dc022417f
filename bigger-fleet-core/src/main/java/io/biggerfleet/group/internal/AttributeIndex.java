package io.biggerfleet.group.internal;

import io.biggerfleet.device.Attributes;
import io.biggerfleet.device.Device;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.roaringbitmap.RoaringBitmap;

/**
 * Attribute value → bitmap of device ordinals, built lazily per attribute name the first time an
 * expression needs it, then kept current device by device. Two kinds per name: whole values
 * ({@code Model == "121XPs"}, plus a bitmap of devices that have the attribute at all) and
 * comma-separated items ({@code Fleet-Tags contains "canary"}). Values are the winning value across
 * sources ({@link Attributes#valueOrNull(String)}).
 *
 * <p>Not thread-safe: the owning {@link FleetIndex} guards it.
 */
final class AttributeIndex {
  private final Map<String, Values> values = new HashMap<>();
  private final Map<String, Values> items = new HashMap<>();

  /** Bitmaps of one attribute: value → devices, and devices having the attribute. */
  static final class Values {
    final HashMap<String, RoaringBitmap> byValue = new HashMap<>();
    final RoaringBitmap present = new RoaringBitmap();

    RoaringBitmap get(String value) {
      return byValue.get(value);
    }

    int distinct() {
      return byValue.size();
    }

    private void add(String value, int ordinal) {
      byValue.computeIfAbsent(value, k -> new RoaringBitmap()).add(ordinal);
    }

    private void remove(String value, int ordinal) {
      RoaringBitmap b = byValue.get(value);
      if (b != null) {
        b.remove(ordinal);
        if (b.isEmpty()) {
          byValue.remove(value);
        }
      }
    }
  }

  /** The whole-value index of {@code name}, built from the live devices if absent. */
  Values values(String name, RoaringBitmap alive, IntFunction<Device> devices) {
    Values v = values.get(name);
    if (v == null) {
      v = new Values();
      for (org.roaringbitmap.IntIterator it = alive.getIntIterator(); it.hasNext(); ) {
        int o = it.next();
        String value = devices.apply(o).attributes().valueOrNull(name);
        if (value != null) {
          v.add(value, o);
          v.present.add(o);
        }
      }
      optimize(v);
      values.put(name, v);
    }
    return v;
  }

  /** The item index of {@code name}, built from the live devices if absent. */
  Values items(String name, RoaringBitmap alive, IntFunction<Device> devices) {
    Values v = items.get(name);
    if (v == null) {
      v = new Values();
      for (org.roaringbitmap.IntIterator it = alive.getIntIterator(); it.hasNext(); ) {
        int o = it.next();
        Attributes a = devices.apply(o).attributes();
        if (a.valueOrNull(name) != null) {
          v.present.add(o);
          for (String item : a.items(name)) {
            v.add(item, o);
          }
        }
      }
      optimize(v);
      items.put(name, v);
    }
    return v;
  }

  /**
   * Builds the whole-value indexes of {@code valueNames} and the item indexes of {@code itemNames}
   * that are not built yet, in one pass over the live devices (one visit per device instead of one
   * pass per attribute).
   */
  void prepare(
      Set<String> valueNames,
      Set<String> itemNames,
      RoaringBitmap alive,
      IntFunction<Device> devices) {
    List<String> vn = new java.util.ArrayList<>();
    List<String> in = new java.util.ArrayList<>();
    valueNames.stream().filter(n -> !values.containsKey(n)).forEach(vn::add);
    itemNames.stream().filter(n -> !items.containsKey(n)).forEach(in::add);
    if (vn.isEmpty() && in.isEmpty()) {
      return;
    }
    Values[] vv = new Values[vn.size()];
    Values[] iv = new Values[in.size()];
    for (int k = 0; k < vv.length; k++) {
      vv[k] = new Values();
    }
    for (int k = 0; k < iv.length; k++) {
      iv[k] = new Values();
    }
    for (org.roaringbitmap.IntIterator it = alive.getIntIterator(); it.hasNext(); ) {
      int o = it.next();
      Attributes a = devices.apply(o).attributes();
      for (int k = 0; k < vv.length; k++) {
        String value = a.valueOrNull(vn.get(k));
        if (value != null) {
          vv[k].add(value, o);
          vv[k].present.add(o);
        }
      }
      for (int k = 0; k < iv.length; k++) {
        if (a.valueOrNull(in.get(k)) != null) {
          iv[k].present.add(o);
          for (String item : a.items(in.get(k))) {
            iv[k].add(item, o);
          }
        }
      }
    }
    for (int k = 0; k < vv.length; k++) {
      optimize(vv[k]);
      values.put(vn.get(k), vv[k]);
    }
    for (int k = 0; k < iv.length; k++) {
      optimize(iv[k]);
      items.put(in.get(k), iv[k]);
    }
  }

  private static void optimize(Values v) {
    v.present.runOptimize();
    v.byValue.values().forEach(RoaringBitmap::runOptimize);
  }

  /** Names with any index built. */
  Set<String> indexedNames() {
    Set<String> s = new java.util.HashSet<>(values.keySet());
    s.addAll(items.keySet());
    return s;
  }

  /**
   * Moves device {@code ordinal} from its {@code before} values (null: it was not indexed) to its
   * {@code after} values (null: it left) for the names in {@code changed} (null: every indexed name).
   */
  void update(int ordinal, Device before, Device after, Set<String> changed) {
    for (Map.Entry<String, Values> e : values.entrySet()) {
      String name = e.getKey();
      if (changed != null && !changed.contains(name)) {
        continue;
      }
      Values v = e.getValue();
      String old = before == null ? null : before.attributes().valueOrNull(name);
      String now = after == null ? null : after.attributes().valueOrNull(name);
      if (old != null) {
        v.remove(old, ordinal);
        v.present.remove(ordinal);
      }
      if (now != null) {
        v.add(now, ordinal);
        v.present.add(ordinal);
      }
    }
    for (Map.Entry<String, Values> e : items.entrySet()) {
      String name = e.getKey();
      if (changed != null && !changed.contains(name)) {
        continue;
      }
      Values v = e.getValue();
      if (before != null && before.attributes().valueOrNull(name) != null) {
        for (String item : before.attributes().items(name)) {
          v.remove(item, ordinal);
        }
        v.present.remove(ordinal);
      }
      if (after != null && after.attributes().valueOrNull(name) != null) {
        List<String> now = after.attributes().items(name);
        for (String item : now) {
          v.add(item, ordinal);
        }
        v.present.add(ordinal);
      }
    }
  }
}
