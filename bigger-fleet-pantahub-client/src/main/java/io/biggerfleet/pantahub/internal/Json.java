package io.biggerfleet.pantahub.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON helpers shared by the client: the one {@link ObjectMapper}, Pantahub's stored-key encoding
 * (U+FF2E for '.'), value-to-text conversion and time parsing. Internal; not API.
 */
public final class Json {
  /** Thread-safe once configured; never reconfigured. */
  public static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Reads one value from a parser positioned inside a larger document (streamed arrays). */
  public static final com.fasterxml.jackson.databind.ObjectReader ELEMENT_READER =
      MAPPER.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** The character Pantahub stores in place of '.' in top-level map keys (U+FF2E). */
  public static final char STORED_DOT = '\uFF2E';

  private static final Instant EPOCH = Instant.EPOCH;
  private static final Instant ZERO = Instant.parse("0001-01-01T00:00:00Z");

  private Json() {}

  /** Converts a stored key (U+FF2E) back to its dotted form. */
  public static String unstoreKey(String key) {
    return key.indexOf(STORED_DOT) < 0 ? key : key.replace(STORED_DOT, '.');
  }

  /** The stored form of a key, as Mongo-style filters on meta keys need it. */
  public static String storeKey(String key) {
    return key.replace('.', STORED_DOT);
  }

  /** A JSON value as attribute text: strings as they are, anything else as compact JSON. */
  public static String text(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return "";
    }
    if (v.isTextual()) {
      return v.asText();
    }
    try {
      return MAPPER.writeValueAsString(v);
    } catch (JsonProcessingException e) {
      return v.toString();
    }
  }

  /** A JSON object as an ordered key → text map, keys converted back from their stored form. */
  public static Map<String, String> textMap(JsonNode obj) {
    Map<String, String> out = new LinkedHashMap<>();
    if (obj != null && obj.isObject()) {
      for (Map.Entry<String, JsonNode> e : obj.properties()) {
        out.put(unstoreKey(e.getKey()), text(e.getValue()));
      }
    }
    return out;
  }

  /**
   * An RFC 3339 time, or {@code null} for absent, empty, the zero time and the epoch ("no progress
   * yet").
   *
   * @throws IllegalArgumentException if the text is not a time
   */
  public static Instant time(JsonNode v) {
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      return null;
    }
    try {
      Instant t = Instant.parse(v.asText());
      return t.equals(EPOCH) || t.equals(ZERO) ? null : t;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + v.asText() + "' is not an RFC 3339 time");
    }
  }
}
