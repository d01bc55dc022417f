package io.biggerfleet;

/**
 * Thrown when an argument is malformed or out of the allowed range: a device id such as {@code "a@"},
 * a tag with a space, a group path without a leading slash. The message names the bad value and the
 * rule it breaks. Whatever operation was attempted changed nothing.
 */
public class InvalidInputException extends FleetException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }
}
