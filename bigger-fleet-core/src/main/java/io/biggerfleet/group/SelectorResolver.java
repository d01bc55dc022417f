package io.biggerfleet.group;

import io.biggerfleet.device.DeviceId;
import java.util.SortedSet;

/**
 * Turns a selector — what tags, rollouts and steps target — into the set of devices it means now.
 * A selector is one of: a group path ({@code /co/cisco/121XPs}; {@code /} is every device), a device
 * path ({@code /co/cisco/121XPs/DEVICEID-5@cisco.com}) or bare device id, a glob over group paths
 * ({@code /location/trading-floor/*}), or an inline match expression.
 *
 * <p><b>Thread-safety:</b> implementations are safe for concurrent use. <b>Errors:</b> a malformed
 * selector → {@link io.biggerfleet.InvalidInputException}; an unknown group path or device →
 * {@link io.biggerfleet.NotFoundException}.
 */
@FunctionalInterface
public interface SelectorResolver {

  /** The devices {@code selector} selects now, sorted by id. */
  SortedSet<DeviceId> resolve(String selector);
}
