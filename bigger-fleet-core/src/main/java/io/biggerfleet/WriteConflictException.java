package io.biggerfleet;

/**
 * Thrown by a {@link io.biggerfleet.spi.FleetStore} when a versioned write finds that the record
 * changed since it was read (optimistic concurrency). The whole batch was rejected; nothing was
 * written. Re-read and try again; {@link FleetClient} does so itself for its own operations.
 */
public class WriteConflictException extends FleetException {
  private static final long serialVersionUID = 1L;

  public WriteConflictException(String message) {
    super(message);
  }
}
