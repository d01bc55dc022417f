package io.biggerfleet.device;

import io.biggerfleet.InvalidInputException;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;

/**
 * A device's fleet-wide identity: {@code <id>@<registry>}, e.g. {@code DEVICEID-5@cisco.com} or
 * {@code 6634f0c2a7b1e4001f3c9a51@api.pantahub.com}. The {@code id} is the registry's own device id;
 * the {@code registry} names the device registry (for Pantahub, the hub's host) so that one fleet can
 * hold devices of several registries.
 *
 * <p>Rules: the id is 1 to {@value #MAX_ID_LENGTH} characters of {@code [A-Za-z0-9._-]}; the registry
 * is 1 to {@value #MAX_REGISTRY_LENGTH} characters of {@code [A-Za-z0-9.-]} with an optional
 * {@code :port}, compared case-insensitively (stored lower-case). Ids are case-sensitive.
 *
 * <p>Immutable and thread-safe. Ordered by id, then registry.
 */
public final class DeviceId implements Comparable<DeviceId> {
  /** Longest accepted device id (the part before {@code @}). */
  public static final int MAX_ID_LENGTH = 128;
  /** Longest accepted registry name (the part after {@code @}). */
  public static final int MAX_REGISTRY_LENGTH = 253;

  private static final Comparator<DeviceId> ORDER =
      Comparator.comparing(DeviceId::id).thenComparing(DeviceId::registry);

  private final String id;
  private final String registry;

  private DeviceId(String id, String registry) {
    this.id = id;
    this.registry = registry;
  }

  /**
   * Makes a device id from its two parts.
   *
   * @throws InvalidInputException if either part breaks the rules above (the message says which)
   * @throws NullPointerException if either part is null
   */
  public static DeviceId of(String id, String registry) {
    Objects.requireNonNull(id, "device id");
    Objects.requireNonNull(registry, "registry");
    String text = id + "@" + registry;
    checkId(id, text);
    checkRegistry(registry, text);
    return new DeviceId(id, registry.toLowerCase(Locale.ROOT));
  }

  /**
   * Parses {@code <id>@<registry>}. The last {@code @} separates the parts.
   *
   * @throws InvalidInputException naming the text and what is wrong with it
   * @throws NullPointerException if {@code text} is null
   */
  public static DeviceId parse(String text) {
    Objects.requireNonNull(text, "device id");
    if (text.isBlank()) {
      throw new InvalidInputException(
          "Device id is blank; expected <id>@<registry>, e.g. DEVICEID-5@cisco.com");
    }
    int at = text.lastIndexOf('@');
    if (at < 0) {
      throw new InvalidInputException("Device id '" + printable(text)
          + "' has no '@'; expected <id>@<registry>, e.g. DEVICEID-5@cisco.com");
    }
    String id = text.substring(0, at);
    String registry = text.substring(at + 1);
    checkId(id, text);
    checkRegistry(registry, text);
    return new DeviceId(id, registry.toLowerCase(Locale.ROOT));
  }

  /** True if {@code text} parses as a device id. */
  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (InvalidInputException | NullPointerException e) {
      return false;
    }
  }

  private static void checkId(String id, String whole) {
    if (id.isEmpty()) {
      throw new InvalidInputException(
          "Device id '" + printable(whole) + "' has an empty id before '@'");
    }
    if (id.length() > MAX_ID_LENGTH) {
      throw new InvalidInputException(
          "Device id '" + printable(abbreviate(whole)) + "' is too long: the id part has "
              + id.length() + " characters, at most " + MAX_ID_LENGTH + " are allowed");
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!(isAsciiLetterOrDigit(c) || c == '.' || c == '_' || c == '-')) {
        throw new InvalidInputException(
            "Device id '" + printable(abbreviate(whole)) + "' has " + describe(c) + " at position "
                + (i + 1) + "; the id may only use letters, digits, '.', '_' and '-'");
      }
    }
  }

  private static void checkRegistry(String registry, String whole) {
    if (registry.isEmpty()) {
      throw new InvalidInputException(
          "Device id '" + printable(whole) + "' has an empty registry after '@'");
    }
    if (registry.length() > MAX_REGISTRY_LENGTH) {
      throw new InvalidInputException(
          "Device id '" + printable(abbreviate(whole)) + "' is too long: the registry has "
              + registry.length() + " characters, at most " + MAX_REGISTRY_LENGTH + " are allowed");
    }
    int colon = registry.indexOf(':');
    String host = colon < 0 ? registry : registry.substring(0, colon);
    if (host.isEmpty()) {
      throw new InvalidInputException(
          "Device id '" + printable(whole) + "' has a registry without a host name");
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (!(isAsciiLetterOrDigit(c) || c == '.' || c == '-')) {
        throw new InvalidInputException(
            "Device id '" + printable(abbreviate(whole)) + "' has " + describe(c)
                + " in its registry '" + printable(abbreviate(registry))
                + "'; a registry is a host name of letters, digits, '.' and '-', with an optional :port");
      }
    }
    if (colon >= 0) {
      String port = registry.substring(colon + 1);
      boolean digits = !port.isEmpty()
          && port.length() <= 5
          && port.chars().allMatch(ch -> ch >= '0' && ch <= '9');
      if (!digits || Integer.parseInt(port) > 65535) {
        throw new InvalidInputException("Device id '" + printable(whole) + "' has a bad port '"
            + printable(port) + "' in its registry; expected a number from 0 to 65535");
      }
    }
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static String describe(char c) {
    if (Character.isWhitespace(c)) {
      return "whitespace";
    }
    if (Character.isISOControl(c)) {
      return String.format("control character U+%04X", (int) c);
    }
    return "'" + c + "'";
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  /** Replaces control characters so that a message never garbles a terminal. */
  static String printable(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c)) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** The registry's own id of the device, e.g. {@code DEVICEID-5}. */
  public String id() {
    return id;
  }

  /** The registry name, lower-case, e.g. {@code cisco.com}. */
  public String registry() {
    return registry;
  }

  @Override
  public int compareTo(DeviceId other) {
    return ORDER.compare(this, other);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeviceId
        && ((DeviceId) o).id.equals(id)
        && ((DeviceId) o).registry.equals(registry);
  }

  @Override
  public int hashCode() {
    return id.hashCode() * 31 + registry.hashCode();
  }

  /** {@code <id>@<registry>}; {@link #parse} reads it back. */
  @Override
  public String toString() {
    return id + "@" + registry;
  }
}
