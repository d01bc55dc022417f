package io.biggerfleet.spi;

import java.util.Objects;

/**
 * A stored value with its version. Versions start at 1 when a record is created and grow by one with
 * each write, so after a successful write with expected version {@code v} the record's version is
 * {@code v + 1}. Immutable and thread-safe.
 *
 * @param <T> the stored value type
 */
public final class Versioned<T> {
  private final T value;
  private final long version;

  public Versioned(T value, long version) {
    this.value = Objects.requireNonNull(value, "value");
    if (version < 1) {
      throw new IllegalArgumentException("version must be >= 1, was " + version);
    }
    this.version = version;
  }

  public T value() {
    return value;
  }

  public long version() {
    return version;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Versioned && ((Versioned<?>) o).version == version && ((Versioned<?>) o).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode() * 31 + Long.hashCode(version);
  }

  @Override
  public String toString() {
    return "v" + version + " " + value;
  }
}
