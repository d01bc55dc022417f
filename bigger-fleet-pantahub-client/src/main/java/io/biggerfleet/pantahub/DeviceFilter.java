package io.biggerfleet.pantahub;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.pantahub.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Server-side filter for {@code GET /devices/}. Pantahub treats every query parameter as an equality
 * filter on the stored field of that name, with value prefixes {@code !} (not equal) and {@code ^}
 * (case-insensitive prefix). This value only allows the fields that work ({@code nick}, {@code prn},
 * {@code user-meta.<key>}, {@code device-meta.<key>}) so that no unknown parameter is sent (an unknown
 * one silently filters everything out). Dots inside a meta key are sent in Pantahub's stored form
 * (U+FF2E), e.g. {@code device-meta.pantavisor.arch} → {@code device-meta.pantavisorＮarch}.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}; {@link #all()} matches every device.
 */
public final class DeviceFilter {
  private static final DeviceFilter ALL = new DeviceFilter(List.of());
  private final List<String[]> params;

  private DeviceFilter(List<String[]> params) {
    this.params = params;
  }

  /** No filter: every device of the user. */
  public static DeviceFilter all() {
    return ALL;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The query parameters to send, in order, names in stored form. Internal use. */
  List<String[]> params() {
    return params;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("DeviceFilter[");
    for (int i = 0; i < params.size(); i++) {
      sb.append(i == 0 ? "" : ", ")
          .append(params.get(i)[0])
          .append('=')
          .append(params.get(i)[1]);
    }
    return sb.append(']').toString();
  }

  /** Builds a {@link DeviceFilter}; all conditions must hold. Not thread-safe. */
  public static final class Builder {
    private final List<String[]> params = new ArrayList<>();

    private Builder() {}

    /** {@code field} equals {@code value} exactly. */
    public Builder equalTo(String field, String value) {
      Objects.requireNonNull(value, "value");
      if (value.startsWith("!") || value.startsWith("^")) {
        throw new InvalidInputException(
            "Device filter value '" + value + "' for " + field + " starts with '" + value.charAt(0)
                + "', which Pantahub reads as an operator; exact match of such values is not possible");
      }
      return add(field, value);
    }

    /** {@code field} differs from {@code value}. */
    public Builder notEqualTo(String field, String value) {
      return add(field, "!" + Objects.requireNonNull(value, "value"));
    }

    /**
     * {@code field} starts with {@code prefix}, ignoring case. Pantahub turns {@code ^value} into the
     * regular expression {@code ^value} without escaping it, so the prefix is sent quoted: each of
     * {@code \ . + * ? ( ) | [ ] { } ^ $} gets a backslash and matches itself ({@code "gw.1"} finds
     * {@code gw.1-a}, not {@code gwX1-a}).
     */
    public Builder startsWith(String field, String prefix) {
      return add(field, "^" + quoteRegex(Objects.requireNonNull(prefix, "prefix")));
    }

    /** Shorthand for {@code equalTo("user-meta." + key, value)}. */
    public Builder userMeta(String key, String value) {
      return equalTo("user-meta." + key, value);
    }

    /** Shorthand for {@code equalTo("device-meta." + key, value)}. */
    public Builder deviceMeta(String key, String value) {
      return equalTo("device-meta." + key, value);
    }

    public DeviceFilter build() {
      return params.isEmpty() ? ALL : new DeviceFilter(List.copyOf(params));
    }

    /** Backslash before every regex metacharacter (Go's regexp.QuoteMeta set; also literal in PCRE). */
    static String quoteRegex(String s) {
      StringBuilder sb = new StringBuilder(s.length() + 8);
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
          sb.append('\\');
        }
        sb.append(c);
      }
      return sb.toString();
    }

    private Builder add(String field, String value) {
      Objects.requireNonNull(field, "field");
      String name;
      if (field.equals("nick") || field.equals("prn")) {
        name = field;
      } else if (field.startsWith("user-meta.") && field.length() > "user-meta.".length()) {
        name = "user-meta." + Json.storeKey(field.substring("user-meta.".length()));
      } else if (field.startsWith("device-meta.") && field.length() > "device-meta.".length()) {
        name = "device-meta." + Json.storeKey(field.substring("device-meta.".length()));
      } else {
        throw new InvalidInputException(
            "Device filter field '" + field + "' is not supported; use nick, prn, "
                + "user-meta.<key> or device-meta.<key> (Pantahub drops every device for unknown fields)");
      }
      for (String[] p : params) {
        if (p[0].equals(name)) {
          throw new InvalidInputException(
              "Device filter names '" + field + "' twice; Pantahub keeps only one value");
        }
      }
      params.add(new String[] {name, value});
      return this;
    }
  }
}
