package io.biggerfleet.bench.rollout;

import java.util.concurrent.TimeUnit;
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
 * A tick when nothing is due over an ACTIVE rollout of n devices (target: under 5 ms at 1,000,000).
 * The clock does not move after activation, so every tick finds nothing due; the 1,000-device run
 * in the same fork is the baseline: equal times mean no per-device work per tick.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx6g"})
public class IdleTickBenchmark {
  @Param({"1000", "1000000"})
  int devices;

  BenchFleet fleet;

  @Setup(Level.Trial)
  public void activate() {
    fleet = new BenchFleet(devices);
    fleet.rollouts.create(io.biggerfleet.model.Rollout.builder("R")
        .change("set kernel=" + BenchFleet.SHA)
        .message("bench")
        .devices("/")
        .time("5d")
        .timeout("1h")
        .success("85%,99%")
        .build());
    fleet.rollouts.activate("R");
    if (fleet.rollouts.tick() != 1
        || fleet.rollouts.get("R").state() != io.biggerfleet.model.RolloutState.ACTIVE) {
      throw new IllegalStateException("the rollout is not being driven");
    }
  }

  @Benchmark
  public int idleTick() {
    return fleet.rollouts.tick();
  }
}
