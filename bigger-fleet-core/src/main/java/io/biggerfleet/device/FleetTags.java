package io.biggerfleet.device;

import io.biggerfleet.InvalidInputException;
import java.util.Objects;

/**
 * The rules for fleet tags and fleet attribute names, in one place.
 *
 * <p>A <b>fleet tag</b> is 1 to {@value #MAX_TAG_LENGTH} characters: it starts with a letter or digit
 * and continues with letters, digits, {@code .}, {@code _}, {@code :} or {@code -}. Tags are
 * case-sensitive. No spaces or commas, because the {@code Fleet-Tags} attribute lists them
 * comma-separated.
 *
 * <p>A <b>fleet attribute</b> name starts with {@code Fleet-}, is at most {@value #MAX_NAME_LENGTH}
 * characters of letters, digits, {@code .}, {@code _} and {@code -}, and is not {@code Fleet-Tags}
 * (kept by {@link io.biggerfleet.FleetClient#tag}). Its value is at most {@value #MAX_VALUE_LENGTH}
 * characters without control characters.
 *
 * <p>Stateless and thread-safe.
 */
public final class FleetTags {
  /** Longest accepted tag. */
  public static final int MAX_TAG_LENGTH = 64;
  /** Longest accepted fleet attribute name. */
  public static final int MAX_NAME_LENGTH = 64;
  /** Longest accepted fleet attribute value. */
  public static final int MAX_VALUE_LENGTH = 1024;
  /** Prefix of every fleet attribute name. */
  public static final String FLEET_PREFIX = "Fleet-";

  private FleetTags() {}

  /**
   * Returns {@code tag} if it is a valid fleet tag.
   *
   * @throws InvalidInputException naming the tag and the rule it breaks
   */
  public static String checkTag(String tag) {
    Objects.requireNonNull(tag, "tag");
    if (tag.isBlank()) {
      throw new InvalidInputException("Tag is blank; a tag is 1 to " + MAX_TAG_LENGTH
          + " letters, digits, '.', '_', ':' or '-'");
    }
    if (tag.length() > MAX_TAG_LENGTH) {
      throw new InvalidInputException(
          "Tag '" + DeviceId.printable(tag.substring(0, 40)) + "...' is too long: " + tag.length()
              + " characters, at most " + MAX_TAG_LENGTH + " are allowed");
    }
    for (int i = 0; i < tag.length(); i++) {
      char c = tag.charAt(i);
      boolean ok = isAlnum(c) || (i > 0 && (c == '.' || c == '_' || c == ':' || c == '-'));
      if (!ok) {
        throw new InvalidInputException(
            "Tag '" + DeviceId.printable(tag) + "' has " + describe(c) + " at position " + (i + 1)
                + "; a tag starts with a letter or digit and uses only letters, digits, '.', '_', ':' or '-'");
      }
    }
    return tag;
  }

  /**
   * Returns {@code name} if it is a valid, writable fleet attribute name.
   *
   * @throws InvalidInputException naming the attribute and the rule it breaks
   */
  public static String checkFleetAttributeName(String name) {
    Objects.requireNonNull(name, "fleet attribute name");
    if (!name.startsWith(FLEET_PREFIX) || name.length() == FLEET_PREFIX.length()) {
      throw new InvalidInputException("Fleet attribute '" + DeviceId.printable(name)
          + "' must start with '" + FLEET_PREFIX + "' followed by a name, e.g. Fleet-Owner");
    }
    if (name.equals(BuiltinAttributes.FLEET_TAGS)) {
      throw new InvalidInputException(
          "Fleet attribute 'Fleet-Tags' is kept by tag/untag; use those to change tags");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw new InvalidInputException(
          "Fleet attribute name '" + DeviceId.printable(name.substring(0, 40))
              + "...' is too long: at most " + MAX_NAME_LENGTH + " characters");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(isAlnum(c) || c == '.' || c == '_' || c == '-')) {
        throw new InvalidInputException(
            "Fleet attribute name '" + DeviceId.printable(name) + "' has " + describe(c)
                + " at position " + (i + 1) + "; use letters, digits, '.', '_' and '-'");
      }
    }
    return name;
  }

  /**
   * Returns {@code value} if it is a valid fleet attribute value.
   *
   * @throws InvalidInputException naming the attribute and what is wrong with the value
   */
  public static String checkFleetAttributeValue(String name, String value) {
    Objects.requireNonNull(value, "value of fleet attribute " + name);
    if (value.length() > MAX_VALUE_LENGTH) {
      throw new InvalidInputException("Value of fleet attribute '" + name + "' is too long: "
          + value.length() + " characters, at most " + MAX_VALUE_LENGTH + " are allowed");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new InvalidInputException(
            "Value of fleet attribute '" + name + "' has " + describe(value.charAt(i))
                + " at position " + (i + 1) + "; control characters are not allowed");
      }
    }
    return value;
  }

  private static boolean isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static String describe(char c) {
    if (c == ' ') {
      return "a space";
    }
    if (Character.isWhitespace(c) || Character.isISOControl(c)) {
      return String.format("control character U+%04X", (int) c);
    }
    return "'" + c + "'";
  }
}
