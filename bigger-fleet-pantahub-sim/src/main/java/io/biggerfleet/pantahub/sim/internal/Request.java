package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/** One HTTP request as the handlers see it. Confined to the handling thread. Not API. */
public final class Request {
  final String method;
  final String path;
  final String rawQuery;
  final Map<String, List<String>> query;
  final Map<String, List<String>> headers;
  final byte[] body;
  Matcher match;
  Claims caller;
  /** Whether the peer connected from a loopback address. */
  boolean loopback;

  /** {@code headers}: a case-insensitive map (or null for none). */
  Request(
      String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {
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
    List<String> v = headers == null ? null : headers.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
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
    return RequestTarget.query(raw);
  }
}
