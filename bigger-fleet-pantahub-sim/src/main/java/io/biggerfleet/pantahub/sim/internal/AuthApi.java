package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biggerfleet.pantahub.sim.internal.Router.Auth;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Collectors;

/** {@code /auth}: password, device and personal-access-token login, refresh, auth_status. Not API. */
final class AuthApi {
  private final Hub hub;

  AuthApi(Hub hub) {
    this.hub = hub;
  }

  void routes(Router r) {
    r.add("POST", "/auth/login", Auth.NONE, null, this::login);
    r.add("GET", "/auth/login", Auth.REQUIRED, null, this::refresh);
    r.add(
        "GET",
        "/auth/auth_status",
        Auth.REQUIRED,
        null,
        req -> Response.indented(req.caller.node()));
    r.add("GET", "/auth/", Auth.REQUIRED, null, this::account);
  }

  /** 415 when a body is sent without {@code Content-Type: application/json}; 400 when not JSON. */
  static JsonNode authBody(Request req) {
    if (req.hasBody()) {
      String ct = req.header("Content-Type");
      if (ct == null || !ct.toLowerCase().startsWith("application/json")) {
        throw HubException.rest(415, "Content-Type must be application/json");
      }
    }
    JsonNode body = req.json();
    if (body == null || !body.isObject()) {
      throw HubException.rest(400, "cannot decode body");
    }
    return body;
  }

  private Response login(Request req) {
    if (req.header("User-Agent") == null || req.header("User-Agent").isEmpty()) {
      throw HubException.rest(403, "User-Agent header required");
    }
    JsonNode body = authBody(req);
    String username = body.path("username").asText("");
    String password = body.path("password").asText("");
    String scopes = scopes(body.path("scope").asText(""));
    ObjectNode claims;
    synchronized (hub) {
      claims = userClaims(username, password);
      if (claims == null) {
        claims = deviceClaims(username, password);
      }
      if (claims == null) {
        claims = appClaims(username, password);
      }
      if (claims != null) {
        claims.put("scopes", scopes);
        return Response.indented(Json.object().put("token", hub.issue(claims, hub.tokenTimeout)));
      }
      ObjectNode pat = patClaims(username, password);
      if (pat != null) {
        return Response.indented(Json.object().put("token", hub.issue(pat, hub.anonTimeout)));
      }
    }
    throw HubException.rest(401, "bad credentials");
  }

  private ObjectNode userClaims(String username, String password) {
    UserRec u = hub.usersByLogin.get(username);
    if (u == null || !u.passwordMatches(password)) {
      return null;
    }
    ObjectNode c = Json.object();
    c.put("id", username);
    c.put("nick", u.nick);
    c.put("prn", u.prn);
    c.put("roles", u.roles);
    c.put("type", "USER");
    return c;
  }

  private ObjectNode deviceClaims(String username, String password) {
    if (!username.startsWith("prn:::devices:/")) {
      return null;
    }
    DeviceRec d = hub.devices.get(username.substring("prn:::devices:/".length()));
    if (d == null
        || d.secret.isEmpty()
        || !MessageDigest.isEqual(
            d.secret.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8))) {
      return null;
    }
    ObjectNode c = Json.object();
    c.put("id", d.prn);
    c.put("nick", d.nick);
    c.put("prn", d.prn);
    c.put("owner", d.owner);
    c.put("roles", "device");
    c.put("type", "DEVICE");
    return c;
  }

  /** A confidential third-party app logging in as its PRN with its secret: a SERVICE token. */
  private ObjectNode appClaims(String username, String password) {
    for (AppRec a : hub.apps.values()) {
      if (a.prn().equals(username)
          && a.secretHash != null
          && MessageDigest.isEqual(
              a.secretHash, Ids.sha256(password.getBytes(StandardCharsets.UTF_8)))) {
        ObjectNode c = Json.object();
        c.put("id", a.prn());
        c.put("nick", a.nick);
        c.put("prn", a.prn());
        c.put("roles", "service");
        c.put("type", "SERVICE");
        return c;
      }
    }
    return null;
  }

  /** Personal access token login; like the real hub, the base64url secret is decoded as standard base64. */
  private ObjectNode patClaims(String name, String secret) {
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(secret);
    } catch (IllegalArgumentException e) {
      return null; // secrets with '-' or '_' fail here on the real hub too
    }
    String text = new String(decoded, StandardCharsets.UTF_8);
    int colon = text.indexOf(':');
    if (colon < 0) {
      return null;
    }
    PatRec p = hub.pats.get(text.substring(0, colon));
    if (p == null
        || p.deleted
        || !p.name.equals(name)
        || !hub.clock.instant().isBefore(p.expireAt)
        || !MessageDigest.isEqual(
            p.secretHash, Ids.sha256(secret.getBytes(StandardCharsets.UTF_8)))) {
      return null;
    }
    UserRec u = hub.usersByPrn.get(p.owner);
    ObjectNode c = Json.object();
    c.put("id", p.name);
    c.put("nick", u == null ? "" : u.nick);
    c.put("prn", p.owner);
    c.put("roles", "user");
    c.put("type", p.type);
    c.put("scopes", p.scopes);
    c.put("token_id", "prn:::auth-tokens:/" + p.id);
    return c;
  }

  /** Space-separated short or full scope ids to full PRNs; empty means {@code all}. */
  static String scopes(String requested) {
    String s = Arrays.stream(requested.trim().split("[\\s,]+"))
        .filter(x -> !x.isEmpty())
        .map(x -> x.startsWith("prn:") ? x : Claims.SCOPE_PREFIX + x)
        .collect(Collectors.joining(" "));
    return s.isEmpty() ? Claims.SCOPE_PREFIX + "all" : s;
  }

  private Response refresh(Request req) {
    ObjectNode claims = req.caller.node();
    long origIat = claims.path("orig_iat").asLong(0);
    Instant now = hub.clock.instant();
    if (origIat + hub.maxRefresh.toSeconds() < now.getEpochSecond()) {
      throw HubException.notAuthorized(hub.authEndpoint());
    }
    return Response.indented(Json.object().put("token", hub.issue(claims, hub.tokenTimeout)));
  }

  private Response account(Request req) {
    synchronized (hub) {
      UserRec u = hub.usersByPrn.get(req.caller.prn());
      if (u == null) {
        throw HubException.rest(404, "account not found");
      }
      ObjectNode n = Json.object();
      n.put("type", "USER");
      n.put("email", u.email);
      n.put("nick", u.nick);
      n.put("prn", u.prn);
      n.put("time-created", Json.time(u.created));
      n.put("time-modified", Json.time(u.created));
      return Response.indented(n);
    }
  }
}
