package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biggerfleet.pantahub.sim.internal.Router.Auth;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The PKCE flow for CLIs ({@code /auth/oauth/authorize}, {@code /auth/oauth/token}) and a tiny consent
 * page standing in for the hub's web UI: the user logs in and picks which devices to entrust (the
 * walkthrough's resource selector); tokens from that code see only those devices. Not API.
 */
final class PkceApi {
  private static final Duration CODE_VALIDITY = Duration.ofSeconds(300);
  /** Go's http.TimeFormat. */
  private static final java.time.format.DateTimeFormatter HTTP_DATE =
      java.time.format.DateTimeFormatter.ofPattern(
          "EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.US);

  private final Hub hub;

  PkceApi(Hub hub) {
    this.hub = hub;
  }

  void routes(Router r) {
    r.add("GET", "/auth/oauth/authorize", Auth.NONE, null, this::authorize);
    r.add(
        "GET",
        "/auth/sim/consent",
        Auth.NONE,
        null,
        req -> Response.html(loginPage(req.param("auth_code"), "")));
    r.add("POST", "/auth/sim/consent", Auth.NONE, null, this::consentLogin);
    r.add("POST", "/auth/sim/consent/devices", Auth.NONE, null, this::consentDevices);
    r.add("POST", "/auth/oauth/token", Auth.NONE, null, this::token);
  }

  private Response authorize(Request req) {
    String clientId = req.param("client_id");
    String redirect = req.param("redirect_uri");
    String challenge = req.param("code_challenge");
    String method = req.param("code_challenge_method");
    if (empty(clientId) || empty(redirect) || empty(challenge) || empty(method)) {
      throw HubException.restWithMsg(
          400, "client_id, redirect_uri, code_challenge and code_challenge_method are required");
    }
    if (!"S256".equals(method)) {
      throw HubException.restWithMsg(400, "code_challenge_method must be S256");
    }
    String host;
    try {
      host = URI.create(redirect).getHost();
    } catch (IllegalArgumentException e) {
      host = null;
    }
    if (!"localhost".equals(host) && !"127.0.0.1".equals(host)) {
      throw HubException.restWithMsg(400, "redirect_uri must be a localhost callback");
    }
    PkceRec rec = new PkceRec(
        Ids.newObjectId(),
        clientId,
        redirect,
        challenge,
        req.param("scope") == null ? "" : req.param("scope"),
        req.param("state") == null ? "" : req.param("state"),
        hub.clock.instant().plus(CODE_VALIDITY));
    synchronized (hub) {
      hub.pkce.put(rec.id, rec);
    }
    String location =
        hub.base() + "/auth/sim/consent?client_id=" + enc(clientId) + "&auth_code=" + rec.id;
    // As the real hub (utils.SetCookie): both cookies, Path=/, expiring with the record, HttpOnly,
    // Lax.
    String attributes =
        "; Path=/; Expires=" + HTTP_DATE.format(rec.expires.atOffset(java.time.ZoneOffset.UTC))
            + "; HttpOnly; SameSite=Lax";
    return Response.redirect(307, location)
        .addHeader("Set-Cookie", "pkce_auth_code=" + rec.id + attributes)
        .addHeader("Set-Cookie", "pkce_redirect_uri=" + cookieValue(redirect) + attributes);
  }

  /** Go's http.Cookie value rule: quoted when it holds a space or a comma; bytes it cannot send dropped. */
  private static String cookieValue(String v) {
    StringBuilder sb = new StringBuilder(v.length());
    for (char c : v.toCharArray()) {
      if (c >= 0x20 && c < 0x7f && c != '"' && c != ';' && c != '\\') {
        sb.append(c);
      }
    }
    String s = sb.toString();
    return s.indexOf(' ') >= 0 || s.indexOf(',') >= 0 ? '"' + s + '"' : s;
  }

  private PkceRec live(String code) {
    PkceRec rec = code == null ? null : hub.pkce.get(code);
    if (rec == null || !hub.clock.instant().isBefore(rec.expires)) {
      throw HubException.restWithMsg(400, "Authorization code is invalid or expired");
    }
    return rec;
  }

  private Response consentLogin(Request req) {
    Map<String, List<String>> form = req.form();
    String code = first(form, "auth_code");
    synchronized (hub) {
      PkceRec rec = live(code);
      UserRec u = hub.usersByLogin.get(first(form, "username"));
      if (u == null || !u.passwordMatches(first(form, "password"))) {
        return Response.html(loginPage(code, "Wrong username or password."));
      }
      rec.userPrn = u.prn;
      StringBuilder html = new StringBuilder(page("Entrust devices to " + esc(rec.clientId)))
          .append("<form method=\"post\" action=\"/auth/sim/consent/devices\">")
          .append("<input type=\"hidden\" name=\"auth_code\" value=\"")
          .append(esc(code))
          .append("\">")
          .append(
              "<p>Select the devices the app may see and manage (none selected = all):</p><ul>");
      for (DeviceRec d : hub.devices.values()) {
        if (d.owner.equals(u.prn) && !d.garbage) {
          html.append("<li><label><input type=\"checkbox\" name=\"device\" value=\"")
              .append(d.id)
              .append("\"> ")
              .append(esc(d.nick))
              .append(" <code>")
              .append(d.id)
              .append("</code></label></li>");
        }
      }
      html.append("</ul><button type=\"submit\">Allow</button></form></body></html>");
      return Response.html(html.toString());
    }
  }

  private Response consentDevices(Request req) {
    Map<String, List<String>> form = req.form();
    synchronized (hub) {
      PkceRec rec = live(first(form, "auth_code"));
      if (rec.userPrn == null) {
        throw HubException.restWithMsg(400, "log in first");
      }
      Set<String> chosen = new HashSet<>();
      for (String id : form.getOrDefault("device", List.of())) {
        DeviceRec d = hub.devices.get(id);
        if (d == null || !d.owner.equals(rec.userPrn)) {
          throw HubException.restWithMsg(400, "device " + id + " is not yours");
        }
        chosen.add(id);
      }
      rec.devices = Set.copyOf(chosen);
      String sep = rec.redirectUri.contains("?") ? "&" : "?";
      return Response.redirect(
          302, rec.redirectUri + sep + "code=" + rec.id + "&state=" + enc(rec.state));
    }
  }

  private Response token(Request req) {
    JsonNode body = AuthApi.authBody(req);
    if (!"authorization_code".equals(body.path("grant_type").asText())) {
      throw HubException.restWithMsg(400, "grant_type must be authorization_code");
    }
    synchronized (hub) {
      PkceRec rec = live(body.path("access-code").asText(null));
      if (rec.userPrn == null) {
        throw HubException.restWithMsg(400, "Authorization code is invalid or expired");
      }
      String verifier = body.path("code_verifier").asText("");
      String computed = Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(Ids.sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
      if (!MessageDigest.isEqual(
          computed.getBytes(StandardCharsets.US_ASCII),
          rec.challenge.getBytes(StandardCharsets.US_ASCII))) {
        throw HubException.restWithMsg(400, "Code verifier is invalid");
      }
      if (!rec.redirectUri.equals(body.path("redirect_uri").asText(""))) {
        throw HubException.restWithMsg(400, "redirect_uri does not match");
      }
      hub.pkce.remove(rec.id); // single use
      UserRec u = hub.usersByPrn.get(rec.userPrn);
      ObjectNode c = Json.object();
      c.put("id", u.nick);
      c.put("nick", u.nick);
      c.put("prn", u.prn);
      c.put("roles", u.roles);
      c.put("type", "USER");
      c.put("scopes", AuthApi.scopes(rec.scope));
      String tokenId = "prn:::pkce:/" + rec.id;
      c.put("token_id", tokenId);
      hub.grants.put(tokenId, rec.devices);
      ObjectNode out = Json.object();
      out.put("token", hub.issue(c, hub.anonTimeout));
      out.put("token_type", "bearer");
      return Response.indented(out);
    }
  }

  private static String loginPage(String code, String error) {
    return page("Pantahub simulator - log in")
        + (error.isEmpty() ? "" : "<p><b>" + esc(error) + "</b></p>")
        + "<form method=\"post\" action=\"/auth/sim/consent\">"
        + "<input type=\"hidden\" name=\"auth_code\" value=\"" + esc(code == null ? "" : code)
        + "\">"
        + "<label>User <input name=\"username\"></label> <label>Password <input name=\"password\" type=\"password\">"
        + "</label> <button type=\"submit\">Log in</button></form></body></html>";
  }

  private static String page(String title) {
    return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + title
        + "</title></head><body><h1>" + title + "</h1>";
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static boolean empty(String s) {
    return s == null || s.isEmpty();
  }

  private static String first(Map<String, List<String>> m, String k) {
    List<String> v = m.get(k);
    return v == null || v.isEmpty() ? null : v.get(0);
  }
}
