package io.biggerfleet.bench.match;

import io.biggerfleet.match.Matcher;
import io.biggerfleet.match.Matchers;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Compiles typical expressions (the suite's, cycled) without the cache: parse, check, fold and build
 * a matcher. cel-java's compile + createProgram of the equivalent expressions runs in the same run for
 * scale. Throughput in expressions per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class MatchCompileBenchmark {
  private Matchers uncached;
  private String[] bigFleet;
  private String[] cel;
  private int next;

  @Setup
  public void setUp() {
    uncached = Matchers.builder().cacheSize(0).build();
    bigFleet = Suite.ENTRIES.values().stream().map(Suite.Entry::bigFleet).toArray(String[]::new);
    cel = Suite.ENTRIES.values().stream().map(Suite.Entry::cel).toArray(String[]::new);
  }

  @Benchmark
  public Matcher bigFleetCompile() {
    next = (next + 1) % bigFleet.length;
    return uncached.compile(bigFleet[next]);
  }

  @Benchmark
  public Object celCompile() {
    next = (next + 1) % cel.length;
    return CelBaseline.program(cel[next]);
  }
}
