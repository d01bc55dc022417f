package io.biggerfleet.dashboard.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Set;

/**
 * The dashboard's request checks. On loopback, the {@code Host} header must name a loopback host
 * (a page on another site that rebinds its DNS name to 127.0.0.1 cannot read the dashboard). A
 * state-changing request (every POST) must come from the dashboard's own origin ({@code Origin}, or
 * {@code Referer} when a browser sends no Origin) and, once logged in, carry the session's CSRF token.
 * Thread-safe.
 */
final class Guard {
  static final String CSRF_FIELD = "_csrf";
  private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]");

  private final boolean loopback;

  Guard(boolean loopback) {
    this.loopback = loopback;
  }

  /** True if the Host header is acceptable (always, off loopback, where a login guards every page). */
  boolean hostAllowed(Request r) {
    if (!loopback) {
      return true;
    }
    String host = r.header("Host").toLowerCase(Locale.ROOT);
    int colon = host.lastIndexOf(':');
    String name = colon > 0 && !host.endsWith("]") ? host.substring(0, colon) : host;
    return LOOPBACK_HOSTS.contains(name);
  }

  /** True if a POST comes from a page of this dashboard (same scheme, host and port). */
  boolean sameOrigin(Request r) {
    String expected = "http://" + r.header("Host");
    String origin = r.header("Origin");
    if (!origin.isEmpty()) {
      return origin.equals(expected);
    }
    String referer = r.header("Referer");
    return referer.equals(expected) || referer.startsWith(expected + "/");
  }

  /** True if the form's CSRF field matches the session's token (constant-time). */
  boolean csrfValid(Request r, Session s) throws IOException {
    String sent = r.form(CSRF_FIELD);
    return s != null
        && !sent.isEmpty()
        && MessageDigest.isEqual(
            sent.getBytes(StandardCharsets.UTF_8), s.csrf().getBytes(StandardCharsets.UTF_8));
  }
}
