package io.biggerfleet.rollout;

import static io.biggerfleet.model.RolloutAction.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.device.DeviceId;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutAction;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.model.RolloutStateException;
import io.biggerfleet.model.RolloutTransition;
import io.biggerfleet.testing.FakeTrails;
import io.biggerfleet.testing.FakeTrails.Fate;
import io.biggerfleet.testing.SimFleet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every state change, by command or by gate, reaches listeners as a typed row of the transition table. */
class RolloutTransitionEventsTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  record Seen(String rollout, RolloutTransition transition) {}

  static final class Recorder implements RolloutListener {
    final List<Seen> seen = new ArrayList<>();

    @Override
    public void onEvent(FleetEvent event) {}

    @Override
    public void onTransition(String rollout, RolloutTransition transition) {
      seen.add(new Seen(rollout, transition));
    }

    List<RolloutAction> actions() {
      return seen.stream().map(s -> s.transition().action()).toList();
    }
  }

  @Test
  void commands_and_gates_reportTheirTransitions_inOrder() {
    DeviceId flaky = DeviceId.parse("dev-000000@sim.io");
    FakeTrails.DeviceBehaviour b =
        (d, s) -> d.equals(flaky) && s.marker().orElseThrow().attempt() == 1
            ? Fate.fail(MINUTE, MINUTE, "app checksum mismatch")
            : Fate.succeed(MINUTE, MINUTE);
    SimFleet sim = SimFleet.of(30, 10, b, null);
    Recorder rec = new Recorder();
    sim.rollouts().addListener(rec);
    sim.rollouts()
        .create(Rollout.builder("R")
            .change("set kernel=prn::pantahub.com:objects:/" + SimFleet.NEW_KERNEL)
            .message("m")
            .devices("/")
            .time("1d")
            .timeout("12h")
            .success("85%,99%")
            .build());
    sim.rollouts().addStep("R", "/specialsets/canary", "4h", "1h", "100%,100%");

    sim.rollouts().activate("R");
    sim.rollouts().pause("R");
    sim.rollouts().resume("R");
    sim.runUntil(
        f -> f.rollouts().get("R").state() == RolloutState.ERROR, MINUTE, Duration.ofDays(1));
    sim.rollouts().retry(flaky + "@1");
    sim.runToEnd("R", Duration.ofMinutes(10), Duration.ofDays(3));

    assertThat(rec.actions()).containsExactly(ACTIVATE, PAUSE, RESUME, FAIL, RETRY, COMPLETE);
    assertThat(rec.seen)
        .allMatch(s -> s.rollout().equals("R"))
        .allMatch(s -> RolloutTransition.table().contains(s.transition()));
    assertThat(rec.seen.get(3).transition())
        .isEqualTo(new RolloutTransition(RolloutState.ACTIVE, FAIL, RolloutState.ERROR));
  }

  @Test
  void refusedCommand_reportsNoTransition_andChangesNothing() {
    SimFleet sim = SimFleet.of(6, 3, FakeTrails.allSucceed(), null);
    Recorder rec = new Recorder();
    sim.rollouts().addListener(rec);
    sim.rollouts()
        .create(Rollout.builder("R")
            .change("set kernel=prn::pantahub.com:objects:/" + SimFleet.NEW_KERNEL)
            .message("m")
            .devices("/")
            .build());
    Rollout before = sim.rollouts().get("R");

    assertThatThrownBy(() -> sim.rollouts().pause("R"))
        .isInstanceOf(RolloutStateException.class)
        .hasMessageStartingWith("Cannot pause rollout 'R': it is DRAFT, not ACTIVE");

    assertThat(rec.seen).isEmpty();
    assertThat(sim.rollouts().get("R")).isEqualTo(before);
  }

  @Test
  void backout_reportsBackoutOfTheOriginal() {
    SimFleet sim = SimFleet.of(6, 3, FakeTrails.allSucceed(), null);
    Recorder rec = new Recorder();
    sim.rollouts().addListener(rec);
    sim.rollouts()
        .create(Rollout.builder("R")
            .change("set kernel=prn::pantahub.com:objects:/" + SimFleet.NEW_KERNEL)
            .message("m")
            .devices("/")
            .build());
    sim.rollouts().activate("R");

    sim.rollouts().backout("R");

    assertThat(rec.seen)
        .contains(new Seen(
            "R", new RolloutTransition(RolloutState.ACTIVE, BACKOUT, RolloutState.ABORTED)));
    assertThat(sim.rollouts().get("R").state()).isEqualTo(RolloutState.ABORTED);
  }
}
