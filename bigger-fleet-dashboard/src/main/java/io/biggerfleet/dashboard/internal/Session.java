package io.biggerfleet.dashboard.internal;

import java.time.Instant;

/**
 * A logged-in operator: the session id (the cookie, never rendered), the operator's name, the CSRF
 * token every action form carries, and when the session lapses. Immutable.
 */
record Session(String id, String operator, String csrf, Instant expires) {
  @Override
  public String toString() {
    return "Session[" + operator + "]"; // never the id or the token
  }
}
