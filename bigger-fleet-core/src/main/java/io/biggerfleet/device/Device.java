package io.biggerfleet.device;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A device the fleet manages: identity, nick, liveness, running revision, fleet tags and
 * {@link Attributes} from all three sources (including the {@link BuiltinAttributes built-ins}).
 *
 * <p>Each device carries a stable {@link #systemId() system id}: a 64-bit value derived from its
 * {@link DeviceId} with SHA-256, so it is uniformly spread, never changes across re-imports and is the
 * same in every store. Randomized scheduling ({@code bucket(N)}, the even spread of a rollout step)
 * hashes it.
 *
 * <p>Immutable and thread-safe. Create with {@link #builder(DeviceId)}; derive a changed copy with
 * {@link #toBuilder()}.
 */
public final class Device {
  private final DeviceId id;
  private final String nick;
  private final boolean online;
  private final @Nullable Instant lastSeen;
  private final @Nullable String revision;
  private final long systemId;
  private final SortedSet<String> tags;
  private final Attributes attributes;

  private Device(Builder b, Attributes attributes) {
    this.id = b.id;
    this.nick = b.nick;
    this.online = b.online;
    this.lastSeen = b.lastSeen;
    this.revision = b.revision;
    this.systemId = b.systemId;
    this.tags = Collections.unmodifiableSortedSet(new TreeSet<>(b.tags));
    this.attributes = attributes;
  }

  /** A builder for the device {@code id}, with an empty nick, offline, no attributes. */
  public static Builder builder(DeviceId id) {
    return new Builder(id);
  }

  /** A builder holding this device's values, for a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder(id);
    b.nick = nick;
    b.online = online;
    b.lastSeen = lastSeen;
    b.revision = revision;
    b.systemId = systemId;
    b.tags.addAll(tags);
    for (Attribute a : attributes.all()) {
      if (!BuiltinAttributes.isBuiltin(a.name())) {
        b.source(a.source()).put(a.name(), a.value());
      }
    }
    return b;
  }

  /** The stable system id of a device: the first 8 bytes of SHA-256 of {@code id.toString()}. */
  public static long systemIdOf(DeviceId id) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256")
          .digest(id.toString().getBytes(StandardCharsets.UTF_8));
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (h[i] & 0xff);
      }
      return v;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  public DeviceId id() {
    return id;
  }

  /** The device's nick in its registry (shown quoted by the CLI; attribute {@code Device-Name}). */
  public String nick() {
    return nick;
  }

  /** Whether the registry last saw the device online. */
  public boolean online() {
    return online;
  }

  /** When the registry last saw the device, if ever. */
  public Optional<Instant> lastSeen() {
    return Optional.ofNullable(lastSeen);
  }

  /** The revision the device runs, if known (attribute {@code Revision}). */
  public Optional<String> revision() {
    return Optional.ofNullable(revision);
  }

  /** The stable random system id (see the class comment). */
  public long systemId() {
    return systemId;
  }

  /** The system id as 16 hex digits. */
  public String systemIdHex() {
    return String.format("%016x", systemId);
  }

  /** Fleet tags, sorted. */
  public SortedSet<String> tags() {
    return tags;
  }

  /** Every attribute, built-ins included. */
  public Attributes attributes() {
    return attributes;
  }

  /** The attributes of one source, built-ins of that source included, in display order. */
  public Map<String, String> attributes(AttributeSource source) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Attribute a : attributes.bySource().getOrDefault(source, List.of())) {
      out.put(a.name(), a.value());
    }
    return Collections.unmodifiableMap(out);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Device)) {
      return false;
    }
    Device d = (Device) o;
    return d.id.equals(id)
        && d.nick.equals(nick)
        && d.online == online
        && Objects.equals(d.lastSeen, lastSeen)
        && Objects.equals(d.revision, revision)
        && d.systemId == systemId
        && d.tags.equals(tags)
        && d.attributes.equals(attributes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, nick, online, lastSeen, revision, tags, attributes);
  }

  /** {@code DEVICEID-5@cisco.com "gardenpool-wifi" online tags=[canary]}: one readable line. */
  @Override
  public String toString() {
    return id + " \"" + nick + "\" " + (online ? "online" : "offline")
        + (revision == null ? "" : " rev=" + revision)
        + (tags.isEmpty() ? "" : " tags=" + tags)
        + " (" + attributes.size() + " attributes)";
  }

  /**
   * Builds a {@link Device}. Not thread-safe. The system id defaults to {@link #systemIdOf(DeviceId)}.
   * Names of {@link BuiltinAttributes} given as ordinary attributes are ignored: built-ins always
   * reflect the device's fields.
   */
  public static final class Builder {
    private final DeviceId id;
    private String nick = "";
    private boolean online;
    private @Nullable Instant lastSeen;
    private @Nullable String revision;
    private long systemId;
    private final TreeSet<String> tags = new TreeSet<>();
    private final Map<AttributeSource, LinkedHashMap<String, String>> sources =
        new java.util.EnumMap<>(AttributeSource.class);

    private Builder(DeviceId id) {
      this.id = Objects.requireNonNull(id, "device id");
      this.systemId = systemIdOf(id);
      for (AttributeSource s : AttributeSource.values()) {
        sources.put(s, new LinkedHashMap<>());
      }
    }

    private LinkedHashMap<String, String> source(AttributeSource s) {
      return Objects.requireNonNull(sources.get(s));
    }

    public Builder nick(String nick) {
      this.nick = Objects.requireNonNull(nick, "nick");
      return this;
    }

    public Builder online(boolean online) {
      this.online = online;
      return this;
    }

    /** When last seen; {@code null} for never. */
    public Builder lastSeen(@Nullable Instant lastSeen) {
      this.lastSeen = lastSeen;
      return this;
    }

    /** Running revision; {@code null} for unknown. */
    public Builder revision(@Nullable String revision) {
      this.revision = revision;
      return this;
    }

    /** Overrides the derived system id (for stores that persist it). */
    public Builder systemId(long systemId) {
      this.systemId = systemId;
      return this;
    }

    /** Replaces all SYSTEM attributes (device-reported) with {@code attributes}, keeping their order. */
    public Builder systemAttributes(Map<String, String> attributes) {
      return replace(AttributeSource.SYSTEM, attributes);
    }

    /** Replaces all REGISTRY attributes (owner-set in the registry) with {@code attributes}. */
    public Builder registryAttributes(Map<String, String> attributes) {
      return replace(AttributeSource.REGISTRY, attributes);
    }

    /** Replaces all FLEET attributes ({@code Fleet-*} meta) with {@code attributes}. */
    public Builder fleetAttributes(Map<String, String> attributes) {
      return replace(AttributeSource.FLEET, attributes);
    }

    /** Sets one attribute in {@code source}. */
    public Builder attribute(AttributeSource source, String name, String value) {
      Objects.requireNonNull(source, "attribute source");
      source(source)
          .put(
              Objects.requireNonNull(name, "attribute name"),
              Objects.requireNonNull(value, "value of " + name));
      return this;
    }

    /** Removes one attribute from {@code source}. */
    public Builder removeAttribute(AttributeSource source, String name) {
      source(source).remove(name);
      return this;
    }

    /** Replaces the fleet tags. Tags are not validated here; {@link io.biggerfleet.FleetClient} validates input. */
    public Builder tags(Collection<String> tags) {
      this.tags.clear();
      for (String t : tags) {
        this.tags.add(Objects.requireNonNull(t, "tag"));
      }
      return this;
    }

    public Builder addTag(String tag) {
      tags.add(Objects.requireNonNull(tag, "tag"));
      return this;
    }

    public Builder removeTag(String tag) {
      tags.remove(tag);
      return this;
    }

    private Builder replace(AttributeSource source, Map<String, String> attributes) {
      Objects.requireNonNull(attributes, "attributes");
      LinkedHashMap<String, String> m = source(source);
      m.clear();
      attributes.forEach((k, v) -> m.put(
          Objects.requireNonNull(k, "attribute name"), Objects.requireNonNull(v, "value of " + k)));
      return this;
    }

    public Device build() {
      Attributes.Builder a = Attributes.builder();
      source(AttributeSource.SYSTEM).forEach((k, v) -> {
        if (!BuiltinAttributes.isBuiltin(k)) {
          a.put(AttributeSource.SYSTEM, k, v);
        }
      });
      if (revision != null) {
        a.put(AttributeSource.SYSTEM, BuiltinAttributes.REVISION, revision);
      }
      if (lastSeen != null) {
        a.put(AttributeSource.SYSTEM, BuiltinAttributes.LAST_SEEN, lastSeen.toString());
      }
      a.put(AttributeSource.SYSTEM, BuiltinAttributes.ONLINE, Boolean.toString(online));
      a.put(AttributeSource.REGISTRY, BuiltinAttributes.DEVICE_ID, id.toString());
      a.put(AttributeSource.REGISTRY, BuiltinAttributes.DEVICE_NAME, nick);
      a.put(AttributeSource.REGISTRY, BuiltinAttributes.REGISTRY, id.registry());
      source(AttributeSource.REGISTRY).forEach((k, v) -> {
        if (!BuiltinAttributes.isBuiltin(k)) {
          a.put(AttributeSource.REGISTRY, k, v);
        }
      });
      source(AttributeSource.FLEET).forEach((k, v) -> {
        if (!BuiltinAttributes.isBuiltin(k)) {
          a.put(AttributeSource.FLEET, k, v);
        }
      });
      if (!tags.isEmpty()) {
        a.put(AttributeSource.FLEET, BuiltinAttributes.FLEET_TAGS, String.join(", ", tags));
      }
      return new Device(this, a.build());
    }
  }
}
