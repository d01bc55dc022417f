package io.biggerfleet.bench.match;

import io.biggerfleet.match.Matcher;
import io.biggerfleet.match.Matchers;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Issue 20, row at a time: each of the six {@link MapSelections} over the whole {@link MapFleet}
 * (one op = every device once), Bigger Fleet over its {@code Attributes} and the hand-written
 * predicate over a {@code HashMap<String, String>}, in the same run. Setup checks both count the same
 * matches. See {@link MatchVsMapInterleaved} for ratios on a busy machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class MatchVsMapBenchmark {
  @Param({"eq2", "inNot", "numeric", "prefix", "tag", "mix6"})
  public String selection;

  @Param({"1000000"})
  public int devices;

  private MapFleet fleet;
  private Matcher matcher;
  private Predicate<Map<String, String>> hand;

  @Setup
  public void setUp() {
    fleet = new MapFleet(devices, 42);
    MapSelections.Selection s = MapSelections.ALL.get(selection);
    matcher = Matchers.standard().compile(s.expression());
    hand = s.hand();
    long a = MatchVsMapInterleaved.bf(fleet.attributes, matcher);
    long b = MatchVsMapInterleaved.map(fleet.maps, hand);
    if (a != b || a == 0) {
      throw new IllegalStateException(selection + ": engines disagree: " + a + " vs " + b);
    }
  }

  @Benchmark
  public long bigFleet() {
    return MatchVsMapInterleaved.bf(fleet.attributes, matcher);
  }

  @Benchmark
  public long handWrittenOverHashMap() {
    return MatchVsMapInterleaved.map(fleet.maps, hand);
  }
}
