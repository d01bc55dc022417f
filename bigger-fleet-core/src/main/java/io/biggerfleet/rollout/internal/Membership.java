package io.biggerfleet.rollout.internal;

import io.biggerfleet.device.DeviceId;
import io.biggerfleet.group.SelectorResolver;
import io.biggerfleet.model.Rollout;
import java.util.Arrays;
import java.util.SortedSet;

/**
 * Which device goes into which step: base set ∩ step selector, minus devices of earlier steps; FINAL
 * takes the rest. A pure function of the rollout and what the resolver says now.
 */
final class Membership {
  final DeviceId[] ids;
  final byte[] step;
  final int[] perStep;

  private Membership(DeviceId[] ids, byte[] step, int steps) {
    this.ids = ids;
    this.step = step;
    this.perStep = new int[steps];
    for (byte s : step) {
      perStep[s - 1]++;
    }
  }

  static Membership of(Rollout r, SelectorResolver resolver) {
    SortedSet<DeviceId> base = resolver.resolve(r.devices());
    DeviceId[] ids = base.toArray(new DeviceId[0]);
    byte[] step = new byte[ids.length];
    java.util.Map<String, SortedSet<DeviceId>> resolved = new java.util.HashMap<>();
    resolved.put(r.devices(), base);
    for (int s = 1; s <= r.steps().size(); s++) {
      // one snapshot per distinct selector: steps repeating a selector see the same set
      for (DeviceId id :
          resolved.computeIfAbsent(r.steps().get(s - 1).selector(), resolver::resolve)) {
        int i = Arrays.binarySearch(ids, id);
        if (i >= 0 && step[i] == 0) {
          step[i] = (byte) s;
        }
      }
    }
    byte fin = (byte) r.stepCount();
    for (int i = 0; i < step.length; i++) {
      if (step[i] == 0) {
        step[i] = fin;
      }
    }
    return new Membership(ids, step, r.stepCount());
  }

  boolean contains(DeviceId id) {
    return Arrays.binarySearch(ids, id) >= 0;
  }
}
