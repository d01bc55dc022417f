package io.biggerfleet.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.model.TrailState;
import io.biggerfleet.testing.FakeTrails;
import io.biggerfleet.testing.FakeTrails.Fate;
import io.biggerfleet.testing.SimFleet;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Acceptance: the walkthrough's ROLLOUT5 on its eleven devices — canary step (4h, 1h, 100%,100%) on
 * {@code /specialsets/canary}, FINAL 5d/12h at 85%,99% — through drafting, activation, monitoring, a
 * failing canary that stops the rollout, and a reroute that brings it home.
 */
class WalkthroughRollout5Test {
  static final DeviceId CANARY_CISCO = DeviceId.parse("DEVICEID-5@cisco.com");
  static final Duration MINUTE = Duration.ofMinutes(1);

  static void draftRollout5(SimFleet sim) {
    Rollouts rollouts = sim.rollouts();
    rollouts.create(Rollout.builder("ROLLOUT5")
        .change("set kernel=prn::pantahub.com:objects:/" + SimFleet.NEW_KERNEL)
        .message("update kernel across device fleet")
        .devices("/")
        .time("5d")
        .timeout("12h")
        .success("85%,99%")
        .build());
    rollouts.addStep("ROLLOUT5", "/specialsets/canary", "4h", "1h", "100%,100%");
  }

  @Test
  void rollout5_draftedActivatedAndMonitored_succeedsOnAllElevenDevices() {
    SimFleet sim = SimFleet.walkthrough(FakeTrails.allSucceed());
    draftRollout5(sim);
    Rollouts rollouts = sim.rollouts();

    assertThat(rollouts.plan("ROLLOUT5").deviceCount()).isEqualTo(11);
    assertThat(rollouts.describe("ROLLOUT5"))
        .containsExactly(
            "Status: DRAFT",
            "1. '/specialsets/canary' - status: DRAFT; config: time 4h, timeout 1h, min-reports: 100%, min-success: 100%",
            "FINAL. ALL - status: DRAFT; config: time 5d, timeout 12h, min-reports: 85%, min-success: 99%");
    assertThat(rollouts.statusLine("ROLLOUT5")).isEqualTo("ROLLOUT5 DRAFT (Step 0/2, ETA: 6 days)");

    rollouts.deleteStep("ROLLOUT5", 1);
    assertThat(rollouts.get("ROLLOUT5").steps()).isEmpty();
    rollouts.delete("ROLLOUT5");
    assertThat(rollouts.list()).isEmpty();
    draftRollout5(sim);

    RolloutPlan plan = rollouts.activate("ROLLOUT5");
    assertThat(plan.steps()).extracting(RolloutPlan.Step::deviceCount).containsExactly(2, 9);
    sim.tick();
    assertThat(rollouts.describe("ROLLOUT5"))
        .containsExactly(
            "Status: ACTIVE",
            "1. '/specialsets/canary' - status: INPROGRESS, ETA 5h, progress: 0%, success: 0%",
            "2. ALL - status: QUEUE");
    assertThat(rollouts.statusLine("ROLLOUT5"))
        .isEqualTo("ROLLOUT5 ACTIVE (Step: 1/2, Running since: 0 minutes; ETA: 6 days)");

    sim.runUntil(f -> false, Duration.ofMinutes(10), Duration.ofDays(1));
    assertThat(rollouts.statusLine("ROLLOUT5"))
        .isEqualTo("ROLLOUT5 ACTIVE (Step: 2/2, Running since: 1 day; ETA: 5 days)");
    sim.runToEnd("ROLLOUT5", Duration.ofMinutes(10), Duration.ofDays(7));

    assertThat(rollouts.statusLine("ROLLOUT5"))
        .matches(
            "ROLLOUT5 DONE \\(Succeeded @ Mar \\d, 2026 - \\d\\d:\\d\\d:\\d\\d UTC with 100,100%\\)");
    assertThat(rollouts.progress("ROLLOUT5").stream()
            .map(RolloutFormat::deviceLine)
            .collect(Collectors.toList()))
        .hasSize(11)
        .allMatch(l -> l.endsWith(" [OK]"));
    for (DeviceRolloutProgress p : rollouts.progress("ROLLOUT5")) {
      assertThat(sim.trails(p.device().registry())
              .latest(p.device())
              .state()
              .orElseThrow()
              .get("kernel"))
          .isEqualTo(SimFleet.NEW_KERNEL);
    }
  }

