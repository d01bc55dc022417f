package io.biggerfleet.device;

import java.util.Objects;

/**
 * One device attribute: a name, its text value and the {@link AttributeSource} it came from.
 * Values are text as the source gave them ({@code "64M"}, {@code "4.10.2"},
 * {@code "lat:43.54,lon:-76.12"}); typed interpretation is the match engine's job. List-valued
 * attributes ({@code Fleet-Tags}, {@code Device-Tags}) hold comma-separated items; see
 * {@link #items()}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Attribute {
  private final String name;
  private final String value;
  private final AttributeSource source;

  public Attribute(String name, String value, AttributeSource source) {
    this.name = Objects.requireNonNull(name, "attribute name");
    this.value = Objects.requireNonNull(value, "attribute value");
    this.source = Objects.requireNonNull(source, "attribute source");
  }

  public String name() {
    return name;
  }

  public String value() {
    return value;
  }

  public AttributeSource source() {
    return source;
  }

  /** The value split at commas with blanks trimmed and empty items dropped: {@code "a, b"} → [a, b]. */
  public java.util.List<String> items() {
    return Attributes.splitItems(value);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Attribute)) {
      return false;
    }
    Attribute a = (Attribute) o;
    return a.name.equals(name) && a.value.equals(value) && a.source == source;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, value, source);
  }

  /** {@code Name: value (SOURCE)}. */
  @Override
  public String toString() {
    return name + ": " + value + " (" + source + ")";
  }
}
