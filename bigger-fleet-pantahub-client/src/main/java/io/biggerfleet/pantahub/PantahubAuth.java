package io.biggerfleet.pantahub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biggerfleet.InvalidInputException;
import io.biggerfleet.pantahub.internal.Call;
import io.biggerfleet.pantahub.internal.Json;
import io.biggerfleet.pantahub.internal.Mapping;
import io.biggerfleet.pantahub.internal.Session;
import io.biggerfleet.pantahub.internal.Transport;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Authentication beyond the automatic login of {@link PantahubClient.Builder#login}: who am I, the
 * browser (PKCE) login used by CLIs, third-party-app delegation ({@code /auth/code} +
 * {@code /auth/token}), personal access tokens ({@code /tokens/}) and logout.
 *
 * <p>Thread-safe. Errors: {@link PantahubException}s; tokens and codes never appear in messages.
 */
public final class PantahubAuth {
  /** Prefix of full scope ids. */
  public static final String SCOPE_PREFIX = "prn:pantahub.com:apis:/base/";

  private final Transport transport;
  private final Session session;
  private final TokenStore store;
  private final String hub;
  private final Clock clock;

  PantahubAuth(Transport transport, Session session, TokenStore store, String hub, Clock clock) {
    this.transport = transport;
    this.session = session;
    this.store = store;
    this.hub = hub;
    this.clock = clock;
  }

  /** The token's claims ({@code GET /auth/auth_status}); logs in first if needed. */
  public AuthStatus status() {
    String ep = "GET /auth/auth_status";
    JsonNode n = transport.json(Call.get("/auth/auth_status"));
    if (n == null || !n.isObject()) {
      throw Mapping.malformed(ep, "expected the token's claims object");
    }
    String scopes = n.path("scopes").asText("");
    JsonNode exp = n.get("exp");
    return new AuthStatus(
        Mapping.requiredText(n, "prn", ep),
        n.path("nick").asText(""),
        n.path("type").asText(""),
        scopes.isBlank() ? List.of() : Arrays.asList(scopes.trim().split("\\s+")),
        exp != null && exp.isNumber() ? Instant.ofEpochSecond(exp.asLong()) : null);
  }

  /**
   * The token the client currently uses, logging in or refreshing as needed; for handing to another
   * process. Empty-handed clients (no credentials, no stored token) get a
   * {@link PantahubUnauthorizedException}.
   */
  public AccessToken currentToken() {
    String t = session.bearer();
    if (t == null) {
      throw new PantahubUnauthorizedException(
          "Not logged in to " + hub + ": no credentials and no stored token",
          401,
          null,
          "GET",
          "/auth/login");
    }
    return session.current();
  }

  /**
   * Keeps the login alive for a long-running process that may not call the hub for a while: the token,
   * refreshed first ({@code GET /auth/login}, which needs the token still valid; the new one is saved to
   * the token store) if it expires within {@code validFor} (at least two minutes). Call it more often
   * than the token lives, e.g. once per round with the time until the next round:
   * {@code RolloutRunner.builder(..).keepAlive(() -> hub.auth().currentToken(interval.plusMinutes(2)))}.
   * A hub that refuses the refresh (past its refresh window, 24 h after the login by default) leaves
   * the token as it is until it expires.
   *
   * @return the token in use afterwards
   * @throws PantahubUnauthorizedException if there is no token, or it expired and cannot be renewed
   */
  public AccessToken currentToken(java.time.Duration validFor) {
    Objects.requireNonNull(validFor, "validFor");
    String t = session.bearer(validFor);
    if (t == null) {
      throw new PantahubUnauthorizedException(
          "Not logged in to " + hub + ": no credentials and no stored token",
          401,
          null,
          "GET",
          "/auth/login");
    }
    return session.current();
  }

  /** Starts configuring a browser (PKCE) login against this hub. */
  public BrowserLogin.Builder browserLogin() {
    return new BrowserLogin.Builder(transport, session, clock);
  }

  /**
   * As the user: grants the app {@code appPrn} the given scopes ({@code POST /auth/code}). The app
   * receives the code at {@code redirectUri} and calls {@link #exchangeAppCode}.
   *
   * @param scopes short (e.g. {@code devices.readonly}) or full scope ids
   */
  public AuthorizationCode authorizeApp(
      String appPrn, List<String> scopes, URI redirectUri, String state) {
    Objects.requireNonNull(appPrn, "app PRN");
    Objects.requireNonNull(redirectUri, "redirect URI");
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("service", appPrn);
    body.put("scopes", String.join(" ", fullScopes(scopes)));
    body.put("redirect_uri", redirectUri.toString());
    body.put("state", state == null ? "" : state);
    body.put("response_type", "code");
    JsonNode n = transport.json(Call.post("/auth/code", body));
    return new AuthorizationCode(
        Mapping.requiredText(n, "code", "POST /auth/code"),
        n.path("redirect_uri").asText(""),
        n.path("scopes").asText(""));
  }

  /**
   * As the app (this client logged in with the app's PRN and secret): exchanges a user's code for a
   * token that acts as the user within the granted scopes ({@code POST /auth/token}). Such tokens do
   * not expire. Build a client for the user with {@code newBuilder().token(token)}.
   */
  public AccessToken exchangeAppCode(String accessCode, String comment) {
    Objects.requireNonNull(accessCode, "access code");
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("access-code", accessCode);
    if (comment != null) {
      body.put("comment", comment);
    }
    return Session.tokenFrom(transport.json(Call.post("/auth/token", body)), "POST", "/auth/token");
  }

  /**
   * Creates a personal access token ({@code POST /tokens/}, USER tokens only).
   *
   * @param scopes short or full scope ids (sent as full PRNs)
   * @param expireAt when it expires; {@code null} = the hub's default (one year)
   */
  public PersonalAccessToken createPersonalToken(
      String name, List<String> scopes, Instant expireAt) {
    Objects.requireNonNull(name, "token name");
    String ep = "POST /tokens/";
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("name", name);
    ArrayNode sc = body.putArray("scopes");
    fullScopes(scopes).forEach(sc::add);
    if (expireAt != null) {
      body.put("expire-at", expireAt.toString());
    }
    JsonNode n = transport.json(Call.post("/tokens/", body));
    List<String> got = new ArrayList<>();
    n.path("scopes").forEach(s -> got.add(s.asText()));
    return new PersonalAccessToken(
        Mapping.requiredText(n, "id", ep),
        n.path("name").asText(name),
        n.path("prn").asText(""),
        Mapping.requiredText(n, "secret", ep),
        got,
        Mapping.time(n, "expire-at", ep));
  }

  /**
   * Forgets the stored token of this hub (the client keeps working until it needs a new one). Pantahub
   * has no call to revoke a login token (JWTs are checked by signature and expiry only), so a copy of
   * the token stays valid until it expires and can be refreshed within the hub's refresh window;
   * personal access tokens are revoked with {@code DELETE /tokens/{id}}.
   */
  public void logout() {
    if (store != null) {
      store.remove(hub);
    }
  }

  static List<String> fullScopes(List<String> scopes) {
    List<String> out = new ArrayList<>();
    for (String s : scopes) {
      if (s == null || s.isBlank() || s.chars().anyMatch(Character::isWhitespace)) {
        throw new InvalidInputException(
            "Scope '" + s + "' is blank or contains spaces; give one scope id per entry");
      }
      out.add(s.startsWith("prn:") ? s : SCOPE_PREFIX + s);
    }
    if (out.isEmpty()) {
      throw new InvalidInputException("At least one scope is needed, e.g. devices.readonly");
    }
    return out;
  }

  @Override
  public String toString() {
    return "PantahubAuth[" + hub + "]";
  }
}
