package io.biggerfleet.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.NotFoundException;
import io.biggerfleet.event.EventType;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutStateException;
import io.biggerfleet.testing.FakeTrails;
import io.biggerfleet.testing.SimFleet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Operator actions: only a DRAFT is edited; illegal moves and bad input change nothing. */
class RolloutCommandsTest {
  final SimFleet sim = SimFleet.of(6, 3, FakeTrails.allSucceed(), null);
  final Rollouts rollouts = sim.rollouts();

  Rollout draft() {
    return rollouts.create(Rollout.builder("R")
        .change("set kernel=" + SimFleet.NEW_KERNEL)
        .message("m")
        .devices("/")
        .time("1d")
        .timeout("1h")
        .success("90%,99%")
        .build());
  }

  @Test
  void create_stampsTheRecordAndItsEvent_withOneReadingOfTheClock() {
    // A clock that moves a millisecond at every reading: two readings would disagree.
    Clock moving = new Clock() {
      private Instant t = Instant.parse("2026-03-01T00:00:00Z");

      @Override
      public Instant instant() {
        t = t.plusMillis(1);
        return t;
      }

      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }
    };
    Rollouts onMoving = Rollouts.over(
        sim.baseStore, moving, Map.of("sim.io", sim.trails("sim.io")), sim.resolver(), "tester");

    Rollout r = onMoving.create(Rollout.builder("R")
        .change("set kernel=" + SimFleet.NEW_KERNEL)
        .message("m")
        .devices("/")
        .build());

    FleetEvent created = sim.baseStore.events(0, Integer.MAX_VALUE).stream()
        .filter(e -> e.type() == EventType.ROLLOUT_CREATED)
        .reduce((a, b) -> b)
        .orElseThrow();
    assertThat(r.createdAt()).isEqualTo(created.time());
  }

  @Test
  void addStep_withoutValues_takesTheRolloutDefaults() {
    draft();
    Rollout r = rollouts.addStep("R", "/specialsets/canary", null, "30m", null);
    assertThat(r.steps()).singleElement().satisfies(s -> {
      assertThat(s.config().window()).hasToString("PT24H");
      assertThat(s.config().timeout()).hasToString("PT30M");
      assertThat(s.config().criteria()).hasToString("90%,99%");
    });
    assertThat(rollouts.plan("R").steps())
        .extracting(RolloutPlan.Step::deviceCount)
        .containsExactly(2, 4);
  }

  @Test
  void editing_whenNotDraft_isRefusedAndNothingChanges() {
    draft();
    rollouts.activate("R");
    Rollout before = rollouts.get("R");

    assertThatThrownBy(() -> rollouts.addStep("R", "/specialsets/canary", "1h", "1h", "100%,100%"))
        .isInstanceOf(RolloutStateException.class)
        .hasMessageContaining("only a DRAFT can be changed");
    assertThatThrownBy(() -> rollouts.delete("R")).isInstanceOf(RolloutStateException.class);
    assertThatThrownBy(() -> rollouts.deleteStep("R", 1)).isInstanceOf(RolloutStateException.class);
    assertThatThrownBy(() -> rollouts.activate("R"))
        .hasMessageContaining("only a DRAFT can be activated");
    assertThatThrownBy(() -> rollouts.resume("R")).hasMessageContaining("not PAUSED");
    assertThat(rollouts.get("R")).isEqualTo(before);
  }

  @Test
  void badInput_leavesStoredDataUnchanged() {
    Rollout r = draft();
    long events = sim.baseStore.events(0, Integer.MAX_VALUE).size();

    assertThatThrownBy(() -> rollouts.addStep("R", "/specialsets/canary", "4 h", "1h", "100%,100%"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("time '4 h'");
    assertThatThrownBy(() -> rollouts.addStep("R", "nope", "4h", "1h", "100%,100%"))
        .hasMessageContaining("Unknown selector 'nope'");
    assertThatThrownBy(() -> rollouts.deleteStep("R", 1))
        .hasMessageContaining("no steps to delete");
    assertThatThrownBy(() -> draft()).hasMessageContaining("already exists");
    assertThatThrownBy(() -> rollouts.pause("NOPE")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> rollouts.retry("dev-000001@sim.io"))
        .hasMessageContaining("retry needs DEVICE@step");
    assertThatThrownBy(() -> rollouts.reroute("R", "ALLFAIL", "set kernel=zz"))
        .hasMessageContaining("column 12");

    assertThat(rollouts.get("R")).isEqualTo(r);
    assertThat(sim.baseStore.events(0, Integer.MAX_VALUE)).hasSize((int) events);
  }

  @Test
  void retry_whenNothingFailed_isRefused() {
    draft();
    rollouts.activate("R");
    assertThatThrownBy(() -> rollouts.retryAllFailed("R"))
        .hasMessageContaining("no failed devices");
    assertThatThrownBy(() -> rollouts.retry("dev-000001@sim.io@1"))
        .isInstanceOf(NotFoundException.class);
  }
}
