package io.biggerfleet.pantahub.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biggerfleet.pantahub.AccessToken;
import io.biggerfleet.pantahub.PantahubException;
import io.biggerfleet.pantahub.PantahubUnauthorizedException;
import io.biggerfleet.pantahub.TokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * The client's token: loaded from the token store, obtained by password login, refreshed with
 * {@code GET /auth/login} shortly before its {@code exp}, renewed once after a 401. Thread-safe (one
 * refresh at a time). Internal; not API.
 */
public final class Session {
  /** Refresh this long before {@code exp}. */
  static final Duration REFRESH_AHEAD = Duration.ofMinutes(2);

  private final Transport transport;
  private final String username;
  private final char[] password;
  private final String scope;
  private final TokenStore store;
  private final String hub;
  private AccessToken current;
  private boolean loaded;
  /** The hub refused to refresh {@link #current}; use it as it is until it expires. */
  private boolean refreshRefused;

  /**
   * @param username login name, {@code null} if the session cannot log in by itself
   * @param password copied; {@code null} with username
   * @param initial a token to start with, or {@code null}
   */
  public Session(
      Transport transport,
      String username,
      char[] password,
      String scope,
      AccessToken initial,
      TokenStore store,
      String hub) {
    this.transport = transport;
    this.username = username;
    this.password = password == null ? null : Arrays.copyOf(password, password.length);
    this.scope = scope;
    this.store = store;
    this.hub = hub;
    this.current = initial;
    this.loaded = initial != null;
  }

  /** True if this session can obtain a token on its own (it holds credentials). */
  public boolean canLogIn() {
    return username != null;
  }

  /** The token to send now, refreshed if it is about to expire; {@code null} for anonymous use. */
  public synchronized String bearer() {
    return bearer(REFRESH_AHEAD);
  }

  /**
   * Like {@link #bearer()}, refreshing when the token expires within {@code ahead} (at least the
   * usual two minutes): for long-running callers that keep a login alive between calls.
   */
  public synchronized String bearer(Duration ahead) {
    Duration refreshAhead = ahead.compareTo(REFRESH_AHEAD) > 0 ? ahead : REFRESH_AHEAD;
    if (!loaded) {
      loaded = true;
      if (store != null) {
        current = store.load(hub).orElse(null);
      }
    }
    Instant now = transport.clock().instant();
    if (current == null) {
      if (!canLogIn()) {
        return null;
      }
      adopt(login());
    } else if (current.expiresAt().isPresent()
        && !now.isBefore(current.expiresAt().get().minus(refreshAhead))
        && (!refreshRefused || current.isExpiredAt(now))) {
      try {
        renewNow(now);
      } catch (PantahubUnauthorizedException e) {
        if (current.isExpiredAt(now)) {
          throw e;
        }
        // refresh refused (e.g. past the hub's refresh window) but the token still works for a
        // while
        refreshRefused = true;
      }
    }
    return current.value();
  }

  /** Called after a 401 with {@code used}: refreshes unless another thread already did. */
  public synchronized void renew(String used) {
    if (current != null && !current.value().equals(used)) {
      return;
    }
    renewNow(transport.clock().instant());
  }

  /** Replaces the token (browser login, delegated token) and stores it. */
  public synchronized void adopt(AccessToken token) {
    current = token;
    refreshRefused = false;
    loaded = true;
    if (store != null) {
      store.save(hub, token);
    }
  }

  /** The current token without refreshing, if any. */
  public synchronized AccessToken current() {
    return current;
  }

  private void renewNow(Instant now) {
    if (current != null && !current.isExpiredAt(now)) {
      try {
        adopt(refresh(current));
        return;
      } catch (PantahubUnauthorizedException e) {
        if (!canLogIn()) {
          throw new PantahubUnauthorizedException(
              "The Pantahub token was rejected and could not be refreshed; " + "log in again",
              401,
              e.errorId().orElse(null),
              e.method(),
              e.path());
        }
      }
    }
    if (!canLogIn()) {
      throw new PantahubUnauthorizedException(
          "The Pantahub token " + (current == null ? "is missing" : "expired")
              + " and the client has no credentials to log in again; log in again",
          401,
          null,
          "GET",
          "/auth/login");
    }
    adopt(login());
  }

  private AccessToken refresh(AccessToken token) {
    JsonNode n = transport.json(Call.get("/auth/login").bearer(token.value()));
    return tokenFrom(n, "GET", "/auth/login");
  }

  private AccessToken login() {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("username", username);
    body.put("password", new String(password));
    body.put("scope", scope == null ? "" : scope);
    JsonNode n = transport.json(Call.post("/auth/login", body).anonymous().retrySafe());
    return tokenFrom(n, "POST", "/auth/login");
  }

  /** Reads {@code {"token": "..."}}. */
  public static AccessToken tokenFrom(JsonNode n, String method, String path) {
    JsonNode t = n == null ? null : n.get("token");
    if (t == null || !t.isTextual() || t.asText().isBlank()) {
      throw new PantahubException(
          method + " " + path + " returned no token (expected {\"token\":\"...\"})",
          200,
          null,
          method,
          path,
          null);
    }
    try {
      return AccessToken.of(t.asText());
    } catch (IllegalArgumentException e) {
      throw new PantahubException(
          method + " " + path + " returned a malformed token", 200, null, method, path, null);
    }
  }

  @Override
  public String toString() {
    return "Session[" + (username == null ? "token" : "login " + username) + ", " + current + "]";
  }
}
