package io.biggerfleet.dashboard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The hook through which the embedding app decides who may act (pause, resume, approve, abort, retry,
 * backout) on its dashboard: given the name and secret typed into the dashboard's login form, it returns the
 * operator's name, or empty to refuse. Without one ({@link FleetDashboard.Builder#auth}), the dashboard
 * is read-only.
 *
 * <pre>{@code
 * FleetDashboard.builder(fleet).auth(DashboardAuth.token("ops", System.getenv("DASHBOARD_TOKEN").toCharArray())).start();
 * FleetDashboard.builder(fleet).auth((user, secret) -> myUsers.check(user, secret) ? Optional.of(user) : Optional.empty()).start();
 * }</pre>
 *
 * <p>Implementations must be thread-safe and quick; they must not keep or log the secret (the
 * dashboard zeroes the array after the call).
 */
@FunctionalInterface
public interface DashboardAuth {

  /**
   * The operator these credentials belong to, or empty if they are not valid.
   *
   * @param user the name typed into the login form (may be empty)
   * @param secret the password or token typed; zeroed by the caller afterwards
   */
  Optional<String> authenticate(String user, char[] secret);

  /**
   * One operator, {@code operator}, who logs in with any name and the secret {@code token} (compared in
   * constant time). The token is copied.
   *
   * @throws IllegalArgumentException if the token is shorter than 8 characters
   */
  static DashboardAuth token(String operator, char[] token) {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(token, "token");
    if (token.length < 8) {
      throw new IllegalArgumentException(
          "A dashboard token needs at least 8 characters, this one has " + token.length);
    }
    byte[] expected = digest(token);
    return (user, secret) -> secret != null && MessageDigest.isEqual(expected, digest(secret))
        ? Optional.of(operator)
        : Optional.empty();
  }

  private static byte[] digest(char[] secret) {
    java.nio.ByteBuffer buf = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(secret));
    byte[] bytes = new byte[buf.remaining()];
    buf.get(bytes);
    Arrays.fill(buf.array(), (byte) 0);
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
