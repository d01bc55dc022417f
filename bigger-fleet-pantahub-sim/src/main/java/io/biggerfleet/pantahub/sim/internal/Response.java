package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP answer. JSON bodies are serialised lazily by {@link #body()}, which the router calls after
 * the handler returned, i.e. outside the hub lock (the node trees handlers build only reference values
 * the hub replaces wholesale and never mutates). Not thread-safe; confined to one request. Not API.
 */
public final class Response {
  private enum Format {
    COMPACT,
    INDENTED,
    CANONICAL
  }

  final int status;
  final Map<String, List<String>> headers = new LinkedHashMap<>();
  private byte[] bytes;
  private final JsonNode node;
  private final Format format;

  private Response(int status, byte[] bytes, JsonNode node, Format format, String contentType) {
    this.status = status;
    this.bytes = bytes;
    this.node = node;
    this.format = format;
    if (contentType != null) {
      header("Content-Type", contentType);
    }
  }

  private static Response of(int status, JsonNode n, Format f) {
    return new Response(status, null, n, f, "application/json; charset=utf-8");
  }

  /** Compact JSON, status 200. */
  public static Response json(JsonNode n) {
    return of(200, n, Format.COMPACT);
  }

  public static Response json(int status, JsonNode n) {
    return of(status, n, Format.COMPACT);
  }

  /** Indented JSON, as the auth service writes it. */
  public static Response indented(JsonNode n) {
    return of(200, n, Format.INDENTED);
  }

  /** Canonical JSON with the {@code PhJsonFormat} header, as the trails service writes it. */
  public static Response canonical(JsonNode n) {
    Response r = of(200, n, Format.CANONICAL);
    r.header("PhJsonFormat", "gibson042-canonicaljson");
    return r;
  }

  /** 200 with no body (e.g. changes without page[size]). */
  public static Response empty() {
    return new Response(200, new byte[0], null, null, null);
  }

  public static Response html(String html) {
    return new Response(
        200, html.getBytes(StandardCharsets.UTF_8), null, null, "text/html; charset=utf-8");
  }

  public static Response bytes(byte[] data, String contentType) {
    return new Response(200, data, null, null, contentType);
  }

  /** A redirect with {@code status} (301, 302 or 307). */
  public static Response redirect(int status, String location) {
    String text =
        status == 301 ? "Moved Permanently" : status == 302 ? "Found" : "Temporary Redirect";
    Response r = new Response(
        status,
        ("<a href=\"" + location + "\">" + text + "</a>.\n").getBytes(StandardCharsets.UTF_8),
        null,
        null,
        "text/html; charset=utf-8");
    r.header("Location", location);
    return r;
  }

  /** Sets header {@code name} to {@code value} (replacing earlier values). */
  public Response header(String name, String value) {
    List<String> v = new ArrayList<>(1);
    v.add(value);
    headers.put(name, v);
    return this;
  }

  /** Adds one more value of header {@code name} (e.g. a second {@code Set-Cookie}). */
  public Response addHeader(String name, String value) {
    headers.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
    return this;
  }

  /** The body bytes (serialising the JSON node on first call). */
  byte[] body() {
    if (bytes == null) {
      switch (format) {
        case INDENTED:
          bytes = Json.indented(node);
          break;
        case CANONICAL:
          bytes = Json.canonical(node);
          break;
        default:
          bytes = Json.compact(node);
      }
    }
    return bytes;
  }
}
