package io.biggerfleet.bench.match;

import io.biggerfleet.device.Attributes;
import io.biggerfleet.match.Matcher;
import io.biggerfleet.match.Matchers;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Issue 20's row-at-a-time comparison on a busy machine: for each of {@link MapSelections}, rounds of
 * (Bigger Fleet over {@link Attributes}, hand-written predicate over a {@code HashMap}) passes over
 * the same {@link MapFleet}, back to back in alternating order; reports the median ns per device of
 * each and the median of the per-round ratios, then the geometric mean of the ratios. A ratio below 1
 * means Bigger Fleet is faster. Companion to {@link MatchVsMapBenchmark} (JMH).
 *
 * <p>Run: {@code java -Xms6g -Xmx6g -cp bigger-fleet-benchmarks/target/benchmarks.jar
 * io.biggerfleet.bench.match.MatchVsMapInterleaved [devices=1000000] [rounds=7]}.
 */
public final class MatchVsMapInterleaved {
  private MatchVsMapInterleaved() {}

  public static void main(String[] args) {
    int devices = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    MapFleet fleet = new MapFleet(devices, 42);
    System.out.printf("%-8s %12s %12s %8s%n", "name", "bf ns/dev", "map ns/dev", "bf/map");
    double logSum = 0;
    int count = 0;
    for (Map.Entry<String, MapSelections.Selection> e :
        new TreeMap<>(MapSelections.ALL).entrySet()) {
      Matcher m = Matchers.standard().compile(e.getValue().expression());
      var hand = e.getValue().hand();
      long a = bf(fleet.attributes, m);
      long b = map(fleet.maps, hand);
      if (a != b || a == 0) {
        throw new IllegalStateException(e.getKey() + ": engines disagree: " + a + " vs " + b);
      }
      double[] bfNs = new double[rounds];
      double[] mapNs = new double[rounds];
      double[] ratio = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        long t0;
        if (r % 2 == 0) {
          t0 = System.nanoTime();
          bf(fleet.attributes, m);
          bfNs[r] = (System.nanoTime() - t0) / (double) devices;
          t0 = System.nanoTime();
          map(fleet.maps, hand);
          mapNs[r] = (System.nanoTime() - t0) / (double) devices;
        } else {
          t0 = System.nanoTime();
          map(fleet.maps, hand);
          mapNs[r] = (System.nanoTime() - t0) / (double) devices;
          t0 = System.nanoTime();
          bf(fleet.attributes, m);
          bfNs[r] = (System.nanoTime() - t0) / (double) devices;
        }
        ratio[r] = bfNs[r] / mapNs[r];
      }
      double med = median(ratio);
      logSum += Math.log(med);
      count++;
      System.out.printf("%-8s %12.1f %12.1f %8.2f%n", e.getKey(), median(bfNs), median(mapNs), med);
    }
    System.out.printf("geomean bf/map: %.2f%n", Math.exp(logSum / count));
  }

  static long bf(Attributes[] fleet, Matcher m) {
    long n = 0;
    for (Attributes a : fleet) {
      n += m.matches(a) ? 1 : 0;
    }
    return n;
  }

  static long map(
      List<Map<String, String>> fleet, java.util.function.Predicate<Map<String, String>> p) {
    long n = 0;
    for (Map<String, String> m : fleet) {
      n += p.test(m) ? 1 : 0;
    }
    return n;
  }

  private static double median(double[] xs) {
    double[] c = xs.clone();
    Arrays.sort(c);
    return c[c.length / 2];
  }
}