  @Test
  void rollout5_whenTheCanaryFails_stopsInError_andARerouteBringsItHome() {
    // DEVICEID-5 (a 121XPs) cannot boot the new kernel without a firmware fix
    FakeTrails.DeviceBehaviour b = (d, s) -> {
      TrailState st = s.state().orElseThrow();
      boolean needsFix = d.equals(CANARY_CISCO)
          && SimFleet.NEW_KERNEL.equals(st.get("kernel"))
          && st.get("firmware") == null;
      return needsFix
          ? Fate.fail(MINUTE, MINUTE, "starting new kernel failed - segmentation fault")
          : Fate.succeed(MINUTE, Duration.ofMinutes(5));
    };
    SimFleet sim = SimFleet.walkthrough(b);
    draftRollout5(sim);
    Rollouts rollouts = sim.rollouts();
    rollouts.activate("ROLLOUT5");
    sim.runUntil(
        f -> f.rollouts().get("ROLLOUT5").state() == RolloutState.ERROR,
        MINUTE,
        Duration.ofHours(6));

    Rollout r = rollouts.get("ROLLOUT5");
    assertThat(r.state()).isEqualTo(RolloutState.ERROR);
    assertThat(rollouts.statusLine("ROLLOUT5"))
        .matches("ROLLOUT5 ERROR \\(Failed @ Step: 1/2, ERROR: (50,0|100,50)%\\)");
    assertThat(rollouts.progress("ROLLOUT5"))
        .filteredOn(p -> p.step() == 2)
        .allMatch(p -> p.status() == DeviceStatus.WAITING)
        .hasSize(9);
    assertThat(rollouts.failures("ROLLOUT5"))
        .singleElement()
        .satisfies(f -> assertThat(RolloutFormat.failureLines(f))
            .containsExactly(
                "DEVICEID-5@cisco.com@1  \"update kernel across device fleet\"",
                "Error Message: \"starting new kernel failed - segmentation fault\""));

    rollouts.reroute("ROLLOUT5", "ALLFAIL", "set firmware=" + SimFleet.FIRMWARE);
    sim.runToEnd("ROLLOUT5", Duration.ofMinutes(10), Duration.ofDays(7));

    assertThat(rollouts.get("ROLLOUT5").state()).isEqualTo(RolloutState.DONE);
    assertThat(rollouts.progress("ROLLOUT5")).allMatch(p -> p.status() == DeviceStatus.SUCCEEDED);
    TrailState canary = sim.trails("cisco.com").latest(CANARY_CISCO).state().orElseThrow();
    assertThat(canary.get("kernel")).isEqualTo(SimFleet.NEW_KERNEL);
    assertThat(canary.get("firmware")).isEqualTo(SimFleet.FIRMWARE);
    assertThat(sim.trails("cisco.com")
            .latest(DeviceId.parse("DEVICEID-1@cisco.com"))
            .state()
            .orElseThrow()
            .get("firmware"))
        .isNull();
    // the detour and the change again: attempts 2 and 3 of the canary
    assertThat(sim.trails("cisco.com").posts())
        .filteredOn(s -> s.device().equals(CANARY_CISCO))
        .extracting(s -> s.marker().orElseThrow().attempt() + " " + s.commitMessage())
        .containsExactly(
            "1 update kernel across device fleet",
            "2 Detour before: update kernel across device fleet",
            "3 update kernel across device fleet");
  }
}
