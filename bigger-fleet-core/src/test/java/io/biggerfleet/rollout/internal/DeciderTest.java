package io.biggerfleet.rollout.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.GateFailurePolicy;
import io.biggerfleet.model.LateJoinerPolicy;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutRun;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.model.RolloutStep;
import io.biggerfleet.model.StepConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Worked tables for the pure {@link Decider}: a two-step rollout (a canary step of 10 devices, then
 * FINAL), its gates, posts, watching and abort cleanup — each a rollout, a plan and a time in, the
 * decisions out.
 */
class DeciderTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration HOUR = Duration.ofHours(1);
  /** Canary: 1h window, 1h timeout, 100%,90%; FINAL: 2h window, 1h timeout, 80%,90%. */
  static final StepConfig CANARY = StepConfig.parse("1h", "1h", "100%,90%");

  static final StepConfig FINAL = StepConfig.parse("2h", "1h", "80%,90%");

  static Rollout.Builder rollout(RolloutState state, int step, Instant gateAt) {
    return Rollout.builder("R")
        .change("set a.json={}")
        .devices("/")
        .defaults(FINAL)
        .step(RolloutStep.of("/canary", CANARY))
        .restoredState(state)
        .run(RolloutRun.notStarted().toBuilder()
            .activatedAt(T0)
            .currentStep(step)
            .stepStartedAt(T0)
            .gateAt(gateAt)
            .build());
  }

  /** A plan of {@code canary.length} canary devices and {@code fin.length} FINAL ones; spreads 0, ½, … */
  static DeviceTable plan(Rollout r, DeviceStatus[] canary, DeviceStatus[] fin) {
    int n = canary.length + fin.length;
    DeviceId[] ids = new DeviceId[n];
    byte[] step = new byte[n];
    byte[] status = new byte[n];
    int[] spread = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = DeviceId.of(String.format("d%03d", i), "hub");
      boolean c = i < canary.length;
      step[i] = (byte) (c ? 1 : 2);
      status[i] = (byte) (c ? canary[i] : fin[i - canary.length]).ordinal();
      int k = c ? i : i - canary.length;
      int size = c ? canary.length : fin.length;
      spread[i] = (int) (((long) k << Spread.BITS) / size);
    }
    return new DeviceTable(r, 1, ids, step, status, spread);
  }

  static DeviceStatus[] of(int n, DeviceStatus s) {
    DeviceStatus[] a = new DeviceStatus[n];
    java.util.Arrays.fill(a, s);
    return a;
  }

  static DeviceStatus[] mix(int ok, int failed, int other, DeviceStatus otherStatus) {
    DeviceStatus[] a = new DeviceStatus[ok + failed + other];
    java.util.Arrays.fill(a, 0, ok, DeviceStatus.SUCCEEDED);
    java.util.Arrays.fill(a, ok, ok + failed, DeviceStatus.FAILED);
    java.util.Arrays.fill(a, ok + failed, a.length, otherStatus);
    return a;
  }

  // ---------------------------------------------------------------- gates

  @Test
  void canaryAllSucceeded_advancesEarlyToFinal() {
    Rollout r = rollout(RolloutState.ACTIVE, 1, T0.plus(HOUR.multipliedBy(2))).build();
    DeviceTable p = plan(r, of(10, DeviceStatus.SUCCEEDED), of(20, DeviceStatus.WAITING));
    Instant now = T0.plus(HOUR);
    List<Decision> ds = Decider.gate(r, Observations.of(p), now);
    GateFigures f = new GateFigures(1, 2, 10, 10, 0, CANARY.criteria(), true);
    assertThat(ds)
        .containsExactly(
            new Decision.AdvanceStep(f, 2, 20, now, now.plus(HOUR.multipliedBy(3)), false));
    assertThat(f.text())
        .isEqualTo("step 1/2: 10 of 10 reported (100%), 10 of 10 succeeded (100%); "
            + "criteria 100%,90% (early)");
  }

  @Test
  void advancingToFinal_withJoinFinal_schedulesAJoinerCheck() {
    Rollout r = rollout(RolloutState.ACTIVE, 1, T0)
        .lateJoiners(LateJoinerPolicy.JOIN_FINAL)
        .build();
    DeviceTable p = plan(r, of(10, DeviceStatus.SUCCEEDED), of(20, DeviceStatus.WAITING));
    Decision d = Decider.gate(r, Observations.of(p), T0).get(0);
    assertThat(((Decision.AdvanceStep) d).checkJoiners()).isTrue();
  }

  @Test
  void canaryWaits_whileTheCriteriaCanStillBeMet() {
    Rollout r = rollout(RolloutState.ACTIVE, 1, T0.plus(HOUR.multipliedBy(2))).build();
    DeviceTable p = plan(r, mix(9, 0, 1, DeviceStatus.POSTED), of(20, DeviceStatus.WAITING));
    assertThat(Decider.gate(r, Observations.of(p), T0.plus(HOUR))).isEmpty();
  }

  @Test
  void canaryNotAllReportedAtTheGate_fails() {
    Instant gateAt = T0.plus(HOUR.multipliedBy(2));
    Rollout r = rollout(RolloutState.ACTIVE, 1, gateAt).build();
    DeviceTable p = plan(r, mix(9, 0, 1, DeviceStatus.POSTED), of(20, DeviceStatus.WAITING));
    assertThat(Decider.gate(r, Observations.of(p), gateAt))
        .containsExactly(
            new Decision.Fail(new GateFigures(1, 2, 10, 9, 0, CANARY.criteria(), false), gateAt));
  }

  @Test
  void aFailedGate_backsOutWhenThePolicySaysSo() {
    Rollout r = rollout(RolloutState.ACTIVE, 1, T0.plus(HOUR))
        .onGateFailure(GateFailurePolicy.BACK_OUT)
        .build();
    DeviceTable p = plan(r, mix(8, 2, 0, DeviceStatus.WAITING), of(20, DeviceStatus.WAITING));
    // 2 of 10 failed: 80 % success can no longer reach 90 % — fail early, and back out
    assertThat(Decider.gate(r, Observations.of(p), T0))
        .containsExactly(
            new Decision.BackOut(new GateFigures(1, 2, 10, 8, 2, CANARY.criteria(), true), T0));
  }

  @Test
  void aBackout_waitsWhileItsParentHandsDevicesOver() {
    Rollout r = Rollout.builder("R-backout")
        .backoutOf("R")
        .change("set a.json={}")
        .devices("/")
        .defaults(StepConfig.parse("0s", "1h", "0%,0%"))
        .restoredState(RolloutState.ACTIVE)
        .run(RolloutRun.notStarted().toBuilder()
            .currentStep(1)
            .stepStartedAt(T0)
            .gateAt(T0.plus(HOUR))
            .build())
        .build();
    DeviceTable p = new DeviceTable(r, 1, new DeviceId[0], new byte[0], new byte[0], new int[0]);
    assertThat(Decider.gate(r, new Observations(p, true, List.of()), T0)).isEmpty();
    assertThat(Decider.gate(r, new Observations(p, false, List.of()), T0))
        .hasSize(1)
        .first()
        .isInstanceOf(Decision.Complete.class);
  }

  @Test
  void finalGatePassed_completes_expiringQueuedRetriesFirst() {
    Instant gateAt = T0.plus(HOUR.multipliedBy(3));
    Rollout r = rollout(RolloutState.ACTIVE, 2, gateAt).build();
    // FINAL: 20 devices, 17 succeeded, 1 failed, 2 still posted at the gate → 90 % reported, 94.4 %
    // ok
    // canary: 9 succeeded, 1 waiting for an automatic retry (WAITING): it expires, counted as
    // failed
    DeviceTable p = plan(r, mix(9, 0, 1, DeviceStatus.WAITING), mix(17, 1, 2, DeviceStatus.POSTED));
    List<Decision> ds = Decider.gate(r, Observations.of(p), gateAt);
    // whole rollout: 26 ok + 2 failed = 28 of 30 reported (93.33 %), 26 of 28 succeeded (92.85 %,
    // rounded down)
    assertThat(ds)
        .containsExactly(
            new Decision.ExpireWaiting(1),
            new Decision.Complete(
                new GateFigures(2, 2, 20, 17, 1, FINAL.criteria(), false),
                gateAt,
                9333,
                9285,
                true));
  }

  // ---------------------------------------------------------------- posts

  @Test
  void posts_theDevicesWhoseSpreadTimeCame_thenTheExplicitlyDue() {
    Rollout r = rollout(RolloutState.ACTIVE, 1, T0.plus(HOUR.multipliedBy(2))).build();
    DeviceStatus[] canary = of(10, DeviceStatus.WAITING);
    canary[2] = DeviceStatus.POSTED;
    DeviceTable p = plan(r, canary, of(20, DeviceStatus.WAITING));
    p.setDue(1, T0.plus(HOUR)); // a retry: not posted by its spread time
    // half the window gone: devices 0..5 are due by spread (u = k/10 ≤ 0.5); 1 has its own time, 2
    // is posted
    Instant now = T0.plus(Duration.ofMinutes(30));
    assertThat(Decider.posts(r, new Observations(p, false, List.of(7)), now))
        .containsExactly(new Decision.Post(List.of(0, 3, 4, 5, 7), 6));
  }

  @Test
  void posts_nothingBeforeTheNextSpreadTime() {
    Rollout r = rollout(RolloutState.ACTIVE, 1, T0.plus(HOUR.multipliedBy(2))).build();
    DeviceTable p = plan(r, of(10, DeviceStatus.WAITING), of(20, DeviceStatus.WAITING));
    p.pos = 1;
    assertThat(Decider.posts(r, Observations.of(p), T0.plus(Duration.ofMinutes(5))))
        .isEmpty();
  }

  @Test
  void posts_inFinalWithJoinFinal_checkForLateJoinersFirstWhenDue() {
    Rollout r = rollout(RolloutState.ACTIVE, 2, T0.plus(HOUR.multipliedBy(3)))
        .lateJoiners(LateJoinerPolicy.JOIN_FINAL)
        .build();
    r = r.withRun(r.run().toBuilder().nextJoinerCheck(T0).build());
    DeviceTable p = plan(r, of(10, DeviceStatus.SUCCEEDED), of(20, DeviceStatus.WAITING));
    assertThat(Decider.posts(r, Observations.of(p), T0))
        .containsExactly(
            new Decision.CheckLateJoiners(T0.plus(Decider.JOINER_INTERVAL)),
            new Decision.Post(List.of(10), 1));
    assertThat(Decider.posts(r, Observations.of(p), T0.minusSeconds(1))).isEmpty();
  }

  // ---------------------------------------------------------------- abort and watching

  @Test
  void abortCleanup_stopsTheUnfinished_andWithABackoutAlsoThoseThatTookTheChange() {
    Rollout r = rollout(RolloutState.ABORTED, 1, T0).build();
    DeviceStatus[] canary = {
      DeviceStatus.WAITING,
      DeviceStatus.POSTING,
      DeviceStatus.POSTED,
      DeviceStatus.IN_PROGRESS,
      DeviceStatus.SUCCEEDED,
      DeviceStatus.FAILED,
      DeviceStatus.ABORTED
    };
    DeviceTable p = plan(r, canary, new DeviceStatus[0]);
    assertThat(Decider.afterFeeds(r, Observations.of(p)))
        .containsExactly(new Decision.CleanUpAbort(List.of(0, 1, 2)));
    Rollout withBackout = r.withRun(r.run().toBuilder().backout("R-backout").build());
    assertThat(Decider.afterFeeds(withBackout, Observations.of(p)))
        .containsExactly(new Decision.CleanUpAbort(List.of(0, 1, 2, 3, 4)));
    assertThat(Decider.afterFeeds(rollout(RolloutState.ACTIVE, 1, T0).build(), Observations.of(p)))
        .isEmpty();
  }

  @Test
  void aFinishedRollout_watchesWhileDevicesAreOutstanding() {
    Rollout done = rollout(RolloutState.DONE, 2, T0).build();
    DeviceTable outstanding =
        plan(done, of(10, DeviceStatus.SUCCEEDED), mix(19, 0, 1, DeviceStatus.IN_PROGRESS));
    DeviceTable settled =
        plan(done, of(10, DeviceStatus.SUCCEEDED), of(20, DeviceStatus.SUCCEEDED));
    assertThat(Decider.watching(done, Observations.of(outstanding)))
        .containsExactly(new Decision.Watch(true));
    assertThat(Decider.watching(done, Observations.of(settled))).isEmpty();
    Rollout watching = done.withRun(done.run().toBuilder().watching(true).build());
    assertThat(Decider.watching(watching, Observations.of(settled)))
        .containsExactly(new Decision.Watch(false));
    Rollout aborted = rollout(RolloutState.ABORTED, 1, T0).build();
    assertThat(Decider.watching(
            aborted,
            Observations.of(plan(aborted, of(1, DeviceStatus.WAITING), new DeviceStatus[0]))))
        .containsExactly(new Decision.Watch(true));
    assertThat(Decider.watching(
            rollout(RolloutState.ACTIVE, 1, T0).build(), Observations.of(outstanding)))
        .isEmpty();
  }

  @Test
  void aDeviceTheAbortLookedAt_endsAbortedRolledBackOrWatched() {
    io.biggerfleet.model.DeviceRolloutProgress posted =
        io.biggerfleet.model.DeviceRolloutProgress.builder("R", DeviceId.of("d000", "hub"), 1, T0)
            .status(DeviceStatus.POSTED)
            .rev(8)
            .baseRev(7)
            .build();
    java.util.Optional<String> backout = java.util.Optional.of("R-backout");
    assertThat(Outcomes.afterAbort(posted, false, backout, T0).status())
        .isEqualTo(DeviceStatus.ABORTED);
    assertThat(Outcomes.afterAbort(posted, false, backout, T0).message())
        .isEqualTo("cancelled: rollout aborted");
    assertThat(Outcomes.afterAbort(posted, true, backout, T0).status())
        .isEqualTo(DeviceStatus.ROLLED_BACK);
    assertThat(Outcomes.afterAbort(posted, true, backout, T0).message())
        .isEqualTo("reverted by R-backout");
    assertThat(Outcomes.afterAbort(posted, true, java.util.Optional.empty(), T0).status())
        .isEqualTo(DeviceStatus.IN_PROGRESS);
    // no pre-rollout revision known: nothing to revert to, watched like any other
    assertThat(Outcomes.afterAbort(posted.toBuilder().baseRev(-1).build(), true, backout, T0)
            .status())
        .isEqualTo(DeviceStatus.IN_PROGRESS);
  }
}
