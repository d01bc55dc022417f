package io.biggerfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user watching a rollout sees it is alive and what comes next: {@code --devices} gives each queued
 * device of the running step its due time, {@code --watch} names the next due post under each view and
 * prints a heartbeat while nothing changes.
 */
class WatchShowsWhatIsDueTest {
  @TempDir
  Path home;

  RolloutCliFixture f;

  @BeforeEach
  void setUp() {
    f = new RolloutCliFixture(home);
    f.cli(RolloutCommandsWalkthroughTest.addRollout5(f));
    f.cli(RolloutCommandsWalkthroughTest.stepAddCanary());
    f.cli("rollouts", "ROLLOUT5", "activate");
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void devices_showEachQueuedDeviceOfTheRunningStepWithItsDueTime_laterStepsWithout()
      throws Exception {
    assertThat(f.cli("rollouts", "ROLLOUT5", "--devices")).isZero();
    List<String> lines = f.out().lines().toList();
    assertThat(lines)
        .filteredOn(l -> l.contains("step 1"))
        .hasSize(2)
        .allMatch(l -> l.matches(
            ".* \\[QUEUE\\]  step 1  (gardenpool|devbox3)-wifi  due in (\\d+h)?(\\d+m)?"));
    assertThat(lines)
        .filteredOn(l -> l.contains("step 2"))
        .hasSize(9)
        .noneMatch(l -> l.contains("due"));

    assertThat(f.cli("--json", "rollouts", "ROLLOUT5", "--devices")).isZero();
    JsonNode devices = new ObjectMapper().readTree(f.out()).get("devices");
    int withDue = 0;
    for (JsonNode d : devices) {
      if (d.has("dueAt")) {
        withDue++;
        assertThat(d.get("step").asInt()).isEqualTo(1);
        assertThat(Instant.parse(d.get("dueAt").asText()))
            .isBetween(
                Instant.parse("2026-03-02T09:00:00Z"), Instant.parse("2026-03-02T13:00:00Z"));
      }
    }
    assertThat(withDue).isEqualTo(2);
  }

  @Test
  void watch_namesTheNextDuePost_andPrintsAHeartbeatWhileNothingChanges() {
    assertThat(f.cli("rollouts", "ROLLOUT5", "--watch", "--interval", "2m")).isEqualTo(1);
    String out = f.out();
    assertThat(out.lines().toList().get(3))
        .matches(
            // the canaries' post times are spread at random over the step's window: one may be
            // seconds away
            "next: (gardenpool|devbox3)-wifi in (\\d+h)?(\\d+m)?(\\d+s)? \\(2 devices queued\\)");
    assertThat(out)
        .containsPattern(
            "\n\\.\\.\\. 09:02:00 UTC, no change; next: (gardenpool|devbox3)-wifi in \\d+[hms]")
        .doesNotContain("Running since: 2 minutes") // the status line's clock alone is no new view
        .endsWith("Rollout ROLLOUT5 ended ERROR.\n");
  }
}
