package io.biggerfleet.pantahub;

/**
 * The hub answered 403 Forbidden: the caller may not do this (not the owner, a SESSION token where a
 * USER token is needed, a missing {@code User-Agent}), or the token lacks a scope
 * ({@link #insufficientScope()}, from {@code WWW-Authenticate: Bearer ... error="insufficient_scope"}).
 * Note that Pantahub also answers 403 for some "not found" cases (e.g. an unknown object). See
 * {@link PantahubException}.
 */
public class PantahubForbiddenException extends PantahubException {
  private static final long serialVersionUID = 1L;
  private final boolean insufficientScope;

  public PantahubForbiddenException(
      String message, String errorId, String method, String path, boolean insufficientScope) {
    super(message, 403, errorId, method, path, null);
    this.insufficientScope = insufficientScope;
  }

  /** True if the token lacks a scope the route needs (log in again with a wider scope). */
  public boolean insufficientScope() {
    return insufficientScope;
  }
}
