package io.biggerfleet.rollout;

import io.biggerfleet.FleetException;
import io.biggerfleet.device.DeviceId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Thrown when activating a rollout would put devices into two running rollouts at once (a device may
 * be in only one ACTIVE, PAUSED or ERROR rollout). {@link #conflicts()} lists every device in conflict
 * with the rollout that holds it; the message names the first ones. Nothing changed.
 */
public class RolloutConflictException extends FleetException {
  private static final long serialVersionUID = 1L;
  private static final int SHOWN = 20;
  private final transient Map<DeviceId, String> conflicts;

  public RolloutConflictException(String rollout, Map<DeviceId, String> conflicts) {
    super(message(rollout, conflicts));
    this.conflicts = java.util.Collections.unmodifiableMap(new TreeMap<>(conflicts));
  }

  private static String message(String rollout, Map<DeviceId, String> conflicts) {
    List<String> shown = new TreeMap<>(conflicts)
        .entrySet().stream()
            .limit(SHOWN)
            .map(e -> e.getKey() + " (in " + e.getValue() + ")")
            .collect(Collectors.toList());
    return "Cannot activate rollout '" + rollout + "': " + conflicts.size() + " device"
        + (conflicts.size() == 1 ? " is" : "s are") + " already in a running rollout: "
        + String.join(", ", shown)
        + (conflicts.size() > SHOWN ? ", and " + (conflicts.size() - SHOWN) + " more" : "");
  }

  /** Each conflicting device and the rollout holding it, sorted by device. */
  public Map<DeviceId, String> conflicts() {
    return conflicts;
  }
}
