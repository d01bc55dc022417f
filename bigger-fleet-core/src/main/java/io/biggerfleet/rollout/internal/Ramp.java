package io.biggerfleet.rollout.internal;

import io.biggerfleet.rollout.DeviceRolloutProgress;
import io.biggerfleet.rollout.Rollout;
import io.biggerfleet.rollout.RateRamp;
import io.biggerfleet.spi.Versioned;
import java.util.List;

/**
 * How many posts a plan made in the current minute, for {@link RateRamp} caps. Crash-safe by
 * recomputation: a reloaded plan counts, per device, the store's last write of a device that was posted
 * at least once ({@code attempt ≥ 1}); a report written later in the same minute counts too, so after a
 * restart the count errs high (fewer posts), never low.
 *
 * <p>Not thread-safe: part of a {@link Plan}.
 */
final class Ramp {
  /** Per device: epoch ms of its latest recorded post (or later write); null when no step has a rate. */
  private long[] postedAt;
  private long minute = Long.MIN_VALUE;
  private int posts;

  /** Loads the post times from stored records (same order as the plan's ids) when a step of {@code r} has a rate. */
  void load(Rollout r, List<Versioned<DeviceRolloutProgress>> recs) {
    if (!needed(r)) {
      return;
    }
    postedAt = new long[recs.size()];
    for (int i = 0; i < recs.size(); i++) {
      DeviceRolloutProgress rec = recs.get(i).value();
      postedAt[i] = rec.attempt() >= 1 ? rec.updatedAt().toEpochMilli() : Long.MIN_VALUE;
    }
  }

  /** For a plan created at activation: nothing posted yet. */
  void fresh(Rollout r, int devices) {
    if (needed(r)) {
      postedAt = new long[devices];
      java.util.Arrays.fill(postedAt, Long.MIN_VALUE);
    }
  }

  static boolean needed(Rollout r) {
    for (int s = 1; s <= r.stepCount(); s++) {
      if (!r.pacing(s).rate().isNone()) {
        return true;
      }
    }
    return false;
  }

  /** Posts recorded since {@code minuteStart} (epoch ms), the start of the current minute. */
  int postsSince(long minuteStart) {
    if (postedAt == null) {
      return 0;
    }
    if (minute != minuteStart) {
      int n = 0;
      for (long t : postedAt) {
        if (t >= minuteStart) {
          n++;
        }
      }
      minute = minuteStart;
      posts = n;
    }
    return posts;
  }

  /** Device {@code i} was recorded as posting at {@code nowMs}. */
  void posted(int i, long nowMs) {
    if (postedAt == null) {
      return;
    }
    if (postedAt[i] < minute && nowMs >= minute) {
      posts++;
    }
    postedAt[i] = nowMs;
  }
}
