package io.biggerfleet.pantahub.sim.internal;

import io.biggerfleet.pantahub.sim.Rule;
import java.time.Duration;

/**
 * What the rules (or an order given through the simulator's API) decided for one (device, step):
 * FAIL, REFUSE or null (success) with its message, an optional offline episode before pickup, the delay
 * multiplier, whether the device hangs (stops reporting) and, when not null, the message with which it
 * rolls back after reporting DONE. Immutable. Not API.
 */
record Decision(
    Rule.Action outcome,
    String message,
    Duration offlineFor,
    double slow,
    boolean hang,
    String rollBack) {
  static final Decision SUCCESS = new Decision(null, null, null, 1.0, false, null);

  Decision(Rule.Action outcome, String message, Duration offlineFor, double slow) {
    this(outcome, message, offlineFor, slow, false, null);
  }

  /** This decision with {@code order} applied (the order wins over the rules). */
  Decision with(Order order) {
    return switch (order.kind()) {
      case FAIL -> new Decision(Rule.Action.FAIL, order.message(), null, slow, false, null);
      case SUCCEED -> new Decision(null, null, null, slow, false, null);
      case HANG -> new Decision(outcome, message, null, slow, true, rollBack);
      case ROLL_BACK -> new Decision(null, null, null, slow, false, order.message());
    };
  }

  /** An order given on demand for the update in progress or the next one. */
  record Order(Kind kind, String message) {
    enum Kind {
      FAIL,
      SUCCEED,
      HANG,
      ROLL_BACK
    }
  }
}
