package io.biggerfleet.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.model.Pacing;
import io.biggerfleet.model.RateRamp;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.testing.FakeTrails;
import io.biggerfleet.testing.SimFleet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The ramp's post counts per minute follow the formula, on a manual clock: {@code rate=100/min} with
 * {@code ramp="5/min x2 every 50"} posts {@code min(100, 5 × 2^floor(succeeded / 50))} devices in each
 * minute, counted when the minute's posts are decided.
 */
class RampedRolloutTest {
  final SimFleet sim = SimFleet.of(
      1000,
      0,
      (id, st) -> FakeTrails.Fate.succeed(Duration.ofSeconds(5), Duration.ofSeconds(10)),
      null);
  final Rollouts rollouts = sim.rollouts();
  final TreeMap<Long, Integer> perMinute = new TreeMap<>();
  Instant start;

  void activate(String rate, String ramp) {
    start = sim.clock.instant();
    sim.trails("sim.io")
        .onPost(st -> perMinute.merge(
            Duration.between(start, sim.clock.instant()).toMinutes(), 1, Integer::sum));
    rollouts.create(Rollout.builder("R")
        .change("set kernel=" + SimFleet.NEW_KERNEL)
        .message("m")
        .devices("/")
        .time("0s")
        .timeout("1h")
        .success("100%,100%")
        .pacing(new Pacing(null, RateRamp.parse(rate, ramp)))
        .build());
    rollouts.activate("R");
  }

  @Test
  void postsPerMinute_followTheRampFormula_whenTheEngineDecidesOncePerMinute() {
    activate("100/min", "5/min x2 every 50");

    sim.runToEnd("R", Duration.ofMinutes(1), Duration.ofHours(2));

    List<Integer> expected = new ArrayList<>();
    int succeeded = 0;
    while (succeeded < 1000) { // every post of a minute has succeeded by the next minute's decision
      int n = Math.min(1000 - succeeded, (int) Math.min(100, 5 * Math.pow(2, succeeded / 50)));
      expected.add(n);
      succeeded += n;
    }
    assertThat(new ArrayList<>(perMinute.values())).isEqualTo(expected);
    assertThat(expected.subList(0, 12)).containsExactly(5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 10, 10);
    assertThat(rollouts.get("R").state()).isEqualTo(RolloutState.DONE);
  }

  @Test
  void postsPerMinute_neverExceedTheLimit_whenTheEngineTicksEveryFewSeconds() {
    activate("40/min", "5/min x2 every 20");

    sim.runToEnd("R", Duration.ofSeconds(7), Duration.ofHours(3));

    assertThat(perMinute.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(40));
    assertThat(perMinute.firstEntry().getValue()).isEqualTo(5);
    assertThat(perMinute.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(1000);
    assertThat(perMinute.lastEntry().getKey()).isGreaterThanOrEqualTo(25); // 1000 at 40/min at best
  }

  @Test
  void aPlainRateCap_postsTheCapEachMinute_untilAllArePosted() {
    activate("300/min", null);

    sim.runToEnd("R", Duration.ofSeconds(20), Duration.ofHours(1));

    assertThat(new ArrayList<>(perMinute.values())).containsExactly(300, 300, 300, 100);
  }
}
