package io.biggerfleet.model;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Every value a {@link Rollout} holds, in one immutable record: a rollout equals another when these do.
 * {@code parent} and {@code detour} may be null (not a backout; no reroute). Thread-safe.
 */
record RolloutValues(
    String name,
    RolloutKind kind,
    String parent,
    RolloutState state,
    Change change,
    Change detour,
    String message,
    String devices,
    StepConfig defaults,
    List<RolloutStep> steps,
    DeviceRetry retry,
    LateJoinerPolicy lateJoiners,
    GateFailurePolicy onGateFailure,
    Instant createdAt,
    RolloutRun run,
    ZoneId timezone) {

  RolloutValues {
    steps = List.copyOf(steps);
  }
}
