package io.biggerfleet.pantahub.sim.internal;

import io.biggerfleet.pantahub.sim.Rule;
import java.time.Duration;

/**
 * What the rules decided for one (device, step): FAIL, REFUSE or null (success) with its message, an
 * optional offline episode before pickup, and the delay multiplier. Immutable. Not API.
 */
record Decision(Rule.Action outcome, String message, Duration offlineFor, double slow) {
  static final Decision SUCCESS = new Decision(null, null, null, 1.0);
}
