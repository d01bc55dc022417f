package io.biggerfleet.dashboard.internal;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Operator sessions, in memory: 256-bit random ids and CSRF tokens, 8 hours each (a restart logs
 * everyone out). At most {@value #MAX} at once; the oldest lapse first. Thread-safe.
 */
final class Sessions {
  static final String COOKIE = "bfd_session";
  private static final int MAX = 1000;
  private static final Duration TTL = Duration.ofHours(8);
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> byId = new ConcurrentHashMap<>();
  private final Map<String, String> flashes = new ConcurrentHashMap<>();

  Session create(String operator) {
    if (byId.size() >= MAX) {
      byId.values().stream()
          .min(java.util.Comparator.comparing(Session::expires))
          .ifPresent(this::remove);
    }
    Session s = new Session(token(), operator, token(), Instant.now().plus(TTL));
    byId.put(s.id(), s);
    return s;
  }

  Optional<Session> find(String id) {
    if (id.isEmpty()) {
      return Optional.empty();
    }
    Session s = byId.get(id);
    if (s != null && s.expires().isBefore(Instant.now())) {
      byId.remove(id);
      return Optional.empty();
    }
    return Optional.ofNullable(s);
  }

  void remove(Session s) {
    byId.remove(s.id());
    flashes.remove(s.id());
  }

  /** Keeps a one-time notice for the session's next page (what an action did), server-side. */
  void flash(Session s, String message) {
    flashes.put(s.id(), message);
  }

  /** The session's pending notice, once; {@code ""} when none. */
  String takeFlash(Session s) {
    String m = s == null ? null : flashes.remove(s.id());
    return m == null ? "" : m;
  }

  /** The Set-Cookie value for a session: HttpOnly, SameSite=Strict, whole site. */
  static String cookie(Session s) {
    return COOKIE + "=" + s.id() + "; Path=/; HttpOnly; SameSite=Strict; Max-Age="
        + TTL.toSeconds();
  }

  static String clearCookie() {
    return COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
  }

  private String token() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
