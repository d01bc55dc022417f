package io.biggerfleet.match;

import io.biggerfleet.device.AttributeSource;
import java.util.Objects;
import java.util.Optional;

/**
 * An attribute an expression reads: a name, and the {@link AttributeSource} when the expression names
 * one explicitly ({@code system:Model}); without a source the value of the highest-precedence source
 * is read (see {@link io.biggerfleet.device.Attributes#get(String)}).
 *
 * <p>Immutable and thread-safe.
 */
public final class AttributeRef {
  private static final java.util.Set<String> KEYWORDS = java.util.Set.of(
      "and",
      "or",
      "not",
      "in",
      "contains",
      "like",
      "matches",
      "exists",
      "within",
      "of",
      "true",
      "false");

  private final String name;
  private final AttributeSource source;

  private AttributeRef(String name, AttributeSource source) {
    this.name = Objects.requireNonNull(name, "attribute name");
    this.source = source;
  }

  /** The attribute {@code name} from whichever source has it with the highest precedence. */
  public static AttributeRef of(String name) {
    return new AttributeRef(name, null);
  }

  /** The attribute {@code name} from exactly {@code source}. */
  public static AttributeRef of(String name, AttributeSource source) {
    return new AttributeRef(name, Objects.requireNonNull(source, "source"));
  }

  /** The attribute name, case-sensitive. */
  public String name() {
    return name;
  }

  /** The source named in the expression, if any. */
  public Optional<AttributeSource> source() {
    return Optional.ofNullable(source);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AttributeRef
        && ((AttributeRef) o).name.equals(name)
        && ((AttributeRef) o).source == source;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Objects.hashCode(source);
  }

  /** As written in an expression: {@code Model}, {@code system:Model}, {@code `Serial Number`}. */
  @Override
  public String toString() {
    boolean plain = !name.isEmpty()
        && (Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')
        && name.chars()
            .allMatch(
                c -> c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.'));
    plain = plain && !KEYWORDS.contains(name);
    String n = plain ? name : "`" + name + "`";
    return source == null ? n : source.name().toLowerCase(java.util.Locale.ROOT) + ":" + n;
  }
}
