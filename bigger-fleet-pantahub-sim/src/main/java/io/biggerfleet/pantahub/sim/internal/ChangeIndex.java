package io.biggerfleet.pantahub.sim.internal;

import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Items by modification time for {@code /changes}: several items may share a time (millisecond
 * times, as on the real hub); within one time they keep the order they were stamped in. Guarded by the
 * hub lock. Not API.
 *
 * @param <T> the item type
 */
final class ChangeIndex<T> {
  private final TreeMap<Instant, Set<T>> byTime = new TreeMap<>();

  void put(Instant time, T item) {
    byTime.computeIfAbsent(time, k -> new LinkedHashSet<>()).add(item);
  }

  /** Moves {@code item} from {@code old} (may be null) to {@code now}. */
  void move(Instant old, Instant now, T item) {
    if (old != null) {
      Set<T> s = byTime.get(old);
      if (s != null && s.remove(item) && s.isEmpty()) {
        byTime.remove(old);
      }
    }
    put(now, item);
  }

  /** Items strictly after {@code cursor} in ascending time, or strictly before it descending. */
  Iterable<Map.Entry<Instant, T>> from(Instant cursor, boolean before) {
    NavigableMap<Instant, Set<T>> range = before ? byTime.headMap(cursor, false).descendingMap()
        : byTime.tailMap(cursor, false);
    return () -> new Iterator<>() {
      private final Iterator<Map.Entry<Instant, Set<T>>> times = range.entrySet().iterator();
      private Instant at;
      private Iterator<T> items = List.<T>of().iterator();

      @Override
      public boolean hasNext() {
        while (!items.hasNext() && times.hasNext()) {
          Map.Entry<Instant, Set<T>> e = times.next();
          at = e.getKey();
          List<T> l = new ArrayList<>(e.getValue());
          if (before) {
            java.util.Collections.reverse(l);
          }
          items = l.iterator();
        }
        return items.hasNext();
      }

      @Override
      public Map.Entry<Instant, T> next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        return new AbstractMap.SimpleImmutableEntry<>(at, items.next());
      }
    };
  }
}
