package io.biggerfleet.pantahub;

/**
 * No usable response arrived: the connection failed or dropped, or the call timed out, and the retry
 * policy gave up (or the call was not safe to retry). {@link #status()} is 0; the cause is the I/O
 * error. For a step post this means the outcome is unknown: look the step up by its marker
 * ({@link io.biggerfleet.spi.DeviceTrails#find}) before posting again. See {@link PantahubException}.
 */
public class PantahubTransportException extends PantahubException {
  private static final long serialVersionUID = 1L;

  public PantahubTransportException(String message, String method, String path, Throwable cause) {
    super(message, 0, null, method, path, cause);
  }
}
