package io.biggerfleet.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.testing.CrashScenario;
import io.biggerfleet.testing.Crashes;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Crash-and-restart invariants, the fast subset that runs in every build: {@link CrashScenario} over
 * 64 seeds (the long run, {@code CrashSeeds} in bigger-fleet-benchmarks, takes 1,000 and more; see
 * docs/reliability.md). Each seed runs the same fleet undisturbed and with the engine abandoned at
 * random effects, then backs the rollout out; the crashed run must keep every invariant, match the
 * undisturbed run field for field in every device record, and its backout must return every device
 * to its pre-rollout state and end both rollouts. Across the subset, every kind of crash point must
 * have been hit, "post landed, record not written" on the concurrent posting path included.
 */
class RolloutInvariantsTest {
  private static final Map<Crashes.Point, Long> HITS = new EnumMap<>(Crashes.Point.class);

  /** Seeds 0..63, or {@code -Dcrash.seeds=FIRST..LAST} (e.g. to rerun a seed the long run reported). */
  static LongStream seeds() {
    String[] range = System.getProperty("crash.seeds", "0..63").split("\\.\\.");
    return LongStream.rangeClosed(
        Long.parseLong(range[0]), Long.parseLong(range[range.length - 1]));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void crashAndRestart_atRandomEffects_endsLikeAnUndisturbedRunAndBacksOutCompletely(long seed) {
    CrashScenario.Result result = CrashScenario.run(seed);
    synchronized (HITS) {
      result.hits.forEach((p, n) -> HITS.merge(p, n, Long::sum));
    }
    assertThat(result.violations).as("violations of seed %s", seed).isEmpty();
  }

  @AfterAll
  static void everyKindOfCrashPointWasHit() {
    if (seeds().count() < 64) {
      return; // a rerun of a few seeds need not hit every point
    }
    assertThat(CrashScenario.GUARDS_SEEN)
        .as("issue 16 guards exercised with crashes")
        .contains("awaiting approval", "soaking", "abort rule tripped");
    assertThat(HITS)
        .as("crash points hit over %s seeds", seeds().count())
        .containsOnlyKeys(Crashes.Point.values())
        .allSatisfy((p, n) -> assertThat(n).as(p.description()).isPositive());
  }
}
