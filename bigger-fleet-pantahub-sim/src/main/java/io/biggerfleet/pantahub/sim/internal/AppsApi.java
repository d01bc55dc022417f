package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biggerfleet.pantahub.sim.internal.Router.Auth;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Third-party apps: {@code /apps} registration, the app's own login (SERVICE token, in {@link AuthApi}),
 * {@code POST /auth/code} (user grants scopes to an app) and {@code POST /auth/token} (the app
 * exchanges the code for a token that acts as the user). Not API.
 */
final class AppsApi {
  private static final long CODE_SECONDS = 300;
  private final Hub hub;

  AppsApi(Hub hub) {
    this.hub = hub;
  }

  void routes(Router r) {
    r.notImplemented(
        "GET",
        "/apps/scopes"); // public on the real hub; its answer's shape is not in the reference
    r.add("POST", "/apps/", Auth.REQUIRED, null, this::create);
    r.add("GET", "/apps/", Auth.REQUIRED, null, this::list);
    r.add("GET", "/apps/([^/]+)", Auth.REQUIRED, null, this::get);
    r.add("POST", "/auth/code", Auth.REQUIRED, null, this::code);
    r.add("POST", "/auth/token", Auth.REQUIRED, null, this::token);
  }

  private Response create(Request req) {
    if (!req.caller.isUserOrSession()) {
      throw HubException.rest(403, "users only");
    }
    JsonNode body = req.json();
    if (body == null || !body.isObject()) {
      throw HubException.rest(400, "cannot decode app");
    }
    String type = body.path("type").asText("");
    if (!List.of("public", "confidential", "pkce").contains(type)) {
      throw HubException.restWithMsg(400, "type must be public, confidential or pkce");
    }
    String name = body.path("name").asText("");
    if (name.isEmpty()) {
      throw HubException.restWithMsg(400, "name is required");
    }
    String nick = body.path("nick").asText("");
    if (nick.isEmpty()) {
      nick = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }
    List<String> uris = new ArrayList<>();
    body.path("redirect_uris").forEach(u -> uris.add(u.asText()));
    List<String> scopes = new ArrayList<>();
    body.path("scopes").forEach(s -> scopes.add(s.path("id").asText()));
    String secret = "confidential".equals(type) ? Ids.secret(32) : null;
    synchronized (hub) {
      String n = nick;
      if (hub.apps.values().stream().anyMatch(a -> a.nick.equals(n))) {
        throw HubException.restWithMsg(409, "app nick already exists");
      }
      AppRec app = new AppRec(
          Ids.newObjectId(),
          name,
          nick,
          type,
          req.caller.prn(),
          uris,
          scopes,
          secret == null ? null : Ids.sha256(secret.getBytes(StandardCharsets.UTF_8)),
          hub.clock.instant());
      hub.apps.put(app.id, app);
      ObjectNode out = view(app);
      if (secret != null) {
        out.put("secret", secret);
      }
      return Response.json(out);
    }
  }

  private Response list(Request req) {
    ArrayNode out = Json.array();
    synchronized (hub) {
      hub.apps.values().stream()
          .filter(a -> a.owner.equals(req.caller.prn()))
          .forEach(a -> out.add(view(a)));
    }
    return Response.json(out);
  }

  private Response get(Request req) {
    synchronized (hub) {
      AppRec app = find(req.group(1));
      if (app == null || !app.owner.equals(req.caller.prn())) {
        throw HubException.rest(404, "app not found");
      }
      return Response.json(view(app));
    }
  }

  private AppRec find(String idPrnOrNick) {
    for (AppRec a : hub.apps.values()) {
      if (a.id.equals(idPrnOrNick) || a.prn().equals(idPrnOrNick) || a.nick.equals(idPrnOrNick)) {
        return a;
      }
    }
    return null;
  }

