package io.biggerfleet.bench.match;

import dev.cel.runtime.CelRuntime;
import io.biggerfleet.device.Device;
import io.biggerfleet.match.Matcher;
import io.biggerfleet.match.Matchers;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Evaluates each suite expression over the whole synthetic fleet (one op = every device once): the
 * Bigger Fleet matcher, a hand-written Java predicate and cel-java, side by side in the same run.
 * Setup checks that all three count the same matches, so they answer the same question.
 *
 * <p>The fleet is built once per JVM ({@link SyntheticFleet#cached}); on a busy machine run with
 * {@code -f 0} (all benchmarks in one JVM, heap set on the {@code java} command) so the 1,000,000
 * devices are built once instead of once per fork.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class MatchEvalBenchmark {
  @Param({"eqAnd", "inNot", "numericSize", "version", "nameGlobRegex", "tagContains", "mix6"})
  public String expression;

  @Param({"1000000"})
  public int devices;

  private Device[] fleet;
  private Matcher matcher;
  private Predicate<Device> handWritten;
  private CelRuntime.Program cel;

  @Setup(Level.Trial)
  public void setUp() {
    fleet = SyntheticFleet.cached(devices, 42);
    Suite.Entry e = Suite.ENTRIES.get(expression);
    matcher = Matchers.standard().compile(e.bigFleet());
    handWritten = e.handWritten();
    cel = CelBaseline.program(e.cel());
    int a = 0;
    int b = 0;
    int c = 0;
    for (int i = 0; i < Math.min(fleet.length, 20_000); i++) {
      a += matcher.matches(fleet[i]) ? 1 : 0;
      b += handWritten.test(fleet[i]) ? 1 : 0;
      c += CelBaseline.eval(cel, fleet[i]) ? 1 : 0;
    }
    if (a != b || a != c || a == 0) {
      throw new IllegalStateException(expression + ": engines disagree or match nothing: bigFleet="
          + a + " handWritten=" + b + " cel=" + c);
    }
  }

  @Benchmark
  public int bigFleet() {
    int n = 0;
    for (Device d : fleet) {
      if (matcher.matches(d)) {
        n++;
      }
    }
    return n;
  }

  @Benchmark
  public int handWritten() {
    int n = 0;
    for (Device d : fleet) {
      if (handWritten.test(d)) {
        n++;
      }
    }
    return n;
  }

  @Benchmark
  public int cel() {
    int n = 0;
    for (Device d : fleet) {
      if (CelBaseline.eval(cel, d)) {
        n++;
      }
    }
    return n;
  }
}
