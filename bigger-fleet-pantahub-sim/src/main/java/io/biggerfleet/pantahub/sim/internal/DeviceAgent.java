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
  /** The revision the device ran when it picked {@link #current} up (where a failed try-boot returns). */
  int previousRev;
  /** An order for the next update the device picks up, or null. */
  Decision.Order order;
  /** Taken offline through the API: no reports until brought back. */
  boolean forcedOffline;
  /** Stopped reporting (a HANG decision) until a new order releases it. */
  boolean hung;
  /** The last update that ended DONE and the revision before it (for an on-demand roll-back). */
  StepRec lastDone;

  int lastDoneFrom;
  /** A DONE step to roll back at the next wake-up, its message and the revision to return to. */
  StepRec rollBackStep;

  String rollBackMessage;
  int rollBackTo;
}
