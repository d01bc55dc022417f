package io.biggerfleet.bench.rollout;

import java.time.Duration;
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
 * The rollout is paused-free and mid-window, between two devices' post times; the 1,000-device run
 * in the same fork is the baseline: equal times mean no per-device work per tick.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class IdleTickBenchmark {
  @Param({"1000", "1000000"})
  int devices;

  BenchFleet fleet;

  @Setup(Level.Trial)
  public void activate() {
    fleet = new BenchFleet(devices);
    fleet.rollouts.create(io.biggerfleet.rollout.Rollout.builder("R").change("set kernel=" + BenchFleet.SHA)
        .message("bench").devices("/").time("5d").timeout("1h").success("85%,99%").build());
    fleet.rollouts.activate("R");
    fleet.rollouts.tick(); // loads nothing new: activation built the plan; nothing due at t0
  }

  @Benchmark
  public int idleTick() {
    return fleet.rollouts.tick();
  }

  /** Time check: the clock does not move, so every tick finds nothing due. */
  static Duration unused() {
    return Duration.ZERO;
  }
}
