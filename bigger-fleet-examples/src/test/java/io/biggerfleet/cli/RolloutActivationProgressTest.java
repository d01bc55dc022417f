package io.biggerfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.pantahub.sim.Scenario;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Activating a big rollout tells the user on stderr what it is doing while membership freezes. */
class RolloutActivationProgressTest {
  @TempDir
  Path home;

  @Test
  void activate_whenTenThousandDevices_reportsProgressOnStderr() {
    try (RolloutCliFixture f = new RolloutCliFixture(home, Scenario.generated(10_000, 5), false)) {
      f.cli("rollouts", "add", "BIG", "change=set kernel=" + f.kernelSha, "devices=/", "time=1d");
      assertThat(f.out())
          .isEqualTo("Created Rollout \"BIG\". Currently 10000 devices in rollout.\n");

      int code = f.cli("rollouts", "BIG", "activate");

      assertThat(code).isZero();
      assertThat(f.err())
          .matches(
              "Freezing membership of 10,000 devices in 1 step \\.\\.\\.\n\\.\\.\\. done in \\d+s\\.\n");
      assertThat(f.out())
          .startsWith("Activating rollout BIG; Scheduled.\n10000 devices in 1 step; ETA: 2 days");
    }
  }

  @Test
  void activate_whenSmall_printsNothingOnStderr(@TempDir Path other) {
    try (RolloutCliFixture f = new RolloutCliFixture(other, Scenario.walkthrough(), false)) {
      f.cli("rollouts", "add", "SMALL", "change=set kernel=" + f.kernelSha);

      assertThat(f.cli("rollouts", "SMALL", "activate")).isZero();
      assertThat(f.err()).isEmpty();
    }
  }
}
