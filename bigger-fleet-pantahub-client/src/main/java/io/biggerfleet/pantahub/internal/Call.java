package io.biggerfleet.pantahub.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** One HTTP call to the hub, as the facades describe it to {@link Transport}. Internal; not API. */
public final class Call {
  final String method;
  final String path;
  final List<String[]> query = new ArrayList<>();
  JsonNode body;
  boolean retrySafe;
  boolean authenticated = true;
  String explicitBearer;
  final Set<Integer> accepted = new HashSet<>();

  private Call(String method, String path, boolean retrySafe) {
    this.method = method;
    this.path = path;
    this.retrySafe = retrySafe;
  }

  public static Call get(String path) {
    return new Call("GET", path, true);
  }

  public static Call put(String path, JsonNode body) {
    return new Call("PUT", path, true).body(body);
  }

  public static Call patch(String path, JsonNode body) {
    return new Call("PATCH", path, true).body(body);
  }

  /** A POST; not retried unless {@link #retrySafe()} says otherwise. */
  public static Call post(String path, JsonNode body) {
    return new Call("POST", path, false).body(body);
  }

  public Call body(JsonNode b) {
    this.body = b;
    return this;
  }

  /** Adds a query parameter (encoded when sent). */
  public Call query(String name, String value) {
    query.add(new String[] {name, value});
    return this;
  }

  /** Marks a POST as safe to repeat (login, lookups). */
  public Call retrySafe() {
    this.retrySafe = true;
    return this;
  }

  /** Sends no Authorization header. */
  public Call anonymous() {
    this.authenticated = false;
    return this;
  }

  /** Sends this token instead of the session's, without the 401 refresh-and-replay. */
  public Call bearer(String token) {
    this.explicitBearer = token;
    return this;
  }

  /** Treats this status as a normal response (e.g. 409 for object creation). */
  public Call accept(int status) {
    accepted.add(status);
    return this;
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  String pathAndQuery() {
    if (query.isEmpty()) {
      return path;
    }
    StringBuilder sb = new StringBuilder(path).append('?');
    for (int i = 0; i < query.size(); i++) {
      if (i > 0) {
        sb.append('&');
      }
      sb.append(encode(query.get(i)[0])).append('=').append(encode(query.get(i)[1]));
    }
    return sb.toString();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** {@code GET /devices/} — for messages. */
  public String describe() {
    return method + " " + path;
  }
}
