package io.biggerfleet.dashboard.internal;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP exchange: its method, path, query and form parameters and cookies, and the ways to answer
 * it. Every answer carries the dashboard's security headers (CSP without inline script or style, no
 * framing, no sniffing, no referrer, no caching of pages). Not thread-safe; one per request.
 */
final class Request {
  /** Form bodies larger than this are refused (every form of the dashboard is tiny). */
  private static final int MAX_FORM_BYTES = 16 * 1024;

  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  final HttpExchange exchange;
  private final Map<String, String> query;
  private Map<String, String> form;
  Session session;

  Request(HttpExchange exchange) {
    this.exchange = exchange;
    this.query = parse(exchange.getRequestURI().getRawQuery());
  }

  String method() {
    return exchange.getRequestMethod();
  }

  String path() {
    return exchange.getRequestURI().getPath();
  }

  /** A query parameter, or {@code ""}. */
  String param(String name) {
    return query.getOrDefault(name, "");
  }

  /** A form field of a POST ({@code application/x-www-form-urlencoded}), or {@code ""}. */
  String form(String name) throws IOException {
    if (form == null) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_FORM_BYTES + 1);
      }
      if (body.length > MAX_FORM_BYTES) {
        throw new IOException("form body too large");
      }
      form = parse(new String(body, StandardCharsets.UTF_8));
    }
    return form.getOrDefault(name, "");
  }

  String header(String name) {
    String v = exchange.getRequestHeaders().getFirst(name);
    return v == null ? "" : v;
  }

  /** A cookie's value, or {@code ""}. */
  String cookie(String name) {
    for (String h : exchange.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
      for (String part : h.split(";")) {
        int eq = part.indexOf('=');
        if (eq > 0 && part.substring(0, eq).strip().equals(name)) {
          return part.substring(eq + 1).strip();
        }
      }
    }
    return "";
  }

  /** True when the page asked only for its live regions (the live-update script does). */
  boolean fragment() {
    return !header("X-Dashboard-Fragment").isEmpty();
  }

  void html(int status, String page) throws IOException {
    send(status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
  }

  void json(int status, String json) throws IOException {
    send(status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
  }

  void text(int status, String text) throws IOException {
    send(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }

  void redirect(String location) throws IOException {
    exchange.getResponseHeaders().set("Location", location);
    send(303, "text/plain; charset=utf-8", new byte[0]);
  }

  void header(String name, String value) {
    exchange.getResponseHeaders().add(name, value);
  }

  void send(int status, String contentType, byte[] body) throws IOException {
    var h = exchange.getResponseHeaders();
    h.set("Content-Type", contentType);
    securityHeaders(exchange);
    if (!h.containsKey("Cache-Control")) {
      h.set("Cache-Control", "no-store");
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
  }

  static void securityHeaders(HttpExchange ex) {
    var h = ex.getResponseHeaders();
    h.set("Content-Security-Policy", CSP);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("X-Frame-Options", "DENY");
    h.set(
        "Referrer-Policy",
        "same-origin"); // no-referrer would make Chrome send "Origin: null" on our own POSTs
  }

  private static Map<String, String> parse(String raw) {
    if (raw == null || raw.isEmpty()) {
      return Collections.emptyMap();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        out.putIfAbsent(
            URLDecoder.decode(k, StandardCharsets.UTF_8),
            URLDecoder.decode(v, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        // a malformed escape: ignore the pair
      }
    }
    return out;
  }
}
