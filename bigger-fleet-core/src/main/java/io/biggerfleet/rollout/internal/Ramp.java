package io.biggerfleet.rollout.internal;

import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutRun;
import java.time.Instant;

/**
 * The minute arithmetic of rate caps ({@link io.biggerfleet.model.RateRamp}): minutes count from the
 * step's start, and the posts of the current minute are kept in the rollout's run
 * ({@link RolloutRun#rampMinute()}, {@link RolloutRun#rampPosts()}), written in the same store batch as
 * the posts' POSTING records — so a restarted engine knows the count exactly. Pure and stateless.
 */
final class Ramp {
  private Ramp() {}

  /** The start (epoch ms) of the minute {@code now} is in, counted from the current step's start. */
  static long minuteStart(RolloutRun run, Instant now) {
    long start = run.stepStartedAt().orElse(now).toEpochMilli();
    return start + Math.floorDiv(now.toEpochMilli() - start, 60_000L) * 60_000L;
  }

  /** Posts already made in the minute starting at {@code minuteStart}. */
  static int postsSince(RolloutRun run, long minuteStart) {
    return run.rampMinute() == minuteStart ? run.rampPosts() : 0;
  }

  /** {@code r} with {@code n} more posts counted in the minute of {@code now}, if its current step has a rate cap. */
  static Rollout counted(Rollout r, Instant now, int n) {
    RolloutRun run = r.run();
    if (n == 0 || r.pacing(run.currentStep()).rate().isNone()) {
      return r;
    }
    long m = minuteStart(run, now);
    return r.withRun(run.toBuilder().ramp(m, postsSince(run, m) + n).build());
  }
}
