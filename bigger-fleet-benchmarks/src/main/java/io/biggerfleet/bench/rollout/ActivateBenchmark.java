package io.biggerfleet.bench.rollout;

import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.spi.Versioned;
import io.biggerfleet.spi.WriteBatch;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * Activating a 5-step rollout over n devices (target: 1,000,000 in under 5 s), against a same-run
 * baseline: resolving the base selector alone (the scan every activation must do anyway).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx6g"})
public class ActivateBenchmark {
  @Param({"1000000"})
  int devices;

  BenchFleet fleet;
  int round;

  @Setup(Level.Trial)
  public void fleet() {
    fleet = new BenchFleet(devices);
  }

  @Setup(Level.Iteration)
  public void draft() {
    round++;
    fleet.draft("R" + round);
  }

  /** Removes the activated rollout and its records, so the next one does not conflict with it. */
  @TearDown(Level.Iteration)
  public void removeRollout() {
    String name = "R" + round;
    WriteBatch.Builder b = WriteBatch.builder();
    for (Versioned<DeviceRolloutProgress> p : fleet.store.progress(name)) {
      b.deleteProgress(name, p.value().device(), p.version());
    }
    fleet.store.rollout(name).ifPresent(r -> b.deleteRollout(name, r.version()));
    fleet.store.write(b.build());
  }

  @Benchmark
  public Object activate() {
    return fleet.rollouts.activate("R" + round);
  }

  @Benchmark
  public Object baselineResolveBaseSet() {
    return BenchFleet.resolver(fleet.store).resolve("/");
  }
}
