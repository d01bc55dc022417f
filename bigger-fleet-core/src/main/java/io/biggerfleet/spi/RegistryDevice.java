package io.biggerfleet.spi;

import io.biggerfleet.device.DeviceId;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A device as a {@link DeviceRegistry} reports it: identity, nick, liveness, running revision, the
 * device-reported attributes (Pantahub {@code device-meta} → SYSTEM) and the owner-set attributes
 * (Pantahub {@code user-meta} → REGISTRY). Attribute maps keep the registry's order.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder(DeviceId)}.
 */
public final class RegistryDevice {
  private final DeviceId id;
  private final String nick;
  private final boolean online;
  private final @Nullable Instant lastSeen;
  private final @Nullable String revision;
  private final Map<String, String> systemAttributes;
  private final Map<String, String> registryAttributes;

  private RegistryDevice(Builder b) {
    this.id = b.id;
    this.nick = b.nick;
    this.online = b.online;
    this.lastSeen = b.lastSeen;
    this.revision = b.revision;
    this.systemAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.system));
    this.registryAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.registry));
  }

  public static Builder builder(DeviceId id) {
    return new Builder(id);
  }

  public DeviceId id() {
    return id;
  }

  public String nick() {
    return nick;
  }

  public boolean online() {
    return online;
  }

  public Optional<Instant> lastSeen() {
    return Optional.ofNullable(lastSeen);
  }

  public Optional<String> revision() {
    return Optional.ofNullable(revision);
  }

  /** Device-reported attributes (SYSTEM), in the registry's order. */
  public Map<String, String> systemAttributes() {
    return systemAttributes;
  }

  /** Owner-set attributes (REGISTRY), in the registry's order. */
  public Map<String, String> registryAttributes() {
    return registryAttributes;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RegistryDevice)) {
      return false;
    }
    RegistryDevice d = (RegistryDevice) o;
    return d.id.equals(id)
        && d.nick.equals(nick)
        && d.online == online
        && Objects.equals(d.lastSeen, lastSeen)
        && Objects.equals(d.revision, revision)
        && d.systemAttributes.equals(systemAttributes)
        && d.registryAttributes.equals(registryAttributes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, nick, online, lastSeen, revision, systemAttributes, registryAttributes);
  }

  @Override
  public String toString() {
    return id + " \"" + nick + "\" " + (online ? "online" : "offline") + " system="
        + systemAttributes + " registry=" + registryAttributes;
  }

  /** Builds a {@link RegistryDevice}. Not thread-safe. */
  public static final class Builder {
    private final DeviceId id;
    private String nick = "";
    private boolean online;
    private @Nullable Instant lastSeen;
    private @Nullable String revision;
    private final Map<String, String> system = new LinkedHashMap<>();
    private final Map<String, String> registry = new LinkedHashMap<>();

    private Builder(DeviceId id) {
      this.id = Objects.requireNonNull(id, "device id");
    }

    public Builder nick(String nick) {
      this.nick = Objects.requireNonNull(nick, "nick");
      return this;
    }

    public Builder online(boolean online) {
      this.online = online;
      return this;
    }

    public Builder lastSeen(@Nullable Instant lastSeen) {
      this.lastSeen = lastSeen;
      return this;
    }

    public Builder revision(@Nullable String revision) {
      this.revision = revision;
      return this;
    }

    public Builder systemAttribute(String name, String value) {
      system.put(
          Objects.requireNonNull(name, "attribute name"),
          Objects.requireNonNull(value, "value of " + name));
      return this;
    }

    public Builder systemAttributes(Map<String, String> attributes) {
      attributes.forEach(this::systemAttribute);
      return this;
    }

    public Builder registryAttribute(String name, String value) {
      registry.put(
          Objects.requireNonNull(name, "attribute name"),
          Objects.requireNonNull(value, "value of " + name));
      return this;
    }

    public Builder registryAttributes(Map<String, String> attributes) {
      attributes.forEach(this::registryAttribute);
      return this;
    }

    public RegistryDevice build() {
      return new RegistryDevice(this);
    }
  }
}
