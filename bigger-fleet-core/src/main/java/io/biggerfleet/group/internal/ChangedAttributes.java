package io.biggerfleet.group.internal;

import io.biggerfleet.device.Attribute;
import io.biggerfleet.device.AttributeSource;
import io.biggerfleet.device.Attributes;
import io.biggerfleet.device.Device;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which attribute names a device write changed: the names whose value changed in any source, so the
 * index re-evaluates only the groups that read them. Stateless.
 */
final class ChangedAttributes {
  private static final AttributeSource[] SOURCES = AttributeSource.values();

  private ChangedAttributes() {}

  /**
   * Names whose value changed in any source: an expression may read one source explicitly
   * ({@code system:Model}), so a change hidden behind a higher-precedence source still counts.
   */
  static Set<String> of(Device old, Device now) {
    Set<String> changed = new HashSet<>();
    Attributes a = old.attributes();
    Attributes b = now.attributes();
    if (a.equals(b)) {
      return changed;
    }
    if (a.size() == b.size()) {
      // Usual case: same names in the same places, some values changed. Compare entry by entry.
      List<Attribute> x = a.all();
      List<Attribute> y = b.all();
      boolean aligned = true;
      for (int i = 0; i < x.size() && aligned; i++) {
        Attribute p = x.get(i);
        Attribute q = y.get(i);
        if (p.source() != q.source() || !p.name().equals(q.name())) {
          aligned = false;
        } else if (!p.value().equals(q.value())) {
          changed.add(p.name());
        }
      }
      if (aligned) {
        return changed;
      }
      changed.clear();
    }
    for (String name : a.names()) {
      if (differs(a, b, name)) {
        changed.add(name);
      }
    }
    for (String name : b.names()) {
      if (!changed.contains(name) && differs(a, b, name)) {
        changed.add(name);
      }
    }
    return changed;
  }

  private static boolean differs(Attributes a, Attributes b, String name) {
    for (AttributeSource s : SOURCES) {
      if (!Objects.equals(a.valueOrNull(name, s), b.valueOrNull(name, s))) {
        return true;
      }
    }
    return false;
  }
}
