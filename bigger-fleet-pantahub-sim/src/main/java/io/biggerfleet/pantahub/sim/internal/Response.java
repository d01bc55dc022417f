package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP answer. Immutable after construction apart from {@link #header}. Not API. */
public final class Response {
  final int status;
  final byte[] body;
  final Map<String, String> headers = new LinkedHashMap<>();

  private Response(int status, byte[] body, String contentType) {
    this.status = status;
    this.body = body;
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
  }

  /** Compact JSON, status 200. */
  public static Response json(JsonNode n) {
    return new Response(200, Json.compact(n), "application/json; charset=utf-8");
  }

  public static Response json(int status, JsonNode n) {
    return new Response(status, Json.compact(n), "application/json; charset=utf-8");
  }

  /** Indented JSON, as the auth service writes it. */
  public static Response indented(JsonNode n) {
    return new Response(200, Json.indented(n), "application/json; charset=utf-8");
  }

  /** Canonical JSON with the {@code PhJsonFormat} header, as the trails service writes it. */
  public static Response canonical(JsonNode n) {
    Response r = new Response(200, Json.canonical(n), "application/json; charset=utf-8");
    r.headers.put("PhJsonFormat", "gibson042-canonicaljson");
    return r;
  }

  /** 200 with no body (e.g. changes without page[size]). */
  public static Response empty() {
    return new Response(200, new byte[0], null);
  }

  public static Response html(String html) {
    return new Response(200, html.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");
  }

  public static Response bytes(byte[] data, String contentType) {
    return new Response(200, data, contentType);
  }

  /** A redirect with {@code status} (301, 302 or 307). */
  public static Response redirect(int status, String location) {
    String text = status == 301 ? "Moved Permanently" : status == 302 ? "Found" : "Temporary Redirect";
    Response r = new Response(status, ("<a href=\"" + location + "\">" + text + "</a>.\n")
        .getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");
    r.headers.put("Location", location);
    return r;
  }

  public Response header(String name, String value) {
    headers.put(name, value);
    return this;
  }
}
