package io.biggerfleet.group.internal;

import io.biggerfleet.device.DeviceId;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SortedSet;
import java.util.TreeSet;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * An immutable sorted set of device ids backed by a bitmap of ordinals: {@link #size()} and
 * {@link #contains(Object)} cost no more than a bitmap lookup, so a selector that picks a million
 * devices resolves without building a million-entry tree. Iteration is in id order: ordinals below the
 * directory's sorted prefix are already in id order; the few later arrivals are sorted and merged in.
 *
 * <p>Immutable and thread-safe. {@code subSet}/{@code headSet}/{@code tailSet} copy into a
 * {@link TreeSet}; mutators throw {@link UnsupportedOperationException}.
 */
final class DeviceSet extends AbstractSet<DeviceId> implements SortedSet<DeviceId> {
  private final RoaringBitmap ordinals;
  private final DeviceDirectory directory;
  private final int size;

  /** {@code ordinals} must not be changed afterwards. */
  DeviceSet(RoaringBitmap ordinals, DeviceDirectory directory) {
    this.ordinals = ordinals;
    this.directory = directory;
    this.size = ordinals.getCardinality();
  }

  /** The ordinals, for callers in this package that combine sets; do not modify. */
  RoaringBitmap ordinals() {
    return ordinals;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean isEmpty() {
    return size == 0;
  }

  @Override
  public boolean contains(Object o) {
    if (!(o instanceof DeviceId)) {
      return false;
    }
    int ord = directory.ordinal((DeviceId) o);
    return ord >= 0 && ordinals.contains(ord);
  }

  @Override
  public Iterator<DeviceId> iterator() {
    int prefix = directory.sortedPrefix();
    if (size == 0 || ordinals.last() < prefix) {
      IntIterator it = ordinals.getIntIterator();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public DeviceId next() {
          return directory.id(it.next());
        }
      };
    }
    List<DeviceId> late = new ArrayList<>();
    for (IntIterator it = ordinals.getReverseIntIterator(); it.hasNext(); ) {
      int o = it.next();
      if (o < prefix) {
        break;
      }
      late.add(directory.id(o));
    }
    Collections.sort(late);
    IntIterator head = ordinals.getIntIterator();
    return new Iterator<>() {
      private DeviceId nextHead = advance();
      private int lateIndex;

      private DeviceId advance() {
        if (head.hasNext()) {
          int o = head.next();
          if (o < prefix) {
            return directory.id(o);
          }
        }
        return null;
      }

      @Override
      public boolean hasNext() {
        return nextHead != null || lateIndex < late.size();
      }

      @Override
      public DeviceId next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        if (nextHead != null
            && (lateIndex == late.size() || nextHead.compareTo(late.get(lateIndex)) < 0)) {
          DeviceId out = nextHead;
          nextHead = advance();
          return out;
        }
        return late.get(lateIndex++);
      }
    };
  }

  @Override
  public Comparator<? super DeviceId> comparator() {
    return null;
  }

  @Override
  public SortedSet<DeviceId> subSet(DeviceId from, DeviceId to) {
    return Collections.unmodifiableSortedSet(new TreeSet<>(this).subSet(from, to));
  }

  @Override
  public SortedSet<DeviceId> headSet(DeviceId to) {
    return Collections.unmodifiableSortedSet(new TreeSet<>(this).headSet(to));
  }

  @Override
  public SortedSet<DeviceId> tailSet(DeviceId from) {
    return Collections.unmodifiableSortedSet(new TreeSet<>(this).tailSet(from));
  }

  @Override
  public DeviceId first() {
    if (size == 0) {
      throw new NoSuchElementException("empty device set");
    }
    return iterator().next();
  }

  @Override
  public DeviceId last() {
    if (size == 0) {
      throw new NoSuchElementException("empty device set");
    }
    DeviceId last = null;
    int prefix = directory.sortedPrefix();
    for (IntIterator it = ordinals.getReverseIntIterator(); it.hasNext(); ) {
      int o = it.next();
      DeviceId id = directory.id(o);
      if (last == null || id.compareTo(last) > 0) {
        last = id;
      }
      if (o < prefix) {
        break;
      }
    }
    return last;
  }
}
