package io.biggerfleet.bench.rollout;

import io.biggerfleet.rollout.Rollouts;
import io.biggerfleet.spi.FleetStore;
import java.util.Map;

/**
 * Heap per device of an active rollout: the store's progress records (in-memory store) and the
 * engine's plan state, measured as used-heap differences after full GCs.
 *
 * <pre>java -Xmx6g -cp bigger-fleet-benchmarks/target/benchmarks.jar io.biggerfleet.bench.rollout.PlanMemory 1000000</pre>
 */
public final class PlanMemory {
  private PlanMemory() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    BenchFleet fleet = new BenchFleet(n);
    fleet.draft("R");
    FleetStore store = fleet.store;
    long base = used();
    fleet.rollouts.activate("R");
    long activated = used();
    Rollouts fresh = Rollouts.over(
        store,
        fleet.clock,
        Map.of("sim.io", new BenchFleet.QuietTrails()),
        BenchFleet.resolver(store),
        "bench");
    fleet = null; // drop the engine that activated (and its plan)
    long recordsOnly = used();
    fresh.tick(); // a new engine loads the plan from the store
    long withPlan = used();
    System.out.printf("devices: %d%n", n);
    System.out.printf(
        "store records + plan after activation: %.1f bytes/device%n",
        (activated - base) / (double) n);
    System.out.printf(
        "store progress records alone:         %.1f bytes/device%n",
        (recordsOnly - base) / (double) n);
    System.out.printf(
        "engine plan state alone:              %.1f bytes/device%n",
        (withPlan - recordsOnly) / (double) n);
    System.out.println(fresh.load());
  }

  private static long used() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) {
      System.gc();
      try {
        Thread.sleep(200); // let the collector settle; measurement only, not a test
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
