package io.biggerfleet.device;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Canonical name and source arrays for {@link Attributes}: devices of one fleet mostly carry the same
 * attribute names from the same sources, so they share one copy of those two arrays and keep only their
 * values. That saves two arrays per device, and a lookup's scan over the names then reads a shared array
 * that stays in the CPU cache instead of one per device.
 *
 * <p>Thread-safe. Bounded: once {@link #MAX} layouts are known (a fleet whose every device has its own
 * names), new layouts are no longer shared, so memory cannot grow without bound; answers never change.
 */
final class Layouts {
  static final int MAX = 4096;
  private static final ConcurrentHashMap<Key, Key> KNOWN = new ConcurrentHashMap<>();

  private Layouts() {}

  /** The arrays' shared equivalent (equal contents), or the arrays themselves when none is kept. */
  static Key canonical(String[] names, AttributeSource[] sources) {
    Key key = new Key(names, sources);
    Key known = KNOWN.get(key);
    if (known != null) {
      return known;
    }
    if (KNOWN.size() >= MAX) {
      return key;
    }
    known = KNOWN.putIfAbsent(key, key);
    return known == null ? key : known;
  }

  /** Names (interned) and their sources, never modified once built. */
  static final class Key {
    final String[] names;
    final AttributeSource[] sources;
    private final int hash;

    Key(String[] names, AttributeSource[] sources) {
      this.names = names;
      this.sources = sources;
      this.hash = 31 * Arrays.hashCode(names) + Arrays.hashCode(sources);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && k.hash == hash
          && Arrays.equals(k.names, names)
          && Arrays.equals(k.sources, sources);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
