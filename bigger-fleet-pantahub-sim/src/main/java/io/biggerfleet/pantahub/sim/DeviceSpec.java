package io.biggerfleet.pantahub.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A simulated device to create: nick, owner (a user nick of the scenario), user-meta (set by the
 * owner; REGISTRY attributes) and device-meta (reported by the device; SYSTEM attributes). The hub id
 * is a stable 24-hex id derived from owner and nick unless given.
 *
 * <p>Immutable and thread-safe.
 */
public final class DeviceSpec {
  private static final Pattern NICK = Pattern.compile("^[a-zA-Z0-9_\\-+%]+$");
  private static final Pattern HEX24 = Pattern.compile("[0-9a-f]{24}");
  private final String nick;
  private final String owner;
  private final String id;
  private final Map<String, String> userMeta;
  private final Map<String, String> deviceMeta;

  private DeviceSpec(Builder b) {
    this.nick = b.nick;
    this.owner = b.owner;
    this.id = b.id;
    this.userMeta = Map.copyOf(b.userMeta);
    this.deviceMeta = Map.copyOf(b.deviceMeta);
  }

  /**
   * A builder for a device named {@code nick}.
   *
   * @throws IllegalArgumentException when the nick breaks the hub's rule {@code ^[a-zA-Z0-9_\-+%]+$}
   */
  public static Builder builder(String nick) {
    return new Builder(nick);
  }

  public String nick() {
    return nick;
  }

  /** Owner's user nick; empty means the scenario's first user. */
  public String owner() {
    return owner;
  }

  /** The fixed hub id, if one was given. */
  public Optional<String> id() {
    return Optional.ofNullable(id);
  }

  public Map<String, String> userMeta() {
    return userMeta;
  }

  public Map<String, String> deviceMeta() {
    return deviceMeta;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeviceSpec d
        && nick.equals(d.nick)
        && owner.equals(d.owner)
        && Objects.equals(id, d.id)
        && userMeta.equals(d.userMeta)
        && deviceMeta.equals(d.deviceMeta);
  }

  @Override
  public int hashCode() {
    return Objects.hash(nick, owner, id, userMeta, deviceMeta);
  }

  @Override
  public String toString() {
    return "DeviceSpec[" + nick + (owner.isEmpty() ? "" : " of " + owner) + "]";
  }

  /** Builder for {@link DeviceSpec}; not thread-safe. */
  public static final class Builder {
    private final String nick;
    private String owner = "";
    private String id;
    private final Map<String, String> userMeta = new LinkedHashMap<>();
    private final Map<String, String> deviceMeta = new LinkedHashMap<>();

    private Builder(String nick) {
      Objects.requireNonNull(nick, "device nick");
      if (!NICK.matcher(nick).matches()) {
        throw new IllegalArgumentException(
            "device nick '" + nick + "' must match ^[a-zA-Z0-9_\\-+%]+$");
      }
      this.nick = nick;
    }

    public Builder owner(String userNick) {
      this.owner = Objects.requireNonNull(userNick, "owner");
      return this;
    }

    /** @throws IllegalArgumentException unless {@code id} is 24 lowercase hex digits */
    public Builder id(String id) {
      if (id == null || !HEX24.matcher(id).matches()) {
        throw new IllegalArgumentException(
            "device id of '" + nick + "' must be 24 lowercase hex digits, was " + id);
      }
      this.id = id;
      return this;
    }

    public Builder userMeta(String key, String value) {
      userMeta.put(
          Objects.requireNonNull(key, "user-meta key"),
          Objects.requireNonNull(value, "user-meta " + key));
      return this;
    }

    public Builder userMeta(Map<String, String> values) {
      values.forEach(this::userMeta);
      return this;
    }

    public Builder deviceMeta(String key, String value) {
      deviceMeta.put(
          Objects.requireNonNull(key, "device-meta key"),
          Objects.requireNonNull(value, "device-meta " + key));
      return this;
    }

    public Builder deviceMeta(Map<String, String> values) {
      values.forEach(this::deviceMeta);
      return this;
    }

    public DeviceSpec build() {
      return new DeviceSpec(this);
    }
  }
}
