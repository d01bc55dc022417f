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
      throw new FleetException("Could not encode a stored record as JSON: " + e.getOriginalMessage(), e);
    }
  }

  static JsonNode read(String kind, String key, String doc) {
    try {
      return MAPPER.readTree(doc);
    } catch (JsonProcessingException e) {
      throw new FleetException("Stored " + kind + " '" + key + "' is not valid JSON: " + e.getOriginalMessage(), e);
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
    return Instant.parse(text(n, field, kind, key));
  }

  static Instant instantOrNull(JsonNode n, String field) {
    String s = textOrNull(n, field);
    return s == null ? null : Instant.parse(s);
  }
}
