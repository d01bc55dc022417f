package io.biggerfleet.pantahub;

import java.time.Duration;
import java.util.Optional;

/**
 * The hub answered 429 Too Many Requests and the retry policy gave up (or the call was not safe to
 * retry). {@link #retryAfter()} is the server's {@code Retry-After}, if it sent one. See
 * {@link PantahubException}.
 */
public class PantahubRateLimitedException extends PantahubException {
  private static final long serialVersionUID = 1L;
  private final Duration retryAfter;

  public PantahubRateLimitedException(
      String message, String errorId, String method, String path, Duration retryAfter) {
    super(message, 429, errorId, method, path, null);
    this.retryAfter = retryAfter;
  }

  /** How long the server asked the client to wait, if it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
