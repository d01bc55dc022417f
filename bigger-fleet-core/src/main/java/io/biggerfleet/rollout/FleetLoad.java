package io.biggerfleet.rollout;

import io.biggerfleet.model.DeviceStatus;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counters of the load rollouts put on the fleet, over every rollout the engine drives: devices per
 * {@link DeviceStatus}, and updates in flight (posted and not yet ended). Immutable snapshot.
 */
public final class FleetLoad {
  private final Map<DeviceStatus, Long> byStatus;
  private final int rollouts;
  private final long listenerFailures;

  public FleetLoad(Map<DeviceStatus, Long> byStatus, int rollouts, long listenerFailures) {
    EnumMap<DeviceStatus, Long> m = new EnumMap<>(DeviceStatus.class);
    for (DeviceStatus s : DeviceStatus.values()) {
      m.put(s, byStatus.getOrDefault(s, 0L));
    }
    this.byStatus = Collections.unmodifiableMap(m);
    this.rollouts = rollouts;
    this.listenerFailures = listenerFailures;
  }

  /** Devices per status (every status present, 0 when none). */
  public Map<DeviceStatus, Long> byStatus() {
    return byStatus;
  }

  /** Steps posted to devices that have not ended yet (POSTING, POSTED, IN_PROGRESS). */
  public long inFlight() {
    return byStatus.get(DeviceStatus.POSTING)
        + byStatus.get(DeviceStatus.POSTED)
        + byStatus.get(DeviceStatus.IN_PROGRESS);
  }

  /** Rollouts the engine drives or watches now. */
  public int rollouts() {
    return rollouts;
  }

  /** Listener calls that threw since the engine started. */
  public long listenerFailures() {
    return listenerFailures;
  }

  @Override
  public String toString() {
    return "FleetLoad[" + rollouts + " rollouts, in flight " + inFlight() + ", " + byStatus + "]";
  }
}
