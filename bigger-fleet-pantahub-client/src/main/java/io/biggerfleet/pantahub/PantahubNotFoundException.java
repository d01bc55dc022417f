package io.biggerfleet.pantahub;

/** The hub answered 404 Not Found: the device, trail, step or object does not exist (or the hub hides it). See {@link PantahubException}. */
public class PantahubNotFoundException extends PantahubException {
  private static final long serialVersionUID = 1L;

  public PantahubNotFoundException(
      String message, int status, String errorId, String method, String path) {
    super(message, status, errorId, method, path, null);
  }
}
