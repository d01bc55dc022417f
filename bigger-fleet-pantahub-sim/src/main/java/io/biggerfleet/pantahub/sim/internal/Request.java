package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/** One HTTP request as the handlers see it. Confined to the handling thread. Not API. */
public final class Request {
  final String method;
  final String path;
  final String rawQuery;
  final Map<String, List<String>> query;
  final Headers headers;
  final byte[] body;
  Matcher match;
  Claims caller;

  Request(String method, String path, String rawQuery, Headers headers, byte[] body) {
    this.method = method;
    this.path = path;
    this.rawQuery = rawQuery;
    this.query = parseQuery(rawQuery);
    this.headers = headers;
    this.body = body;
  }

  /** Path group {@code i} of the matched route. */
  public String group(int i) {
    return match.group(i);
  }

  public Claims caller() {
    return caller;
  }

  /** The caller, or 401 when the request carries no token. */
  public Claims requireCaller(Hub hub) {
    if (caller == null) {
      throw HubException.notAuthorized(hub.authEndpoint());
    }
    return caller;
  }

  /** First value of a query parameter or null. */
  public String param(String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  public Map<String, List<String>> params() {
    return query;
  }

  public String header(String name) {
    return headers.getFirst(name);
  }

  public byte[] body() {
    return body;
  }

  public boolean hasBody() {
    return body.length > 0;
  }

  /** The body as JSON, or null when absent or malformed. */
  public JsonNode json() {
    return body.length == 0 ? null : Json.parseOrNull(body);
  }

  /** The body parsed as {@code application/x-www-form-urlencoded}. */
  public Map<String, List<String>> form() {
    return parseQuery(new String(body, StandardCharsets.UTF_8));
  }

  private static Map<String, List<String>> parseQuery(String raw) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return m;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        k = URLDecoder.decode(k, StandardCharsets.UTF_8);
        v = URLDecoder.decode(v, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        // keep the raw text, like a lenient Go parser would for odd escapes
      }
      m.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return m;
  }
}
