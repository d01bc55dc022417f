package io.biggerfleet;

/**
 * Thrown when an operation names something the fleet does not have: an unknown device, group or
 * rollout. {@link #kind()} says what was looked for ("device", "group", "rollout") and {@link #key()}
 * the name used. Nothing changed.
 */
public class NotFoundException extends FleetException {
  private static final long serialVersionUID = 1L;
  private final String kind;
  private final String key;

  public NotFoundException(String kind, String key) {
    super("Unknown " + kind + " '" + key + "'");
    this.kind = kind;
    this.key = key;
  }

  /** What was looked for, e.g. {@code "device"}. */
  public String kind() {
    return kind;
  }

  /** The name or id that was not found. */
  public String key() {
    return key;
  }
}
