package io.biggerfleet.bench.rollout;

import io.biggerfleet.testing.CrashScenario;
import io.biggerfleet.testing.Crashes;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The long crash-recovery run: {@link CrashScenario} (the scenario behind core's
 * {@code RolloutInvariantsTest}, which runs 64 seeds in every build) over many seeds. Prints the
 * seeds run, how often each kind of crash point was hit, and every violation; exits 1 if there was
 * any. Figures go to docs/reliability.md.
 *
 * <pre>java -cp bigger-fleet-benchmarks/target/benchmarks.jar io.biggerfleet.bench.rollout.CrashSeeds [seeds [first]]</pre>
 *
 * <p>A seed it reports reruns in core's test with its details:
 * {@code mvn -pl bigger-fleet-core test -Dtest=RolloutInvariantsTest -Dcrash.seeds=SEED..SEED}.
 *
 * <p>Defaults: 10,000 seeds from seed 0 (2 to 7 minutes on the shared 2-core build machine).
 * Seeds run one after the other (a seed posting concurrently
 * uses up to four threads of its own); each is deterministic, so a failing seed reruns alone with
 * {@code CrashSeeds 1 <seed>}.
 */
public final class CrashSeeds {
  private CrashSeeds() {}

  public static void main(String[] args) {
    long seeds = args.length > 0 ? Long.parseLong(args[0]) : 10_000;
    long first = args.length > 1 ? Long.parseLong(args[1]) : 0;
    Map<Crashes.Point, Long> hits = new EnumMap<>(Crashes.Point.class);
    List<String> violations = new ArrayList<>();
    long effects = 0;
    long concurrentSeeds = 0;
    long start = System.nanoTime();
    for (long seed = first; seed < first + seeds; seed++) {
      CrashScenario.Result r = CrashScenario.run(seed);
      r.hits.forEach((p, n) -> hits.merge(p, n, Long::sum));
      violations.addAll(r.violations);
      effects += r.effects;
      concurrentSeeds += CrashScenario.concurrent(seed) ? 1 : 0;
      if ((seed - first + 1) % 100 == 0) {
        System.out.printf(
            "%d seeds, %d violations, %.0f s%n",
            seed - first + 1, violations.size(), (System.nanoTime() - start) / 1e9);
      }
    }
    long crashes = hits.values().stream().mapToLong(Long::longValue).sum();
    System.out.printf(
        "%nseeds: %d (%d..%d; %d posting four devices at once), %.0f s%n",
        seeds, first, first + seeds - 1, concurrentSeeds, (System.nanoTime() - start) / 1e9);
    System.out.printf(
        "effects seen by the crash injector: %d; crashes: %d (rate %.2f)%n",
        effects, crashes, CrashScenario.CRASH_RATE);
    System.out.println("crash points hit:");
    for (Crashes.Point p : Crashes.Point.values()) {
      System.out.printf("  %-55s %7d%n", p.description(), hits.getOrDefault(p, 0L));
    }
    System.out.println("violations: " + violations.size());
    violations.forEach(v -> System.out.println("  " + v));
    if (!violations.isEmpty()) {
      System.exit(1);
    }
  }
}
