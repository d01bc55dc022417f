package io.biggerfleet.pantahub.sim.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A device's trail: its steps by rev (index == rev). Guarded by the hub lock. Not API. */
public final class TrailRec {
  final String id;
  /** Changes only when an unclaimed device is claimed. */
  String owner;

  final String device;
  Instant lastTouched;
  final List<StepRec> steps = new ArrayList<>(2);

  TrailRec(String id, String owner, String device, Instant created) {
    this.id = id;
    this.owner = owner;
    this.device = device;
    this.lastTouched = created;
  }

  StepRec latest() {
    return steps.get(steps.size() - 1);
  }

  StepRec step(int rev) {
    return rev >= 0 && rev < steps.size() ? steps.get(rev) : null;
  }
}
