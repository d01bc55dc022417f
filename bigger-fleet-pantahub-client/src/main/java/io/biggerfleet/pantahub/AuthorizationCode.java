package io.biggerfleet.pantahub;

import java.util.Objects;

/**
 * A short-lived (5 minutes) code by which a user grants a third-party app access
 * ({@code POST /auth/code}); the app exchanges it with {@link PantahubAuth#exchangeAppCode}. It is a
 * credential: {@link #toString()} hides it. Immutable and thread-safe.
 */
public final class AuthorizationCode {
  private final String code;
  private final String redirectUri;
  private final String scopes;

  AuthorizationCode(String code, String redirectUri, String scopes) {
    this.code = Objects.requireNonNull(code, "code");
    this.redirectUri = redirectUri;
    this.scopes = scopes;
  }

  /** The code itself; hand it only to the app. */
  public String code() {
    return code;
  }

  /** Where the hub says to send the user: the app's redirect URI with {@code code} and {@code state}. */
  public String redirectUri() {
    return redirectUri;
  }

  /** The granted scopes as the hub echoed them. */
  public String scopes() {
    return scopes;
  }

  @Override
  public String toString() {
    return "AuthorizationCode[scopes=" + scopes + "]";
  }
}
