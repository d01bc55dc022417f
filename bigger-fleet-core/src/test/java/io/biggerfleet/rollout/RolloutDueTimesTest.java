package io.biggerfleet.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.testing.FakeTrails;
import io.biggerfleet.testing.SimFleet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Rollouts#dueTimes}: what {@code --devices} and {@code --watch} show as each device's next post. */
class RolloutDueTimesTest {
  final SimFleet sim = SimFleet.of(12, 4, FakeTrails.allSucceed(), null);
  final Rollouts rollouts = sim.rollouts();

  /** A canary step (every 4th device: 3) over 1h, then the rest (9) in the final step over 1d. */
  void activate() {
    rollouts.create(Rollout.builder("R")
        .change("set kernel=" + SimFleet.NEW_KERNEL)
        .message("m")
        .devices("/")
        .time("1d")
        .timeout("1h")
        .success("100%,100%")
        .build());
    rollouts.addStep("R", "/specialsets/canary", "1h", "1h", "100%,100%");
    rollouts.activate("R");
  }

  @Test
  void dueTimes_whenDraft_isEmpty() {
    rollouts.create(Rollout.builder("R")
        .change("set kernel=" + SimFleet.NEW_KERNEL)
        .message("m")
        .devices("/")
        .build());

    assertThat(rollouts.dueTimes("R")).isEmpty();
  }

  @Test
  void dueTimes_ofAnActiveRollout_areTheCurrentStepsDevicesInsideItsWindow_earliestFirst() {
    Instant start = sim.clock.instant();
    activate();

    Map<DeviceId, Instant> due = rollouts.dueTimes("R");

    assertThat(due).hasSize(3); // the canary step only: the final step's 9 wait for its gate
    List<Instant> times = new ArrayList<>(due.values());
    assertThat(times)
        .isSorted()
        .allSatisfy(t -> assertThat(t).isBetween(start, start.plus(Duration.ofHours(1))));
    assertThat(due.keySet())
        .allSatisfy(id -> assertThat(rollouts.progress("R"))
            .filteredOn(p -> p.device().equals(id))
            .singleElement()
            .satisfies(p -> assertThat(p.step()).isEqualTo(1)));
  }

  @Test
  void dueTimes_leaveOutDevicesOnceTheyArePosted() {
    activate();
    Map<DeviceId, Instant> before = rollouts.dueTimes("R");
    Instant first = before.values().iterator().next();

    sim.clock.set(first);
    sim.tick("R");

    Map<DeviceId, Instant> after = rollouts.dueTimes("R");
    assertThat(after).doesNotContainKey(before.keySet().iterator().next());
    assertThat(after.values()).allSatisfy(t -> assertThat(t).isAfter(first));
  }

  @Test
  void dueTimes_whenPaused_isEmpty_becauseAPauseMovesTheSchedule() {
    activate();
    rollouts.pause("R");

    assertThat(rollouts.dueTimes("R")).isEmpty();
  }
}
