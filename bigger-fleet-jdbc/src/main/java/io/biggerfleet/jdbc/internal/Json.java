package io.biggerfleet.jdbc.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biggerfleet.FleetException;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;

/** The one Jackson mapper of the module, and small helpers the record mappers share. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** Writes one JSON document with a streaming generator: faster than building a tree first. */
  @FunctionalInterface
  interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  static String write(Body body) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      body.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new FleetException("Could not encode a stored record as JSON: " + e.getMessage(), e);
    }
    return out.toString();
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new FleetException(
          "Could not encode a stored record as JSON: " + e.getOriginalMessage(), e);
    }
  }

  static JsonNode read(String kind, String key, String doc) {
    try {
      return MAPPER.readTree(doc);
    } catch (JsonProcessingException e) {
      throw new FleetException(
          "Stored " + kind + " '" + key + "' is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** A required text field; a missing one is a clear error naming the record and the field. */
  static String text(JsonNode n, String field, String kind, String key) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new FleetException("Stored " + kind + " '" + key + "' has no '" + field + "'");
    }
    return v.asText();
  }

  /** An optional text field. */
  static String textOrNull(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  static Instant instant(JsonNode n, String field, String kind, String key) {
    return parseInstant(text(n, field, kind, key));
  }

  static Instant instantOrNull(JsonNode n, String field) {
    String s = textOrNull(n, field);
    return s == null ? null : parseInstant(s);
  }

  /**
   * {@link Instant#parse} for the {@code 2026-03-02T09:00:00.123Z} form the store writes
   * ({@link Instant#toString}), without the formatter machinery: decoding a million records parses
   * millions of times. Anything else goes to {@link Instant#parse}.
   */
  static Instant parseInstant(String s) {
    int len = s.length();
    if (len < 20
        || len > 30
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':'
        || s.charAt(len - 1) != 'Z') {
      return Instant.parse(s);
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    int nanos = 0;
    if (len > 20) {
      if (s.charAt(19) != '.' || len - 21 > 9 || len - 21 < 1) {
        return Instant.parse(s);
      }
      int frac = digits(s, 20, len - 1);
      if (frac < 0) {
        return Instant.parse(s);
      }
      nanos = frac;
      for (int i = len - 21; i < 9; i++) {
        nanos *= 10;
      }
    } else if (s.charAt(19) != 'Z') {
      return Instant.parse(s);
    }
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > 31
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return Instant.parse(s);
    }
    long epochDay;
    try {
      epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
    } catch (java.time.DateTimeException e) {
      return Instant.parse(s);
    }
    return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
  }

  /** The decimal number in {@code s[from, to)}, or -1 if a character is not a digit. */
  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
