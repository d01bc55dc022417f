package io.biggerfleet.pantahub.sim.internal;

import java.time.Instant;
import java.util.SplittableRandom;

/** Per-device state of the simulated updater. Guarded by the hub lock. Not API. */
final class DeviceAgent {
  /** The step being worked on, or null when idle. */
  StepRec current;
  /** Next phase index of {@link #current}. */
  int phase;
  /** Status this agent last reported for {@link #current} (to notice owner cancel/wontgo). */
  String lastStatus;
  /** Decision for {@link #current}. */
  Decision decision;
  /** Randomness for {@link #current}, seeded from (seed, device, rev). */
  SplittableRandom rnd;
  /** Time of the pending wake-up, or null. */
  Instant wakeAt;
  /** Revs whose offline episode has already happened. */
  int offlineDoneRev = -1;
}
