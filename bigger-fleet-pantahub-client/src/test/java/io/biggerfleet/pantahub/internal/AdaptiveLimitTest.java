package io.biggerfleet.pantahub.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.pantahub.internal.AdaptiveLimit.Outcome;
import org.junit.jupiter.api.Test;

/** The adaptive request limit's decisions, with worked numbers on a fake clock (no sleeping). */
class AdaptiveLimitTest {
  private static final long MS = 1_000_000L;
  private long now = 1_000 * MS;
  private final AdaptiveLimit limit = new AdaptiveLimit(16, () -> now, () -> now);

  /** Takes every free permit, then completes one request that took {@code rttMs}; returns the limit. */
  private int completeOneWhenFull(long rttMs, Outcome outcome, long retryAfterMs) {
    while (limit.tryAcquire() >= 0) {
      // fill the limit: the hub is kept busy
    }
    limit.release(now - rttMs * MS, outcome, retryAfterMs * MS);
    return limit.limit();
  }

  @Test
  void newLimit_startsAtFour_andRefusesTheFifthRequest() {
    for (int i = 0; i < 4; i++) {
      assertThat(limit.tryAcquire()).isEqualTo(now);
    }
    assertThat(limit.tryAcquire()).isEqualTo(-1);
    assertThat(limit.inFlight()).isEqualTo(4);
  }

  @Test
  void slowStart_whileLatencyStaysFlat_growsByOnePerSuccess_upToTheMaximum() {
    assertThat(completeOneWhenFull(10, Outcome.ANSWERED, 0)).isEqualTo(5);
    assertThat(completeOneWhenFull(10, Outcome.ANSWERED, 0)).isEqualTo(6);
    for (int i = 0; i < 10; i++) {
      completeOneWhenFull(10, Outcome.ANSWERED, 0);
    }
    assertThat(limit.limit()).isEqualTo(16);
    assertThat(completeOneWhenFull(10, Outcome.ANSWERED, 0)).as("capped at max").isEqualTo(16);
  }

  @Test
  void success_withLessThanHalfTheLimitInFlight_doesNotGrowIt() {
    long start = limit.tryAcquire(); // 1 of 4 in flight
    limit.release(start - 10 * MS, Outcome.ANSWERED, 0);
    assertThat(limit.limit()).isEqualTo(4);
  }

  @Test
  void overload_halvesTheLimit_oncePerRoundTrip_thenGrowsByOnePerRoundTrip() {
    for (int i = 0; i < 12; i++) {
      completeOneWhenFull(10, Outcome.ANSWERED, 0); // slow start to 16; smoothed latency 10 ms
    }
    assertThat(completeOneWhenFull(10, Outcome.OVERLOADED, 0)).isEqualTo(8);
    assertThat(completeOneWhenFull(10, Outcome.OVERLOADED, 0))
        .as("same round trip: one burst")
        .isEqualTo(8);
    now += 10 * MS;
    assertThat(completeOneWhenFull(10, Outcome.DROPPED, 0))
        .as("a timeout counts as overload")
        .isEqualTo(4);
    // additive increase now: 1/limit per success, so +1 after about `limit` successes
    for (int i = 0; i < 4; i++) {
      completeOneWhenFull(10, Outcome.ANSWERED, 0);
    }
    assertThat(limit.limit()).as("4 + 1/4 + 1/4.25 + 1/4.49 + 1/4.71 = 4.92").isEqualTo(4);
    assertThat(completeOneWhenFull(10, Outcome.ANSWERED, 0))
        .as("+ 1/4.92 = 5.12")
        .isEqualTo(5);
  }

  @Test
  void retryAfter_holdsEveryNewRequestBack_untilItHasPassed() {
    long start = limit.tryAcquire();
    limit.release(start, Outcome.OVERLOADED, 3_000 * MS);
    assertThat(limit.limit()).isEqualTo(2);
    assertThat(limit.pausedForNanos()).isEqualTo(3_000 * MS);
    assertThat(limit.tryAcquire())
        .as("permits are free, but the hub asked to wait")
        .isEqualTo(-1);
    now += 2_999 * MS;
    assertThat(limit.tryAcquire()).isEqualTo(-1);
    now += MS;
    assertThat(limit.pausedForNanos()).isZero();
    assertThat(limit.tryAcquire()).isEqualTo(now);
  }

  @Test
  void queueing_whenShortTermLatencyPassesTwiceTheLongTerm_shrinksByOnePerRoundTrip() {
    for (int i = 0; i < 12; i++) {
      completeOneWhenFull(10, Outcome.ANSWERED, 0); // 16; short- and long-term latency 10 ms
    }
    // short-term 14, 17.6, 20.84 ms against long-term 10.4, 10.8, 11.19 ms: not yet twice
    for (int i = 0; i < 3; i++) {
      assertThat(completeOneWhenFull(50, Outcome.ANSWERED, 0)).isEqualTo(16);
    }
    // 23.76 ms > 2 x 11.58 ms: 16 - 1/16
    assertThat(completeOneWhenFull(50, Outcome.ANSWERED, 0)).isEqualTo(15);
    for (int i = 0; i < 15; i++) {
      completeOneWhenFull(50, Outcome.ANSWERED, 0);
    }
    assertThat(limit.limit())
        .as("about one less per round trip: 16 - 16 steps of 1/limit = 14.9")
        .isEqualTo(14);
  }

  @Test
  void steadyHighLatency_becomesTheNorm_andTheLimitGrowsAgain() {
    for (int i = 0; i < 12; i++) {
      completeOneWhenFull(10, Outcome.ANSWERED, 0);
    }
    completeOneWhenFull(10, Outcome.OVERLOADED, 0); // 8, additive increase from now on
    for (int i = 0; i < 50; i++) {
      completeOneWhenFull(50, Outcome.ANSWERED, 0); // latency jumps from 10 to 50 ms and stays
    }
    assertThat(limit.limit()).as("shrunk while 50 ms was new").isEqualTo(3);
    for (int i = 0; i < 150; i++) {
      completeOneWhenFull(50, Outcome.ANSWERED, 0);
    }
    assertThat(limit.limit())
        .as("grown back to the maximum once 50 ms is the long-term latency")
        .isEqualTo(16);
  }

  @Test
  void queueing_withinTheAbsoluteSlack_isNotAnOverload() {
    for (int i = 0; i < 12; i++) {
      completeOneWhenFull(0, Outcome.ANSWERED, 0); // sub-millisecond hub on loopback
    }
    for (int i = 0; i < 20; i++) {
      completeOneWhenFull(
          1, Outcome.ANSWERED, 0); // 1 ms is "more than twice" 0 ms, but within 2 ms
    }
    assertThat(limit.limit()).isEqualTo(16);
  }

  @Test
  void maximumBelowFour_startsAtTheMaximum_andZeroIsRefused() {
    assertThat(new AdaptiveLimit(2, () -> now, () -> now).limit()).isEqualTo(2);
    assertThatThrownBy(() -> new AdaptiveLimit(0, () -> now, () -> now))
        .hasMessageContaining("max in flight must be at least 1, was 0");
  }
}
