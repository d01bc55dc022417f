package io.biggerfleet.pantahub.sim.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a request target and its query the way Go's {@code net/http} does (the real hub is a Go
 * server): raw {@code ^ { } " | \ ` [ ]} and non-ASCII bytes are accepted as they are, only control
 * characters and bad {@code %} escapes in the path are refused; a query pair whose key or value has a
 * bad escape (or whose key holds a {@code ;}) is dropped, like {@code url.ParseQuery} inside
 * {@code r.URL.Query()}. Stateless. Not API.
 */
final class RequestTarget {
  /** The raw path (escapes kept, used for routing) and the raw query or null. */
  record Parsed(String rawPath, String rawQuery) {}

  private RequestTarget() {}

  /**
   * Splits {@code target} (origin form {@code /p?q} or absolute form {@code http://h/p?q}).
   *
   * @throws IllegalArgumentException with Go's reason when Go would answer 400
   */
  static Parsed parse(String target) {
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new IllegalArgumentException("invalid control character in URL");
      }
    }
    String t = target;
    int scheme = t.indexOf("://");
    if (scheme > 0 && !t.startsWith("/")) {
      int slash = t.indexOf('/', scheme + 3);
      int q = t.indexOf('?', scheme + 3);
      int cut = slash < 0 ? (q < 0 ? t.length() : q) : (q >= 0 && q < slash ? q : slash);
      t = t.substring(cut);
      if (t.isEmpty() || t.startsWith("?")) {
        t = "/" + t;
      }
    } else if (!t.startsWith("/") && !t.equals("*")) {
      throw new IllegalArgumentException("invalid URI for request");
    }
    int q = t.indexOf('?');
    String path = q < 0 ? t : t.substring(0, q);
    String query = q < 0 ? null : t.substring(q + 1);
    if (unescape(path, false) == null) {
      throw new IllegalArgumentException("invalid URL escape in path");
    }
    return new Parsed(path, query);
  }

  /** {@code url.ParseQuery}: pairs in order; bad pairs are dropped silently (Go drops them too). */
  static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return m;
    }
    for (String pair : raw.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      if (k.indexOf(';') >= 0) {
        continue; // "invalid semicolon separator in query"
      }
      String key = unescape(k, true);
      String value = unescape(v, true);
      if (key == null || value == null) {
        continue;
      }
      m.computeIfAbsent(key, x -> new ArrayList<>()).add(value);
    }
    return m;
  }

  /**
   * Go's {@code unescape}: {@code %XX} → byte, {@code +} → space in query mode; other characters
   * (held as ISO-8859-1 chars of the raw bytes) pass through; the bytes are then read as UTF-8. Null for
   * a bad escape.
   */
  static String unescape(String s, boolean query) {
    if (s.indexOf('%') < 0 && (!query || s.indexOf('+') < 0)) {
      return new String(s.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length() || hex(s.charAt(i + 1)) < 0 || hex(s.charAt(i + 2)) < 0) {
          return null;
        }
        out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
        i += 2;
      } else if (c == '+' && query) {
        out.write(' ');
      } else {
        out.write(c & 0xff);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
