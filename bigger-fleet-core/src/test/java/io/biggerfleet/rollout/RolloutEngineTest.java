package io.biggerfleet.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.device.DeviceId;
import io.biggerfleet.event.EventType;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.model.DeviceRetry;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.LateJoinerPolicy;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutKind;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.model.RolloutStateException;
import io.biggerfleet.spi.StepMarker;
import io.biggerfleet.spi.TrailStep;
import io.biggerfleet.testing.FakeTrails;
import io.biggerfleet.testing.FakeTrails.Fate;
import io.biggerfleet.testing.SimFleet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RolloutEngineTest {
  static final Duration MINUTE = Duration.ofMinutes(1);
  static final Duration TEN_MINUTES = Duration.ofMinutes(10);

  static Rollout.Builder kernelRollout(String name) {
    return Rollout.builder(name)
        .change("set kernel=prn::pantahub.com:objects:/" + SimFleet.NEW_KERNEL)
        .message("update kernel across device fleet")
        .devices("/")
        .time("1d")
        .timeout("12h")
        .success("85%,99%");
  }

  static SimFleet canaryRollout(SimFleet sim, String name) {
    sim.rollouts().create(kernelRollout(name).build());
    sim.rollouts().addStep(name, "/specialsets/canary", "4h", "1h", "100%,100%");
    return sim;
  }

  static List<FleetEvent> events(SimFleet sim, EventType type) {
    return sim.baseStore.events(0, Integer.MAX_VALUE).stream()
        .filter(e -> e.type() == type)
        .collect(Collectors.toList());
  }

  static Rollout rollout(SimFleet sim, String name) {
    return sim.rollouts().get(name);
  }

  @Test
  void activate_whenEveryDeviceSucceeds_runsCanaryThenFinalAndEndsDone() {
    SimFleet sim = canaryRollout(SimFleet.of(100, 10, FakeTrails.allSucceed(), null), "R");
    RolloutPlan plan = sim.rollouts().activate("R");
    assertThat(plan.steps()).extracting(RolloutPlan.Step::deviceCount).containsExactly(10, 90);

    sim.runToEnd("R", TEN_MINUTES, Duration.ofDays(5));

    Rollout r = rollout(sim, "R");
    assertThat(r.state()).isEqualTo(RolloutState.DONE);
    assertThat(r.run().lastReportedBasisPoints()).isEqualTo(10_000);
    assertThat(sim.trails("sim.io").postCounts().values()).hasSize(100).allMatch(c -> c == 1);
    assertThat(sim.rollouts().progress("R")).allMatch(p -> p.status() == DeviceStatus.SUCCEEDED);
    List<TrailStep> posts = sim.trails("sim.io").posts();
    int lastCanary = 0;
    int firstFinal = Integer.MAX_VALUE;
    for (int i = 0; i < posts.size(); i++) {
      int step = posts.get(i).marker().orElseThrow().step();
      if (step == 1) {
        lastCanary = Math.max(lastCanary, i);
      } else {
        firstFinal = Math.min(firstFinal, i);
      }
    }
    assertThat(lastCanary).isLessThan(firstFinal);
    assertThat(events(sim, EventType.GATE_PASSED)).hasSize(2);
    assertThat(sim.trails("sim.io")
            .latest(DeviceId.parse("dev-000003@sim.io"))
            .state()
            .orElseThrow()
            .get("kernel"))
        .isEqualTo(SimFleet.NEW_KERNEL);
  }

  @Test
  void finalStep_spreadsPostsEvenlyOverItsWindow() {
    SimFleet sim = SimFleet.of(2000, 0, FakeTrails.allSucceed(), null);
    sim.rollouts().create(kernelRollout("R").time("4d").success("0%,0%").build());
    Instant start = sim.clock.instant();
    sim.rollouts().activate("R");
    sim.runToEnd("R", Duration.ofMinutes(30), Duration.ofDays(6));

    int[] quarter = new int[4];
    for (TrailStep s : sim.trails("sim.io").posts()) {
      long ms = Duration.between(start, s.postedAt().orElseThrow()).toMillis();
      assertThat(ms)
          .isBetween(0L, Duration.ofDays(4).toMillis() + Duration.ofMinutes(30).toMillis());
      quarter[(int) Math.min(3, ms / Duration.ofDays(1).toMillis())]++;
    }
    assertThat(java.util.Arrays.stream(quarter).boxed()).allMatch(q -> q > 400 && q < 600);
  }

  @Test
  void gate_whenEveryCanaryReportsSuccess_passesEarly() {
    SimFleet sim = canaryRollout(SimFleet.of(50, 5, FakeTrails.allSucceed(), null), "R");
    Instant start = sim.clock.instant();
    sim.rollouts().activate("R");
    sim.runUntil(f -> rollout(f, "R").run().currentStep() == 2, TEN_MINUTES, Duration.ofDays(1));

    // every canary posted within the 4h window and done ~20 min later: well before the 5h gate
    Duration took =
        Duration.between(start, rollout(sim, "R").run().stepStartedAt().orElseThrow());
    assertThat(took).isLessThan(Duration.ofHours(5)).isGreaterThan(Duration.ofMinutes(10));
    assertThat(events(sim, EventType.GATE_PASSED).get(0).message()).contains("(early)");
  }

  @Test
  void posting_withSeveralPostsInFlight_postsEveryDeviceOnce_andEndsLikeOneAtATime() {
    SimFleet sim = SimFleet.of(200, 10, FakeTrails.allSucceed(), null);
    FakeTrails t = sim.trails("sim.io");
    io.biggerfleet.spi.DeviceTrails concurrent = new io.biggerfleet.spi.DeviceTrails() {
      public String registry() {
        return t.registry();
      }

      public TrailStep latest(DeviceId d) {
        return t.latest(d);
      }

      public java.util.Optional<TrailStep> step(DeviceId d, int rev) {
        return t.step(d, rev);
      }

      public TrailStep post(DeviceId d, io.biggerfleet.spi.StepRequest r) {
        return t.post(d, r);
      }

      public java.util.Optional<TrailStep> find(DeviceId d, StepMarker m) {
        return t.find(d, m);
      }

      public boolean cancel(DeviceId d, int rev) {
        return t.cancel(d, rev);
      }

      public io.biggerfleet.spi.ProgressPage progressSince(String c, int limit) {
        return t.progressSince(c, limit);
      }

      public boolean objectExists(String sha) {
        return t.objectExists(sha);
      }

      public int postConcurrency() {
        return 4;
      }
    };
    Rollouts rollouts = Rollouts.over(
        sim.baseStore, sim.clock, Map.of("sim.io", concurrent), sim.resolver(), "tester");
    rollouts.create(kernelRollout("R").time("2h").build());
    rollouts.addStep("R", "/specialsets/canary", "1h", "1h", "100%,100%");
    rollouts.activate("R");

    for (int i = 0; i < 500 && rollouts.get("R").state() == RolloutState.ACTIVE; i++) {
      sim.clock.advance(TEN_MINUTES);
      rollouts.tick();
    }

    assertThat(rollouts.get("R").state()).isEqualTo(RolloutState.DONE);
    assertThat(t.postCounts()).hasSize(200).allSatisfy((k, n) -> assertThat(n).isEqualTo(1));
    assertThat(rollouts.progress("R"))
        .hasSize(200)
        .allMatch(p -> p.status() == DeviceStatus.SUCCEEDED);
    assertThat(events(sim, EventType.DEVICE_POSTED)).hasSize(200);
  }

  @Test
  void gate_whenEngineWasNotRunningDuringTheWindow_givesLatePostsTheFullTimeout() {
    // A CLI user activates and comes back a day later: nothing was posted on schedule.
    FakeTrails.DeviceBehaviour b = (d, st) -> Fate.succeed(Duration.ofMinutes(20), MINUTE);
    SimFleet sim = canaryRollout(SimFleet.of(50, 5, b, null), "R");
    sim.rollouts().activate("R");
    Instant gate = rollout(sim, "R").run().gateAt().orElseThrow();
    sim.clock.advance(Duration.ofDays(1));

    sim.rollouts().tick();

    Rollout r = rollout(sim, "R");
    assertThat(r.state()).isEqualTo(RolloutState.ACTIVE);
    assertThat(r.run().currentStep()).isEqualTo(1);
    assertThat(r.run().gateAt().orElseThrow())
        .isAfter(gate)
        .isEqualTo(sim.clock.instant().plus(Duration.ofHours(1)));
    sim.runUntil(f -> rollout(f, "R").run().currentStep() == 2, TEN_MINUTES, Duration.ofHours(2));
    assertThat(events(sim, EventType.GATE_PASSED)).hasSize(1);
    assertThat(events(sim, EventType.GATE_FAILED)).isEmpty();
  }

  @Test
  void gate_whenOneCanaryFails_failsEarlyAndNothingOfFinalIsPosted() {
    DeviceId bad = DeviceId.parse("dev-000010@sim.io");
    FakeTrails.DeviceBehaviour b = (d, s) -> d.equals(bad)
        ? Fate.fail(MINUTE, MINUTE, "segmentation fault")
        : Fate.succeed(Duration.ofHours(3), MINUTE);
    SimFleet sim = canaryRollout(SimFleet.of(50, 5, b, null), "R");
    sim.rollouts().activate("R");
    Instant failedAt = sim.runUntil(
        f -> rollout(f, "R").state() == RolloutState.ERROR, MINUTE, Duration.ofDays(1));

    Rollout r = rollout(sim, "R");
    assertThat(r.state()).isEqualTo(RolloutState.ERROR);
    assertThat(r.run().failedStep()).isEqualTo(1);
    assertThat(failedAt).isBefore(r.run().gateAt().orElseThrow());
    assertThat(sim.trails("sim.io").posts())
        .allMatch(s -> s.marker().orElseThrow().step() == 1);
    assertThat(sim.rollouts().failures("R")).extracting(Failure::device).containsExactly(bad);
    assertThat(RolloutFormat.statusLine(r, sim.clock.instant()))
        .startsWith("R ERROR (Failed @ Step: 1/2, ERROR: ");
  }

  @Test
  void offlineDevices_doNotBlockTheGate_andAreWatchedAfterDone() {
    Set<DeviceId> offline =
        Set.of(DeviceId.parse("dev-000001@sim.io"), DeviceId.parse("dev-000002@sim.io"));
    FakeTrails.DeviceBehaviour b =
        (d, s) -> offline.contains(d) ? Fate.offline() : Fate.succeed(MINUTE, MINUTE);
    SimFleet sim = SimFleet.of(20, 0, b, null);
    sim.rollouts()
        .create(kernelRollout("R").time("2h").timeout("1h").success("85%,100%").build());
    sim.rollouts().activate("R");
    sim.runUntil(
        f -> rollout(f, "R").state() == RolloutState.DONE, TEN_MINUTES, Duration.ofDays(1));

    Rollout r = rollout(sim, "R");
    assertThat(r.state()).isEqualTo(RolloutState.DONE);
    assertThat(r.run().finishedAt().orElseThrow())
        .isAfterOrEqualTo(r.run().gateAt().orElseThrow());
    assertThat(r.run().watching()).isTrue();
    assertThat(sim.rollouts().leftBehind("R"))
        .extracting(DeviceRolloutProgress::device)
        .containsExactlyInAnyOrderElementsOf(offline);
    assertThat(RolloutFormat.statusLine(r, sim.clock.instant())).contains("with 90,100%");

    offline.forEach(d -> sim.trails("sim.io").comeOnline(d, MINUTE));
    sim.runToEnd("R", TEN_MINUTES, Duration.ofDays(1));
    assertThat(sim.rollouts().leftBehind("R")).isEmpty();
    assertThat(sim.rollouts().progress("R")).allMatch(p -> p.status() == DeviceStatus.SUCCEEDED);
    assertThat(rollout(sim, "R").run().watching()).isFalse();
  }

  @Test
  void pause_postsNothingWhilePaused_andResumeShiftsTheSchedule() {
    SimFleet sim = SimFleet.of(200, 0, FakeTrails.allSucceed(), null);
    sim.rollouts()
        .create(kernelRollout("R").time("1d").timeout("2h").success("90%,99%").build());
    sim.rollouts().activate("R");
    Instant gateBefore = rollout(sim, "R").run().gateAt().orElseThrow();
    sim.runUntil(f -> false, TEN_MINUTES, Duration.ofHours(6));
    int postedBefore = sim.trails("sim.io").posts().size();
    assertThat(postedBefore).isBetween(20, 80);

    sim.rollouts().pause("R");
    sim.runUntil(f -> false, TEN_MINUTES, Duration.ofDays(2));
    assertThat(sim.trails("sim.io").posts()).hasSize(postedBefore);
    assertThat(rollout(sim, "R").state()).isEqualTo(RolloutState.PAUSED);
    assertThat(sim.rollouts().statusLine("R"))
        .isEqualTo("R PAUSED (Step: 1/1, Paused since: 2 days)");

    sim.rollouts().resume("R");
    assertThat(rollout(sim, "R").run().gateAt().orElseThrow())
        .isEqualTo(gateBefore.plus(Duration.ofDays(2)));
    sim.runToEnd("R", TEN_MINUTES, Duration.ofDays(3));
    assertThat(rollout(sim, "R").state()).isEqualTo(RolloutState.DONE);
    // nothing was posted in the paused two days
    Instant pausedFrom = sim.clock.instant().minus(Duration.ofDays(10));
    assertThat(sim.trails("sim.io").posts()).hasSize(200);
    assertThat(sim.trails("sim.io").posts().stream()
            .map(s -> s.postedAt().orElseThrow())
            .filter(t -> t.isAfter(Instant.parse("2026-03-01T06:00:00Z"))
                && t.isBefore(Instant.parse("2026-03-03T06:00:00Z"))))
        .isEmpty();
    assertThat(pausedFrom).isNotNull();
  }

  @Test
  void abort_cancelsStepsNotPickedUp_andQueuedDevicesEndAborted() {
    FakeTrails.DeviceBehaviour slow = (d, s) -> Fate.succeed(Duration.ofHours(10), MINUTE);
    SimFleet sim = SimFleet.of(100, 0, slow, null);
    sim.rollouts().create(kernelRollout("R").time("10h").build());
    sim.rollouts().activate("R");
    sim.runUntil(f -> false, TEN_MINUTES, Duration.ofHours(5));
    int posted = sim.trails("sim.io").posts().size();
    assertThat(posted).isBetween(30, 70);

    Rollout aborted = sim.rollouts().abort("R");
    assertThat(aborted.state()).isEqualTo(RolloutState.ABORTED);
    sim.runUntil(f -> false, TEN_MINUTES, Duration.ofDays(1));

    assertThat(sim.trails("sim.io").posts()).hasSize(posted);
    assertThat(sim.rollouts().progress("R")).allMatch(p -> p.status() == DeviceStatus.ABORTED);
    for (TrailStep s : sim.trails("sim.io").posts()) {
      assertThat(sim.trails("sim.io")
              .step(s.device(), s.rev())
              .orElseThrow()
              .progress()
              .rawStatus())
          .isEqualTo("CANCEL");
    }
    assertThat(sim.rollouts().progress("R").stream().map(RolloutFormat::deviceLine))
        .allMatch(l -> l.endsWith("[ABORT]"));
    assertThatThrownBy(() -> sim.rollouts().resume("R"))
        .isInstanceOf(RolloutStateException.class)
        .hasMessageContaining("ABORTED");
  }

  @Test
  void backout_revertsDevicesThatTookTheChange_andAbortsTheRest() {
    FakeTrails.DeviceBehaviour b = (d, s) -> Fate.succeed(MINUTE, MINUTE);
    SimFleet sim = SimFleet.of(100, 0, b, null);
    sim.rollouts().create(kernelRollout("R").time("10h").build());
    sim.rollouts().activate("R");
    sim.runUntil(f -> false, TEN_MINUTES, Duration.ofHours(5));
    long took = sim.rollouts().progress("R").stream()
        .filter(p -> p.status() == DeviceStatus.SUCCEEDED)
        .count();
    assertThat(took).isBetween(30L, 70L);

    Rollout backout = sim.rollouts().backout("R");
    assertThat(backout.kind()).isEqualTo(RolloutKind.BACKOUT);
    assertThat(backout.parent()).contains("R");
    sim.runToEnd(backout.name(), MINUTE, Duration.ofDays(1));

    assertThat(rollout(sim, "R").state()).isEqualTo(RolloutState.ABORTED);
    assertThat(rollout(sim, backout.name()).state()).isEqualTo(RolloutState.DONE);
    Map<DeviceStatus, Long> ends = sim.rollouts().progress("R").stream()
        .collect(Collectors.groupingBy(DeviceRolloutProgress::status, Collectors.counting()));
    assertThat(ends).containsOnlyKeys(DeviceStatus.ROLLED_BACK, DeviceStatus.ABORTED);
    assertThat(ends.get(DeviceStatus.ROLLED_BACK)).isEqualTo(took);
    for (DeviceId id : sim.deviceIds()) {
      List<TrailStep> trail = sim.trails("sim.io").trailOf(id);
      TrailStep effective = trail.stream()
          .filter(s -> !s.progress().rawStatus().equals("CANCEL"))
          .reduce((a, c) -> c)
          .orElseThrow();
      assertThat(effective.state().orElseThrow())
          .as("running state of %s", id)
          .isEqualTo(SimFleet.factoryState());
    }
    assertThat(sim.rollouts().progress(backout.name()))
        .hasSize((int) took)
        .allMatch(p -> p.status() == DeviceStatus.SUCCEEDED);
    assertThat(sim.rollouts().statusLine("R")).contains("backed out by " + backout.name());
  }

  @Test
  void retry_ofAFailedDevice_postsASecondAttemptAndTheRolloutCarriesOn() {
    DeviceId flaky = DeviceId.parse("dev-000000@sim.io");
    FakeTrails.DeviceBehaviour b =
        (d, s) -> d.equals(flaky) && s.marker().orElseThrow().attempt() == 1
            ? Fate.fail(MINUTE, MINUTE, "app checksum mismatch - download corrupted.")
            : Fate.succeed(MINUTE, MINUTE);
    SimFleet sim = canaryRollout(SimFleet.of(30, 10, b, null), "R");
    sim.rollouts().activate("R");
    sim.runUntil(f -> rollout(f, "R").state() == RolloutState.ERROR, MINUTE, Duration.ofDays(1));
    List<Failure> failures = sim.rollouts().failures("R");
    assertThat(failures).hasSize(1);
    assertThat(RolloutFormat.failureLines(failures.get(0)))
        .containsExactly(
            "dev-000000@sim.io@1  \"update kernel across device fleet\"",
            "Error Message: \"app checksum mismatch - download corrupted.\"");

    sim.rollouts().retry("dev-000000@sim.io@1");
    sim.runToEnd("R", TEN_MINUTES, Duration.ofDays(3));

    assertThat(rollout(sim, "R").state()).isEqualTo(RolloutState.DONE);
    assertThat(sim.trails("sim.io").postCounts())
        .containsEntry(flaky + "|" + StepMarker.of("R", 1, 2), 1);
    assertThat(sim.rollouts().progress("R")).allMatch(p -> p.status() == DeviceStatus.SUCCEEDED);
  }

  @Test
  void retryPolicy_retriesAFailureAutomaticallyWithBackoff() {
    DeviceId flaky = DeviceId.parse("dev-000005@sim.io");
    FakeTrails.DeviceBehaviour b =
        (d, s) -> d.equals(flaky) && s.marker().orElseThrow().attempt() < 3
            ? Fate.fail(MINUTE, MINUTE, "download corrupted")
            : Fate.succeed(MINUTE, MINUTE);
    SimFleet sim = SimFleet.of(20, 0, b, null);
    sim.rollouts()
        .create(kernelRollout("R")
            .time("1h")
            .timeout("6h")
            .success("100%,100%")
            .retry(DeviceRetry.of(3, Duration.ofMinutes(30)))
            .build());
    sim.rollouts().activate("R");
    sim.runToEnd("R", MINUTE, Duration.ofDays(1));

    assertThat(rollout(sim, "R").state()).isEqualTo(RolloutState.DONE);
    List<TrailStep> flakyPosts = sim.trails("sim.io").posts().stream()
        .filter(s -> s.device().equals(flaky))
        .collect(Collectors.toList());
    assertThat(flakyPosts)
        .extracting(s -> s.marker().orElseThrow().attempt())
        .containsExactly(1, 2, 3);
    // backoff: 30 min after the first failure, 60 min after the second
    Duration gap1 = Duration.between(
        flakyPosts.get(0).postedAt().orElseThrow(), flakyPosts.get(1).postedAt().orElseThrow());
    Duration gap2 = Duration.between(
        flakyPosts.get(1).postedAt().orElseThrow(), flakyPosts.get(2).postedAt().orElseThrow());
    assertThat(gap1).isBetween(Duration.ofMinutes(32), Duration.ofMinutes(35));
    assertThat(gap2).isBetween(Duration.ofMinutes(62), Duration.ofMinutes(65));
  }

  @Test
  void reroute_sendsFailedDevicesOverTheDetourThenTheChange() {
    // a device without the firmware fix cannot boot the new kernel
    FakeTrails.DeviceBehaviour b = (d, s) -> {
      boolean newKernel = SimFleet.NEW_KERNEL.equals(s.state().orElseThrow().get("kernel"));
      boolean firmware = s.state().orElseThrow().get("firmware") != null;
      boolean old = d.id().endsWith("1") || d.id().endsWith("2");
      return newKernel && old && !firmware
          ? Fate.fail(MINUTE, MINUTE, "kernel does not boot")
          : Fate.succeed(MINUTE, MINUTE);
    };
    SimFleet sim = SimFleet.of(30, 0, b, null);
    sim.rollouts()
        .create(kernelRollout("R").time("0s").timeout("1h").success("100%,100%").build());
    sim.rollouts().activate("R");
    // everything is posted at once; the gate fails at the first failure, the rest keep being
    // watched
    sim.runToEnd("R", MINUTE, Duration.ofDays(1));
    assertThat(rollout(sim, "R").state()).isEqualTo(RolloutState.ERROR);
    assertThat(sim.rollouts().failures("R"))
        .extracting(f -> f.device().id())
        .containsExactly(
            "dev-000001", "dev-000002", "dev-000011", "dev-000012", "dev-000021", "dev-000022");

    sim.rollouts().reroute("R", "ALLFAIL", "set firmware=" + SimFleet.FIRMWARE);
    assertThat(sim.rollouts().progress("R").stream().filter(DeviceRolloutProgress::detour))
        .isNotEmpty();
    sim.runToEnd("R", MINUTE, Duration.ofDays(1));

    assertThat(rollout(sim, "R").state())
        .as("%s %s", rollout(sim, "R"), sim.rollouts().progress("R"))
        .isEqualTo(RolloutState.DONE);
    for (DeviceId id : sim.deviceIds()) {
      var state = sim.trails("sim.io").latest(id).state().orElseThrow();
      assertThat(state.get("kernel")).isEqualTo(SimFleet.NEW_KERNEL);
      boolean old = id.id().endsWith("1") || id.id().endsWith("2");
      assertThat(state.get("firmware")).isEqualTo(old ? SimFleet.FIRMWARE : null);
    }
  }

  @Test
  void activate_whenDevicesAreInAnotherActiveRollout_isRefusedListingThem() {
    SimFleet sim = SimFleet.of(10, 0, FakeTrails.allSucceed(), null);
    sim.rollouts().create(kernelRollout("A").build());
    sim.rollouts().activate("A");
    sim.rollouts().create(kernelRollout("B").devices("dev-000003@sim.io").build());

    assertThatThrownBy(() -> sim.rollouts().activate("B"))
        .isInstanceOf(RolloutConflictException.class)
        .hasMessageContaining("dev-000003@sim.io (in A)")
        .satisfies(e -> assertThat(((RolloutConflictException) e).conflicts())
            .containsOnlyKeys(DeviceId.parse("dev-000003@sim.io")));
    assertThat(rollout(sim, "B").state()).isEqualTo(RolloutState.DRAFT);
    assertThat(sim.rollouts().progress("B")).isEmpty();
  }

  @Test
  void activate_whenAReferencedObjectIsMissing_isRefusedAndNothingChanges() {
    SimFleet sim = SimFleet.of(5, 0, FakeTrails.allSucceed(), null);
    sim.rollouts()
        .create(kernelRollout("R").change("set kernel=" + "d".repeat(64)).build());

    assertThatThrownBy(() -> sim.rollouts().activate("R"))
        .hasMessageContaining("d".repeat(64))
        .hasMessageContaining("do not exist");
    assertThat(rollout(sim, "R").state()).isEqualTo(RolloutState.DRAFT);
    assertThat(sim.rollouts().progress("R")).isEmpty();
  }

  @Test
  void lateJoiners_joinFinalOnlyWhenThePolicySaysSo() {
    SimFleet sim = SimFleet.of(10, 0, FakeTrails.allSucceed(), null);
    sim.rollouts()
        .create(kernelRollout("JOIN")
            .time("4h")
            .lateJoiners(LateJoinerPolicy.JOIN_FINAL)
            .build());
    sim.rollouts().activate("JOIN");
    sim.runUntil(f -> false, TEN_MINUTES, Duration.ofMinutes(30));
    DeviceId late = DeviceId.parse("late-1@sim.io");
    sim.addDevice(late);
    sim.runToEnd("JOIN", TEN_MINUTES, Duration.ofDays(1));

    assertThat(sim.rollouts().progress("JOIN"))
        .hasSize(11)
        .anySatisfy(p -> assertThat(p.device()).isEqualTo(late))
        .allMatch(p -> p.status() == DeviceStatus.SUCCEEDED);
    assertThat(events(sim, EventType.LATE_JOINERS_ADDED)).hasSize(1);

    sim.rollouts()
        .create(kernelRollout("IGNORE")
            .change("set kernel=" + SimFleet.FIRMWARE)
            .time("4h")
            .build());
    sim.rollouts().activate("IGNORE");
    sim.runUntil(f -> false, TEN_MINUTES, Duration.ofMinutes(30));
    sim.addDevice(DeviceId.parse("late-2@sim.io"));
    sim.runToEnd("IGNORE", TEN_MINUTES, Duration.ofDays(1));
    assertThat(sim.rollouts().progress("IGNORE"))
        .hasSize(11)
        .noneMatch(p -> p.device().id().equals("late-2"));
  }

  @Test
  void listener_thatThrows_neverBreaksTheEngine_andLoadCountsInFlightUpdates() {
    SimFleet sim = SimFleet.of(40, 0, (d, s) -> Fate.succeed(Duration.ofHours(1), MINUTE), null);
    List<EventType> seen = new ArrayList<>();
    sim.rollouts().addListener(e -> {
      seen.add(e.type());
      throw new IllegalStateException("listener bug");
    });
    sim.rollouts().create(kernelRollout("R").time("2h").build());
    sim.rollouts().activate("R");
    sim.runUntil(f -> false, TEN_MINUTES, Duration.ofMinutes(90));

    FleetLoad load = sim.rollouts().load();
    assertThat(load.inFlight()).isGreaterThan(0);
    assertThat(load.byStatus().get(DeviceStatus.WAITING)).isGreaterThan(0);
    assertThat(load.listenerFailures()).isEqualTo(seen.size());
    sim.runToEnd("R", TEN_MINUTES, Duration.ofDays(1));
    assertThat(rollout(sim, "R").state()).isEqualTo(RolloutState.DONE);
    assertThat(seen)
        .contains(
            EventType.DEVICE_POSTED,
            EventType.DEVICE_RESULT,
            EventType.GATE_PASSED,
            EventType.ROLLOUT_STATE_CHANGED);
  }

  @Test
  void restart_inTheMiddle_continuesFromTheStoreWithoutPostingTwice() {
    SimFleet sim = canaryRollout(SimFleet.of(60, 6, FakeTrails.allSucceed(), null), "R");
    sim.rollouts().activate("R");
    sim.runUntil(f -> rollout(f, "R").run().currentStep() == 2, TEN_MINUTES, Duration.ofDays(1));
    sim.runUntil(f -> false, TEN_MINUTES, Duration.ofHours(6));
    sim.restart();
    sim.runToEnd("R", TEN_MINUTES, Duration.ofDays(3));

    assertThat(rollout(sim, "R").state()).isEqualTo(RolloutState.DONE);
    assertThat(sim.trails("sim.io").postCounts())
        .hasSize(60)
        .allSatisfy((k, v) -> assertThat(v).isEqualTo(1));
  }
}
