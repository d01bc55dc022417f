package io.biggerfleet.pantahub.sim.internal;

import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * Items by modification time for {@code /changes}: several items may share a time (millisecond
 * times, as on the real hub); within one time they keep the order they were stamped in. A time with one
 * item holds the item itself (no per-time collection: 100,000 devices have 300,000 entries). Guarded by
 * the hub lock. Not API.
 *
 * @param <T> the item type
 */
final class ChangeIndex<T> {
  /** Several items sharing one time, in stamping order. */
  private static final class Tie<T> {
    final List<T> items = new ArrayList<>(2);
  }

  private final TreeMap<Instant, Object> byTime = new TreeMap<>();

  @SuppressWarnings("unchecked")
  void put(Instant time, T item) {
    Object cur = byTime.get(time);
    if (cur == null) {
      byTime.put(time, item);
    } else if (cur instanceof Tie<?> tie) {
      ((Tie<T>) tie).items.add(item);
    } else {
      Tie<T> tie = new Tie<>();
      tie.items.add((T) cur);
      tie.items.add(item);
      byTime.put(time, tie);
    }
  }

  /** Moves {@code item} from {@code old} (may be null) to {@code now}. */
  void move(Instant old, Instant now, T item) {
    if (old != null) {
      Object cur = byTime.get(old);
      if (cur == item) {
        byTime.remove(old);
      } else if (cur instanceof Tie<?> tie && tie.items.remove(item) && tie.items.isEmpty()) {
        byTime.remove(old);
      }
    }
    put(now, item);
  }

  /** Items strictly after {@code cursor} in ascending time, or strictly before it descending. */
  Iterable<Map.Entry<Instant, T>> from(Instant cursor, boolean before) {
    NavigableMap<Instant, Object> range =
        before ? byTime.headMap(cursor, false).descendingMap() : byTime.tailMap(cursor, false);
    return () -> new Iterator<>() {
      private final Iterator<Map.Entry<Instant, Object>> times =
          range.entrySet().iterator();
      private Instant at;
      private Iterator<T> items = Collections.emptyIterator();

      @Override
      @SuppressWarnings("unchecked")
      public boolean hasNext() {
        while (!items.hasNext() && times.hasNext()) {
          Map.Entry<Instant, Object> e = times.next();
          at = e.getKey();
          if (e.getValue() instanceof Tie<?> tie) {
            List<T> l = new ArrayList<>((List<T>) tie.items);
            if (before) {
              Collections.reverse(l);
            }
            items = l.iterator();
          } else {
            items = List.of((T) e.getValue()).iterator();
          }
        }
        return items.hasNext();
      }

      @Override
      public Map.Entry<Instant, T> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return new AbstractMap.SimpleImmutableEntry<>(at, items.next());
      }
    };
  }
}
