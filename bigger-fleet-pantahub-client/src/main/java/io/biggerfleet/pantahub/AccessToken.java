package io.biggerfleet.pantahub;

import com.fasterxml.jackson.databind.JsonNode;
import io.biggerfleet.pantahub.internal.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * A Pantahub bearer token (a JWT) and, when its payload says, when it expires ({@code exp}, unix
 * seconds). Tokens from {@code /auth/token} carry no {@code exp}: they do not expire.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the token; use {@link #value()} only
 * to hand it to a {@link TokenStore} or an HTTP header.
 */
public final class AccessToken {
  private final String value;
  private final Instant expiresAt;

  private AccessToken(String value, Instant expiresAt) {
    this.value = value;
    this.expiresAt = expiresAt;
  }

  /**
   * Wraps a token as the hub issued it. The expiry is read from the JWT payload when it has a numeric
   * {@code exp}; a token that is not a JWT is accepted as an opaque, non-expiring token.
   *
   * @throws IllegalArgumentException if the token is blank or contains whitespace (the message does
   *     not repeat it)
   */
  public static AccessToken of(String token) {
    Objects.requireNonNull(token, "token");
    if (token.isBlank() || token.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("Access token is blank or contains whitespace");
    }
    return new AccessToken(token, expiryOf(token));
  }

  private static Instant expiryOf(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return null;
    }
    try {
      byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
      JsonNode claims = Json.MAPPER.readTree(new String(payload, StandardCharsets.UTF_8));
      JsonNode exp = claims == null ? null : claims.get("exp");
      return exp != null && exp.isNumber() ? Instant.ofEpochSecond(exp.asLong()) : null;
    } catch (IllegalArgumentException | java.io.IOException e) {
      return null;
    }
  }

  /** The token itself. Handle with care: it grants access to the user's devices. */
  public String value() {
    return value;
  }

  /** When the token expires; empty for tokens without {@code exp}. */
  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  /** True if the token has an expiry and {@code now} is at or past it. */
  public boolean isExpiredAt(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AccessToken && ((AccessToken) o).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /** {@code AccessToken[expires 2024-05-02T13:00:00Z]} — never the token. */
  @Override
  public String toString() {
    return "AccessToken[" + (expiresAt == null ? "no expiry" : "expires " + expiresAt) + "]";
  }
}
