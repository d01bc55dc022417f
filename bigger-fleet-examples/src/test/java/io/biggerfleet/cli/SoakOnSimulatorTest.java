package io.biggerfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stepadd soak=} over the Pantahub simulator on its manual clock: the soak reads each device's
 * running revision ({@code pantavisor.revision}) and last-seen time through {@code PantahubTrails}.
 */
class SoakOnSimulatorTest {
  @TempDir
  Path home;

  RolloutCliFixture f;

  @BeforeEach
  void setUp() {
    f = new RolloutCliFixture(home);
    f.cli(
        "rollouts",
        "add",
        "R6",
        "change=set kernel=" + f.kernelSha,
        "message=soak test",
        "time=1h",
        "timeout=1h",
        "success=100%,100%");
    f.cli(
        "rollouts",
        "R6",
        "stepadd",
        "devices=/specialsets/canary",
        "time=1h",
        "timeout=1h",
        "success=100%,100%",
        "soak=2h");
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void aDeviceThatRollsBackAfterReportingDone_failsTheSoak() {
    f.sim.control("gardenpool-wifi").rollBack("try-boot failed: kernel did not come up");
    f.cli("rollouts", "R6", "activate");

    Rollout r =
        f.runUntil("R6", x -> x.state().isFinished(), Duration.ofMinutes(10), Duration.ofHours(12));

    assertThat(r.state()).isEqualTo(RolloutState.ERROR);
    assertThat(r.run().failedStep()).isEqualTo(1);
    f.cli("failures", "R6");
    assertThat(f.out()).contains("gardenpool-wifi");
    assertThat(f.rollout("R6").run().deviceCount()).isEqualTo(11);
  }

  @Test
  void aHealthySoak_passesAfterTheSoakTime_andTheRolloutCompletes() {
    f.cli("rollouts", "R6", "activate");

    Rollout soaking = f.runUntil(
        "R6", x -> x.run().healthSince().isPresent(), Duration.ofMinutes(10), Duration.ofHours(3));
    f.cli("rollouts");
    assertThat(f.out())
        .contains("R6 ACTIVE (Step: 1/2", "; health: soak 2h: 2 devices soaking until ");
    Rollout r =
        f.runUntil("R6", x -> x.state().isFinished(), Duration.ofMinutes(10), Duration.ofHours(12));

    assertThat(r.state()).isEqualTo(RolloutState.DONE);
    assertThat(r.run().finishedAt().orElseThrow())
        .isAfter(soaking.run().healthSince().orElseThrow().plus(Duration.ofHours(2)));
  }
}
