package io.biggerfleet.rollout.internal;

import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.spi.FleetStore;
import io.biggerfleet.spi.Versioned;
import java.util.HashMap;
import java.util.Map;

/**
 * Which rollout holds which device: a device belongs to at most one rollout that
 * {@linkplain io.biggerfleet.model.RolloutState#holdsDevices() holds devices} (ACTIVE, PAUSED, ERROR)
 * unless it was aborted or rolled back there. Read from the store each time; stateless.
 */
final class DeviceHolders {
  private DeviceHolders() {}

  /** Devices held by rollouts other than {@code except} (ACTIVE, PAUSED, ERROR), with their holder. */
  static Map<DeviceId, String> except(FleetStore store, String except) {
    Map<DeviceId, String> m = new HashMap<>();
    for (Versioned<Rollout> o : store.rollouts()) {
      Rollout r = o.value();
      if (r.name().equals(except) || !r.state().holdsDevices()) {
        continue;
      }
      for (Versioned<DeviceRolloutProgress> rec : store.progress(r.name())) {
        DeviceStatus s = rec.value().status();
        if (s != DeviceStatus.ABORTED && s != DeviceStatus.ROLLED_BACK) {
          m.putIfAbsent(rec.value().device(), r.name());
        }
      }
    }
    return m;
  }
}
