package io.biggerfleet.model;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Reads a device's {@code Timezone} attribute (or a rollout's {@code timezone=}) as a {@link ZoneId}:
 * an IANA id ({@code Asia/Hong_Kong}), the same with spaces for underscores as people write it
 * ({@code Asia/Hong Kong}), or a fixed offset ({@code UTC}, {@code +02:00}). Stateless; thread-safe.
 */
public final class TimeZones {
  /** The device attribute that names a device's time zone. */
  public static final String ATTRIBUTE = "Timezone";

  private TimeZones() {}

  /** The zone {@code text} names, or empty if it names none (blank, unknown, malformed). */
  public static Optional<ZoneId> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String t = text.strip().replace(' ', '_');
    try {
      return Optional.of(ZoneId.of(t));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
