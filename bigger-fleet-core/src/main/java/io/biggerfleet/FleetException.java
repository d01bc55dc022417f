package io.biggerfleet;

/**
 * Base of every exception Bigger Fleet throws on purpose. Unchecked, like the JDK's own runtime errors:
 * callers catch the subtype they can act on ({@link InvalidInputException}, {@link NotFoundException},
 * {@link WriteConflictException}) and let the rest propagate.
 *
 * <p>Messages are written for the person at the keyboard: they name the bad value and where it came
 * from. They never carry secrets (tokens, device secrets).
 */
public class FleetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FleetException(String message) {
    super(message);
  }

  public FleetException(String message, Throwable cause) {
    super(message, cause);
  }
}
