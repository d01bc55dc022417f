package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON helpers shared by the simulator: one {@link ObjectMapper}, the gibson042 canonical form used by
 * the trails service, RFC 3339 times and the U+FF2E storage form of dotted map keys.
 *
 * <p>Stateless and thread-safe. Not API.
 */
public final class Json {
  /** The mapper; configured once, never changed. */
  public static final ObjectMapper MAPPER = new ObjectMapper();
  /** Node factory. */
  public static final JsonNodeFactory F = JsonNodeFactory.instance;
  /** Go's zero time. */
  public static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");
  /** The stored replacement for '.' in top-level map keys. */
  public static final char DOT = '\uFF2E';

  private Json() {}

  public static ObjectNode object() {
    return F.objectNode();
  }

  public static ArrayNode array() {
    return F.arrayNode();
  }

  /**
   * RFC 3339 in UTC with as many fraction digits as needed (like Go's RFC3339Nano), e.g.
   * {@code 2024-05-02T10:15:30.123Z}; hand-written because it runs for every time field of every answer.
   */
  public static String time(Instant t) {
    Instant i = t == null ? ZERO_TIME : t;
    long secs = i.getEpochSecond();
    if (secs < 0 || secs >= 253_402_300_800L) {
      return DateTimeFormatter.ISO_INSTANT.format(i); // outside 1970..9999
    }
    long days = Math.floorDiv(secs, 86_400);
    int sod = Math.floorMod(secs, 86_400);
    java.time.LocalDate d = java.time.LocalDate.ofEpochDay(days);
    StringBuilder sb = new StringBuilder(30);
    pad(sb, d.getYear(), 4).append('-');
    pad(sb, d.getMonthValue(), 2).append('-');
    pad(sb, d.getDayOfMonth(), 2).append('T');
    pad(sb, sod / 3600, 2).append(':');
    pad(sb, sod / 60 % 60, 2).append(':');
    pad(sb, sod % 60, 2);
    int nanos = i.getNano();
    if (nanos > 0) {
      int digits = 9;
      while (nanos % 10 == 0) {
        nanos /= 10;
        digits--;
      }
      sb.append('.');
      pad(sb, nanos, digits);
    }
    return sb.append('Z').toString();
  }

  private static StringBuilder pad(StringBuilder sb, int value, int width) {
    String v = Integer.toString(value);
    for (int k = v.length(); k < width; k++) {
      sb.append('0');
    }
    return sb.append(v);
  }

  public static byte[] compact(JsonNode n) {
    try {
      return MAPPER.writeValueAsBytes(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static byte[] indented(JsonNode n) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parses {@code body}; returns null when it is not JSON. */
  public static JsonNode parseOrNull(byte[] body) {
    try {
      return MAPPER.readTree(body);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** Canonical JSON (sorted keys, no whitespace, non-integers in E-notation) as UTF-8 bytes. */
  public static byte[] canonical(JsonNode n) {
    StringBuilder sb = new StringBuilder(256);
    writeCanonical(n, sb);
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void writeCanonical(JsonNode n, StringBuilder sb) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      sb.append("null");
    } else if (n.isObject()) {
      List<String> names = new ArrayList<>();
      n.fieldNames().forEachRemaining(names::add);
      Collections.sort(names);
      sb.append('{');
      boolean first = true;
      for (String name : names) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        string(name, sb);
        sb.append(':');
        writeCanonical(n.get(name), sb);
      }
      sb.append('}');
    } else if (n.isArray()) {
      sb.append('[');
      for (int i = 0; i < n.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        writeCanonical(n.get(i), sb);
      }
      sb.append(']');
    } else if (n.isTextual()) {
      string(n.textValue(), sb);
    } else if (n.isIntegralNumber()) {
      sb.append(n.bigIntegerValue());
    } else if (n.isNumber()) {
      sb.append(canonicalNumber(n.decimalValue()));
    } else {
      sb.append(n.asText());
    }
  }

  static String canonicalNumber(BigDecimal value) {
    BigDecimal bd = value.stripTrailingZeros();
    if (bd.scale() <= 0) {
      return bd.toBigIntegerExact().toString();
    }
    String digits = bd.unscaledValue().abs().toString();
    int exp = digits.length() - 1 - bd.scale();
    String mantissa = digits.charAt(0) + "." + (digits.length() > 1 ? digits.substring(1) : "0");
    return (bd.signum() < 0 ? "-" : "") + mantissa + "E" + exp;
  }

  private static void string(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        default:
          if (c < 0x20) {
            sb.append(String.format("\\u%04X", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }

  /** A copy of {@code map} with '.' in its top-level keys replaced by U+FF2E (the stored form). */
  public static ObjectNode toStored(JsonNode map) {
    return replaceKeys(map, '.', DOT);
  }

  /** A copy of {@code map} with U+FF2E in its top-level keys turned back into '.'. */
  public static ObjectNode fromStored(JsonNode map) {
    return replaceKeys(map, DOT, '.');
  }

  private static ObjectNode replaceKeys(JsonNode map, char from, char to) {
    ObjectNode out = object();
    if (map == null || !map.isObject()) {
      return out;
    }
    Iterator<Map.Entry<String, JsonNode>> it = map.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      out.set(e.getKey().replace(from, to), e.getValue());
    }
    return out;
  }
}
