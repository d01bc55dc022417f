package io.biggerfleet.match.internal;

import io.biggerfleet.device.Attributes;
import io.biggerfleet.device.Device;

/**
 * {@code Device-Location within 50km of (43.54, -76.12)}: the attribute is a location ({@code lat:..,lon:..})
 * inside a {@link Geo.Circle}. Immutable; its {@code test} never allocates.
 */
final class Within extends Term {
  private final Geo.Circle circle;

  Within(String text, Ref ref, Geo.Circle circle) {
    super(text, ref);
    this.circle = circle;
  }

  @Override
  boolean test(Attributes a, Device d) {
    String v =
        ref.get(a); // overridden in each hot term so testValue is a direct call, not megamorphic
    return v != null && testValue(v);
  }

  @Override
  boolean testValue(String v) {
    return circle.contains(v);
  }

  @Override
  String why(String v) {
    return Geo.parse(v) == null ? "is not a location (lat:..,lon:..)" : null;
  }

  @Override
  int cost() {
    return 15;
  }
}
