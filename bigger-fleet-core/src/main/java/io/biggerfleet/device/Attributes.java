package io.biggerfleet.device;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A device's attributes from all three {@link AttributeSource sources}, each value keeping its source.
 * The same name may appear once per source; {@link #get(String)} then answers with the value of the
 * highest-precedence source (FLEET over REGISTRY over SYSTEM) and {@link #get(String, AttributeSource)}
 * reads one source explicitly. Names are case-sensitive.
 *
 * <p>Iteration order ({@link #all()}, {@link #toString()}) is by source (SYSTEM, REGISTRY, FLEET), and
 * within a source the order the values were added — the order the walkthrough's {@code attributes}
 * command prints them in.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}.
 */
public final class Attributes {
  private static final Attributes EMPTY =
      new Attributes(new String[0], new String[0], new AttributeSource[0]);
  private static final AttributeSource[] SOURCES = AttributeSource.values();

  // Parallel arrays in display order: sorted by source, then insertion order. Small (tens of
  // entries),
  // so a linear scan beats hashing and keeps the per-device footprint low.
  private final String[] names;
  private final String[] values;
  private final AttributeSource[] sources;

  private Attributes(String[] names, String[] values, AttributeSource[] sources) {
    this.names = names;
    this.values = values;
    this.sources = sources;
  }

  /** No attributes. */
  public static Attributes empty() {
    return EMPTY;
  }

  /** A builder with no attributes. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts with these attributes. */
  public Builder toBuilder() {
    Builder b = new Builder();
    for (int i = 0; i < names.length; i++) {
      b.put(sources[i], names[i], values[i]);
    }
    return b;
  }

  /** The value of {@code name} from the highest-precedence source that has it, if any. */
  public Optional<String> get(String name) {
    return Optional.ofNullable(valueOrNull(name));
  }

  /**
   * Like {@link #get(String)} but returns {@code null} when absent; for hot paths that must not
   * allocate.
   */
  public @Nullable String valueOrNull(String name) {
    int i = lastIndexOf(name);
    return i < 0 ? null : values[i];
  }

  /**
   * A reusable lookup of {@code name}'s winning value, for code that reads the same name from many
   * devices (a compiled matcher, an index). {@link Lookup#in(Attributes)} answers exactly like
   * {@link #valueOrNull(String)}, faster: devices that carry the same attribute names share one name
   * table, and the lookup remembers where the name sits in the last table it saw.
   */
  public static Lookup lookup(String name) {
    return new Lookup(name, null);
  }

  /** Like {@link #lookup(String)}, answering like {@link #valueOrNull(String, AttributeSource)}. */
  public static Lookup lookup(String name, AttributeSource source) {
    return new Lookup(name, Objects.requireNonNull(source, "source"));
  }

  /**
   * One attribute name (and optionally one source) to read from many {@link Attributes}. Made by
   * {@link Attributes#lookup(String)}.
   *
   * <p>Thread-safe and allocation-free while the devices read share a name table; reading devices with
   * many different name sets is correct, only slower.
   */
  public static final class Lookup {
    private static final Slot NONE = new Slot(new String[0], -1);
    private final String name;
    private final @Nullable AttributeSource source;
    // Racy on purpose: a Slot is immutable (final fields), so any thread sees a whole one; a lost
    // update
    // only costs another scan.
    private Slot last = NONE;

    private Lookup(String name, @Nullable AttributeSource source) {
      this.name = name.intern();
      this.source = source;
    }

    /** The value in {@code a} (see {@link Attributes#lookup(String)}), or {@code null} when absent. */
    @SuppressWarnings("ReferenceEquality") // a name table is shared, so identity says "same layout"
    public @Nullable String in(Attributes a) {
      Slot s = last;
      if (s.names != a.names) {
        s = new Slot(a.names, source == null ? a.lastIndexOf(name) : a.indexOf(name, source));
        last = s;
      }
      return s.index < 0 ? null : a.values[s.index];
    }

    /** The name this lookup reads. */
    public String name() {
      return name;
    }

    /** The source this lookup reads, or {@code null} for the winning value. */
    public @Nullable AttributeSource source() {
      return source;
    }

    private record Slot(String[] names, int index) {}
  }

  // Entries are sorted by ascending source precedence, so the last match wins. Stored names are
  // interned
  // (see Builder#build), and so are the names compiled matchers ask for: the reference check finds
  // them
  // without reading any name's characters, and the cached hash rules out the other names before
  // String#equals would compare contents.
  @SuppressWarnings({"StringEquality", "ReferenceEquality"}) // the == is a fast path before equals
  private int lastIndexOf(String name) {
    String[] ns = names;
    int h = name.hashCode();
    for (int i = ns.length - 1; i >= 0; i--) {
      String n = ns[i];
      if (n == name || (n.hashCode() == h && n.equals(name))) {
        return i;
      }
    }
    return -1;
  }

  @SuppressWarnings({"StringEquality", "ReferenceEquality"}) // as in lastIndexOf
  private int indexOf(String name, AttributeSource source) {
    String[] ns = names;
    int h = name.hashCode();
    for (int i = 0; i < ns.length; i++) {
      String n = ns[i];
      if (sources[i] == source && (n == name || (n.hashCode() == h && n.equals(name)))) {
        return i;
      }
    }
    return -1;
  }

  /** The value of {@code name} in exactly that source, if present. */
  public Optional<String> get(String name, AttributeSource source) {
    return Optional.ofNullable(valueOrNull(name, source));
  }

  /** Like {@link #get(String, AttributeSource)} but returns {@code null} when absent. */
  public @Nullable String valueOrNull(String name, AttributeSource source) {
    int i = indexOf(name, source);
    return i < 0 ? null : values[i];
  }

  /** The winning attribute for {@code name} (see {@link #get(String)}), with its source. */
  public Optional<Attribute> attribute(String name) {
    for (int i = names.length - 1; i >= 0; i--) {
      if (names[i].equals(name)) {
        return Optional.of(new Attribute(names[i], values[i], sources[i]));
      }
    }
    return Optional.empty();
  }

  /** True if any source has {@code name}. */
  public boolean contains(String name) {
    return valueOrNull(name) != null;
  }

  /**
   * The items of a list-valued attribute ({@code "a, b"} → [a, b]); empty when absent.
   */
  public List<String> items(String name) {
    String v = valueOrNull(name);
    return v == null ? List.of() : splitItems(v);
  }

  /** Every entry, in display order (by source, then as added). */
  public List<Attribute> all() {
    List<Attribute> out = new ArrayList<>(names.length);
    for (int i = 0; i < names.length; i++) {
      out.add(new Attribute(names[i], values[i], sources[i]));
    }
    return Collections.unmodifiableList(out);
  }

  /** The entries of each source, in display order; every source is a key (possibly with no entries). */
  public Map<AttributeSource, List<Attribute>> bySource() {
    Map<AttributeSource, List<Attribute>> out = new EnumMap<>(AttributeSource.class);
    for (AttributeSource s : SOURCES) {
      out.put(s, new ArrayList<>());
    }
    for (int i = 0; i < names.length; i++) {
      Objects.requireNonNull(out.get(sources[i]))
          .add(new Attribute(names[i], values[i], sources[i]));
    }
    out.replaceAll((k, v) -> Collections.unmodifiableList(v));
    return Collections.unmodifiableMap(out);
  }

  /** Distinct names across all sources, in display order of their first appearance. */
  public Set<String> names() {
    Set<String> out = new LinkedHashSet<>();
    Collections.addAll(out, names);
    return Collections.unmodifiableSet(out);
  }

  /** Number of entries (a name present in two sources counts twice). */
  public int size() {
    return names.length;
  }

  public boolean isEmpty() {
    return names.length == 0;
  }

  static List<String> splitItems(String value) {
    List<String> out = new ArrayList<>(4);
    int start = 0;
    int n = value.length();
    while (start <= n) {
      int comma = value.indexOf(',', start);
      int end = comma < 0 ? n : comma;
      String item = value.substring(start, end).strip();
      if (!item.isEmpty()) {
        out.add(item);
      }
      if (comma < 0) {
        break;
      }
      start = comma + 1;
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Attributes)) {
      return false;
    }
    Attributes a = (Attributes) o;
    return java.util.Arrays.equals(names, a.names)
        && java.util.Arrays.equals(values, a.values)
        && java.util.Arrays.equals(sources, a.sources);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(names) * 31 + java.util.Arrays.hashCode(values);
  }

  /** One {@code Name: value} line per entry, in display order, as the CLI's {@code attributes} prints. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        b.append('\n');
      }
      b.append(names[i]).append(": ").append(values[i]);
    }
    return b.toString();
  }

  /**
   * Collects attributes. Putting a name again in the same source replaces its value in place. Not
   * thread-safe; {@link #build()} may be called more than once.
   */
  public static final class Builder {
    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();
    private final List<AttributeSource> sources = new ArrayList<>();

    private Builder() {}

    /** Adds or replaces {@code name} in {@code source}. */
    public Builder put(AttributeSource source, String name, String value) {
      Objects.requireNonNull(source, "attribute source");
      Objects.requireNonNull(name, "attribute name");
      Objects.requireNonNull(value, "value of attribute " + name);
      for (int i = 0; i < names.size(); i++) {
        if (sources.get(i) == source && names.get(i).equals(name)) {
          values.set(i, value);
          return this;
        }
      }
      names.add(name);
      values.add(value);
      sources.add(source);
      return this;
    }

    /** Adds or replaces every entry of {@code map} in {@code source}, in the map's iteration order. */
    public Builder putAll(AttributeSource source, Map<String, String> map) {
      map.forEach((k, v) -> put(source, k, v));
      return this;
    }

    /** Removes {@code name} from {@code source}, if present. */
    public Builder remove(AttributeSource source, String name) {
      for (int i = 0; i < names.size(); i++) {
        if (sources.get(i) == source && names.get(i).equals(name)) {
          names.remove(i);
          values.remove(i);
          sources.remove(i);
          return this;
        }
      }
      return this;
    }

    /** Removes every entry of {@code source}. */
    public Builder clear(AttributeSource source) {
      for (int i = names.size() - 1; i >= 0; i--) {
        if (sources.get(i) == source) {
          names.remove(i);
          values.remove(i);
          sources.remove(i);
        }
      }
      return this;
    }

    public Attributes build() {
      int n = names.size();
      if (n == 0) {
        return EMPTY;
      }
      String[] ns = new String[n];
      String[] vs = new String[n];
      AttributeSource[] ss = new AttributeSource[n];
      int k = 0;
      for (AttributeSource s : SOURCES) {
        for (int i = 0; i < n; i++) {
          if (sources.get(i) == s) {
            ns[k] = names.get(i).intern();
            vs[k] = values.get(i);
            ss[k] = s;
            k++;
          }
        }
      }
      Layouts.Key layout = Layouts.canonical(ns, ss);
      return new Attributes(layout.names, vs, layout.sources);
    }
  }
}
