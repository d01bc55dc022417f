package io.biggerfleet.pantahub;

/** The hub answered 409 Conflict: the thing already exists (e.g. a device nick). Object uploads treat 409 as success and do not throw this. See {@link PantahubException}. */
public class PantahubConflictException extends PantahubException {
  private static final long serialVersionUID = 1L;

  public PantahubConflictException(
      String message, int status, String errorId, String method, String path) {
    super(message, status, errorId, method, path, null);
  }
}