  private ObjectNode view(AppRec a) {
    ObjectNode n = Json.object();
    n.put("id", a.id);
    n.put("name", a.name);
    n.put("logo", "");
    n.put("type", a.type);
    n.put("nick", a.nick);
    n.put("prn", a.prn());
    n.put("owner", a.owner);
    UserRec u = hub.usersByPrn.get(a.owner);
    n.put("owner-nick", u == null ? "" : u.nick);
    ArrayNode uris = n.putArray("redirect_uris");
    a.redirectUris.forEach(uris::add);
    ArrayNode scopes = n.putArray("scopes");
    a.scopes.forEach(
        s -> scopes.addObject().put("id", s).put("service", "prn:pantahub.com:apis:/base"));
    n.put("time-created", Json.time(a.created));
    n.put("time-modified", Json.time(a.created));
    return n;
  }

  /** User → {@code POST /auth/code}: a 5-minute code for the app, limited to scopes the app declared. */
  private Response code(Request req) {
    if (!req.caller.isUserOrSession()) {
      throw HubException.rest(403, "users only");
    }
    JsonNode body = AuthApi.authBody(req);
    String scopes = body.path("scopes").asText("");
    String redirect = body.path("redirect_uri").asText("");
    synchronized (hub) {
      AppRec app = find(body.path("service").asText(""));
      if (app == null) {
        throw HubException.restWithMsg(400, "unknown service");
      }
      for (String s : scopes.split(" ")) {
        String shortId =
            s.startsWith(Claims.SCOPE_PREFIX) ? s.substring(Claims.SCOPE_PREFIX.length()) : s;
        if (!s.isEmpty() && !app.scopes.contains(shortId)) {
          throw HubException.restWithMsg(400, "scope " + s + " is not a scope of the app");
        }
      }
      if (!redirect.isEmpty() && app.redirectUris.stream().noneMatch(redirect::startsWith)) {
        throw HubException.restWithMsg(400, "redirect_uri does not match the app");
      }
      if ("public".equals(app.type) && "code".equals(body.path("response_type").asText(""))) {
        throw HubException.restWithMsg(400, "public apps cannot use response_type code");
      }
      ObjectNode c = Json.object();
      c.put("user", req.caller.prn());
      c.put("app", app.prn());
      c.put("scopes", AuthApi.scopes(scopes));
      c.put("exp", hub.clock.instant().getEpochSecond() + CODE_SECONDS);
      String code = hub.jwt().signHs(c);
      ObjectNode out = Json.object();
      out.put("code", code);
      out.put("scopes", c.get("scopes").asText());
      String sep = redirect.contains("?") ? "&" : "?";
      out.put(
          "redirect_uri",
          redirect + sep + "code=" + code + "&state="
              + URLEncoder.encode(body.path("state").asText(""), StandardCharsets.UTF_8));
      return Response.indented(out);
    }
  }

  /** App (SERVICE token) → {@code POST /auth/token}: a non-expiring token acting as the user. */
  private Response token(Request req) {
    if (!"SERVICE".equals(req.caller.type())) {
      throw HubException.rest(403, "the app's own (SERVICE) token is required");
    }
    JsonNode body = AuthApi.authBody(req);
    ObjectNode c = hub.jwt().verifyHs(body.path("access-code").asText(""));
    if (c == null
        || c.path("exp").asLong() <= hub.clock.instant().getEpochSecond()
        || !c.path("app").asText().equals(req.caller.prn())) {
      throw HubException.restWithMsg(400, "Authorization code is invalid or expired");
    }
    synchronized (hub) {
      UserRec u = hub.usersByPrn.get(c.path("user").asText());
      if (u == null) {
        throw HubException.restWithMsg(400, "Authorization code is invalid or expired");
      }
      ObjectNode claims = Json.object();
      claims.put("id", u.nick);
      claims.put("nick", u.nick);
      claims.put("prn", u.prn);
      claims.put("roles", u.roles);
      claims.put("type", "USER");
      claims.put("aud", c.path("app").asText());
      claims.put("scopes", c.path("scopes").asText());
      claims.put("token_id", "prn:::auth-tokens:/" + Ids.newObjectId());
      claims.put("orig_iat", hub.clock.instant().getEpochSecond());
      ObjectNode out = Json.object();
      out.put("token", hub.jwt().sign(claims));
      out.put("token_type", "bearer");
      out.put("scopes", c.path("scopes").asText());
      return Response.indented(out);
    }
  }
}
