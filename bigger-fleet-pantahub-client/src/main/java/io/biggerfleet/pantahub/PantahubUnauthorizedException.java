package io.biggerfleet.pantahub;

/** The hub answered 401 Not Authorized: no token, or the token expired and could not be renewed (after one refresh and replay). See {@link PantahubException}. */
public class PantahubUnauthorizedException extends PantahubException {
  private static final long serialVersionUID = 1L;

  public PantahubUnauthorizedException(
      String message, int status, String errorId, String method, String path) {
    super(message, status, errorId, method, path, null);
  }
}
