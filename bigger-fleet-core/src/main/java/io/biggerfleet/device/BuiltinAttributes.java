package io.biggerfleet.device;

import java.util.Set;

/**
 * Names of the attributes every {@link Device} has for free. They are reserved: a value with one of
 * these names reported by the device or set in the registry is replaced by the built-in one.
 *
 * <table>
 *   <caption>Built-in attributes</caption>
 *   <tr><th>name</th><th>source</th><th>value</th></tr>
 *   <tr><td>{@code Device-Id}</td><td>REGISTRY</td><td>the full {@link DeviceId}, {@code id@registry}</td></tr>
 *   <tr><td>{@code Device-Name}</td><td>REGISTRY</td><td>the device's nick</td></tr>
 *   <tr><td>{@code Registry}</td><td>REGISTRY</td><td>the registry name</td></tr>
 *   <tr><td>{@code Revision}</td><td>SYSTEM</td><td>running revision (absent if unknown)</td></tr>
 *   <tr><td>{@code Last-Seen}</td><td>SYSTEM</td><td>ISO-8601 instant (absent if never seen)</td></tr>
 *   <tr><td>{@code Online}</td><td>SYSTEM</td><td>{@code true} or {@code false}</td></tr>
 *   <tr><td>{@code Fleet-Tags}</td><td>FLEET</td><td>the fleet tags, comma-separated, sorted (absent if none)</td></tr>
 * </table>
 */
public final class BuiltinAttributes {
  public static final String DEVICE_ID = "Device-Id";
  public static final String DEVICE_NAME = "Device-Name";
  public static final String REGISTRY = "Registry";
  public static final String REVISION = "Revision";
  public static final String LAST_SEEN = "Last-Seen";
  public static final String ONLINE = "Online";
  public static final String FLEET_TAGS = "Fleet-Tags";

  /** Every built-in name. */
  public static final Set<String> NAMES =
      Set.of(DEVICE_ID, DEVICE_NAME, REGISTRY, REVISION, LAST_SEEN, ONLINE, FLEET_TAGS);

  private BuiltinAttributes() {}

  /** True if {@code name} is one of the built-in names. */
  public static boolean isBuiltin(String name) {
    return NAMES.contains(name);
  }
}
