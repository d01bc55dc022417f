package io.biggerfleet.pantahub;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A personal access token as {@code POST /tokens/} created it. The {@link #secret()} is shown only
 * once by the hub; log in with {@code PantahubClient.builder().login(name(), secret())}.
 * {@link #toString()} hides the secret. Immutable and thread-safe.
 */
public final class PersonalAccessToken {
  private final String id;
  private final String name;
  private final String prn;
  private final char[] secret;
  private final List<String> scopes;
  private final Instant expiresAt;

  PersonalAccessToken(
      String id, String name, String prn, String secret, List<String> scopes, Instant expiresAt) {
    this.id = Objects.requireNonNull(id, "id");
    this.name = name;
    this.prn = prn;
    this.secret = secret.toCharArray();
    this.scopes = List.copyOf(scopes);
    this.expiresAt = expiresAt;
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public String prn() {
    return prn;
  }

  /** The secret (a copy). Note: Pantahub cannot log in with secrets containing '-' or '_'. */
  public char[] secret() {
    return secret.clone();
  }

  public List<String> scopes() {
    return scopes;
  }

  /** When it expires, if the hub said. */
  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  @Override
  public String toString() {
    return "PersonalAccessToken[" + name + " " + prn + " scopes=" + scopes
        + (expiresAt == null ? "" : " expires " + expiresAt) + "]";
  }
}
