package io.biggerfleet.spi;

import java.util.Objects;

/**
 * A stored value with its version. Versions start at 1 when a record is created and grow by one with
 * each write, so after a successful write with expected version {@code v} the record's version is
 * {@code v + 1}. Immutable and thread-safe.
 *
 * @param <T> the stored value type
 * @param value the stored value
 * @param version its version, at least 1
 */
public record Versioned<T>(T value, long version) {

  /** @throws IllegalArgumentException if {@code version} is below 1 */
  public Versioned {
    Objects.requireNonNull(value, "value");
    if (version < 1) {
      throw new IllegalArgumentException("version must be >= 1, was " + version);
    }
  }

  @Override
  public String toString() {
    return "v" + version + " " + value;
  }
}
