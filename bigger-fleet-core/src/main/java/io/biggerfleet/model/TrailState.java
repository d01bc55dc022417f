package io.biggerfleet.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A complete desired state of a device, as stored in one step of its Pantahub trail: a flat map of
 * path-like keys. Following the server's rules, a key ending in {@code .json} holds inline JSON,
 * kept here as its raw JSON text ({@code {"linux":"kernel.img"}}); every other key holds a plain
 * string — {@code #spec} its spec name, the rest the sha256 of an object.
 *
 * <p>Immutable and thread-safe; keys are kept sorted. {@link #with} and {@link #without} return
 * changed copies.
 */
public final class TrailState {
  private static final TrailState EMPTY = new TrailState(new TreeMap<>());
  private final Map<String, String> entries;

  private TrailState(TreeMap<String, String> entries) {
    this.entries = Collections.unmodifiableMap(entries);
  }

  /** The empty state {@code {}}. */
  public static TrailState empty() {
    return EMPTY;
  }

  /** A state with these entries (see the class comment for how values are encoded). */
  public static TrailState of(Map<String, String> entries) {
    TreeMap<String, String> m = new TreeMap<>();
    entries.forEach((k, v) ->
        m.put(Objects.requireNonNull(k, "state key"), Objects.requireNonNull(v, "value of " + k)));
    return new TrailState(m);
  }

  /** True if {@code key} carries inline JSON (ends with {@code .json}). */
  public static boolean isJsonKey(String key) {
    return key.endsWith(".json");
  }

  /** Every entry, sorted by key. */
  public Map<String, String> entries() {
    return entries;
  }

  /** The value of {@code key}, or {@code null}. */
  public @Nullable String get(String key) {
    return entries.get(key);
  }

  /** A copy with {@code key} set to {@code value}. */
  public TrailState with(String key, String value) {
    TreeMap<String, String> m = new TreeMap<>(entries);
    m.put(
        Objects.requireNonNull(key, "state key"), Objects.requireNonNull(value, "value of " + key));
    return new TrailState(m);
  }

  /** A copy without {@code key}. */
  public TrailState without(String key) {
    if (!entries.containsKey(key)) {
      return this;
    }
    TreeMap<String, String> m = new TreeMap<>(entries);
    m.remove(key);
    return new TrailState(m);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrailState && ((TrailState) o).entries.equals(entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    return entries.toString();
  }
}
