package io.biggerfleet.bench.match;

import dev.cel.runtime.CelRuntime;
import io.biggerfleet.device.Device;
import io.biggerfleet.match.Matcher;
import io.biggerfleet.match.Matchers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A companion to {@link MatchEvalBenchmark} for busy machines: in one JVM, for each suite expression,
 * runs rounds of (Bigger Fleet, hand-written, cel-java) passes over the same fleet back to back, in
 * rotating order, and reports the median of the per-round time ratios. Because the three passes of a
 * round run within seconds of each other, the ratios hold up when the machine's load changes over
 * minutes (which JMH's separate forks do not). Not a replacement for JMH's absolute figures.
 *
 * <p>Run: {@code java -Xms6g -Xmx6g -cp bigger-fleet-benchmarks/target/benchmarks.jar
 * io.biggerfleet.bench.match.MatchEvalInterleaved [devices] [rounds]}.
 */
public final class MatchEvalInterleaved {
  private MatchEvalInterleaved() {}

  public static void main(String[] args) {
    int devices = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Device[] fleet = SyntheticFleet.cached(devices, 42);
    System.out.printf(
        "%-14s %12s %12s %12s %10s %10s%n",
        "expression", "bigFleet ms", "hand ms", "cel ms", "bf/hand", "cel/bf");
    for (Map.Entry<String, Suite.Entry> e : new java.util.TreeMap<>(Suite.ENTRIES).entrySet()) {
      Matcher matcher = Matchers.standard().compile(e.getValue().bigFleet());
      Predicate<Device> hand = e.getValue().handWritten();
      CelRuntime.Program cel = CelBaseline.program(e.getValue().cel());
      List<Predicate<Device>> impls =
          List.of(matcher::matches, hand, d -> CelBaseline.eval(cel, d));
      for (Predicate<Device> p : impls) { // warm-up pass each
        count(fleet, p);
      }
      double[][] ms = new double[3][rounds];
      for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < 3; k++) {
          int i = (k + r) % 3;
          long t0 = System.nanoTime();
          count(fleet, impls.get(i));
          ms[i][r] = (System.nanoTime() - t0) / 1e6;
        }
      }
      List<Double> handRatio = new ArrayList<>();
      List<Double> celRatio = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        handRatio.add(ms[0][r] / ms[1][r]);
        celRatio.add(ms[2][r] / ms[0][r]);
      }
      System.out.printf(
          "%-14s %12.1f %12.1f %12.1f %9.2fx %9.2fx%n",
          e.getKey(),
          median(ms[0]),
          median(ms[1]),
          median(ms[2]),
          median(handRatio),
          median(celRatio));
    }
  }

  private static int count(Device[] fleet, Predicate<Device> p) {
    int n = 0;
    for (Device d : fleet) {
      if (p.test(d)) {
        n++;
      }
    }
    return n;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static double median(List<Double> v) {
    return median(v.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
