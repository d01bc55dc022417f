package io.biggerfleet.pantahub;

import io.biggerfleet.FleetException;
import java.util.Optional;

/**
 * A Pantahub call failed: the hub answered with an error status, sent a body the client cannot
 * understand, or could not be reached ({@link PantahubTransportException}). Carries the HTTP
 * {@link #status()} (0 when no response arrived), the server's incident id (the {@code error} field,
 * e.g. {@code REST-ERR-ID-1714650123456789012}), the request's method and path (without query string).
 *
 * <p>Subtypes name the cases a caller can act on: {@link PantahubNotFoundException},
 * {@link PantahubUnauthorizedException}, {@link PantahubForbiddenException},
 * {@link PantahubRateLimitedException}, {@link PantahubConflictException},
 * {@link PantahubTransportException}. Messages never contain tokens, passwords, device secrets or
 * signed URLs. Immutable.
 */
public class PantahubException extends FleetException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String errorId;
  private final String method;
  private final String path;

  /**
   * @param message what went wrong, for a person (no secrets)
   * @param status HTTP status, or 0 if there was no response
   * @param errorId the server's incident id, or {@code null}
   * @param method HTTP method of the failed call
   * @param path path of the failed call, without query
   * @param cause underlying cause, or {@code null}
   */
  public PantahubException(
      String message, int status, String errorId, String method, String path, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.errorId = errorId;
    this.method = method;
    this.path = path;
  }

  /** The HTTP status, or 0 when no response arrived. */
  public int status() {
    return status;
  }

  /** The server's incident id ({@code error} field of the error body), if it sent one. */
  public Optional<String> errorId() {
    return Optional.ofNullable(errorId);
  }

  /** The HTTP method of the failed call, e.g. {@code POST}. */
  public String method() {
    return method;
  }

  /** The path of the failed call, e.g. {@code /trails/6634f0c2a7b1e4001f3c9a51/steps}, no query. */
  public String path() {
    return path;
  }
}
