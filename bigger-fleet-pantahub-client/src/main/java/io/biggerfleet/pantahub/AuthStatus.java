package io.biggerfleet.pantahub;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who the client's token speaks for ({@code GET /auth/auth_status}): the account PRN (identify callers
 * by it, never by {@code id}), nick, token type ({@code USER}, {@code SESSION}, {@code SERVICE}, ...),
 * scopes and expiry. Immutable and thread-safe.
 */
public final class AuthStatus {
  private final String prn;
  private final String nick;
  private final String type;
  private final List<String> scopes;
  private final Instant expiresAt;

  AuthStatus(String prn, String nick, String type, List<String> scopes, Instant expiresAt) {
    this.prn = Objects.requireNonNull(prn, "prn");
    this.nick = nick;
    this.type = type;
    this.scopes = List.copyOf(scopes);
    this.expiresAt = expiresAt;
  }

  public String prn() {
    return prn;
  }

  public String nick() {
    return nick;
  }

  /** Token type: USER, SESSION, DEVICE, SERVICE or CLIENT. */
  public String type() {
    return type;
  }

  /** Full scope PRNs, e.g. {@code prn:pantahub.com:apis:/base/all}. */
  public List<String> scopes() {
    return scopes;
  }

  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof AuthStatus)) {
      return false;
    }
    AuthStatus a = (AuthStatus) o;
    return a.prn.equals(prn)
        && a.nick.equals(nick)
        && a.type.equals(type)
        && a.scopes.equals(scopes)
        && Objects.equals(a.expiresAt, expiresAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(prn, nick, type, scopes, expiresAt);
  }

  @Override
  public String toString() {
    return "AuthStatus[" + nick + " " + prn + " " + type + " scopes=" + scopes + "]";
  }
}
