package io.biggerfleet.bench.rollout;

import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.testing.FakeTrails;
import io.biggerfleet.testing.SimFleet;
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
 * A full simulated rollout through the engine and the fake fleet: canary step (1 %) then FINAL over
 * a day, every device posted, picked up, reported; ticks every 10 simulated minutes (target: 100,000
 * devices in under 30 s). The 10,000-device run in the same fork is the baseline for the ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx6g"})
public class SimulatedRolloutBenchmark {
  @Param({"10000", "100000"})
  int devices;

  SimFleet sim;

  @Setup(Level.Iteration)
  public void fleet() {
    sim = SimFleet.of(devices, 100, FakeTrails.seeded(7, 0.002, 0.01, "segmentation fault"), null);
    sim.rollouts()
        .create(Rollout.builder("R")
            .change("set kernel=" + SimFleet.NEW_KERNEL)
            .message("bench")
            .devices("/")
            .time("1d")
            .timeout("6h")
            .success("85%,99%")
            .build());
    sim.rollouts().addStep("R", "/specialsets/canary", "4h", "1h", "95%,95%");
  }

  @Benchmark
  public RolloutState fullRollout() {
    sim.rollouts().activate("R");
    sim.runUntil(
        f -> f.rollouts().get("R").state().isFinished(),
        Duration.ofMinutes(10),
        Duration.ofDays(4));
    RolloutState s = sim.rollouts().get("R").state();
    if (s != RolloutState.DONE) {
      throw new IllegalStateException("rollout ended " + s);
    }
    return s;
  }
}
