package io.biggerfleet.group;

import io.biggerfleet.spi.FleetStore;

/** Factories for {@link SelectorResolver}s. Stateless. */
public final class Selectors {
  private Selectors() {}

  /** A resolver over {@code store}'s devices for {@code /}, device ids and device paths. */
  public static SelectorResolver basic(FleetStore store) {
    return BasicSelectorResolver.over(store);
  }
}
