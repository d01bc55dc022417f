package io.biggerfleet.rollout.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.GateFailurePolicy;
import io.biggerfleet.model.LateJoinerPolicy;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutKind;
import io.biggerfleet.model.RolloutRun;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.model.RolloutStep;
import io.biggerfleet.model.StepConfig;
import io.biggerfleet.model.SuccessCriteria;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The pure {@link Decider} decides what the engine decided before the decide/act split. The reference
 * here is the deciding part of the old {@code GateKeeper.gate} and {@code Poster.postDue}, kept
 * verbatim minus their effects (store reads and writes, posts); both run on 20,000 random rollouts,
 * plans and times (seeded), and must agree on every one. The engine suites (RolloutEngineTest,
 * CrashRecoveryTest, RolloutInvariantsTest, RolloutLeasingTest, the walkthrough) check the executor on
 * top.
 */
class DeciderEquivalenceTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final DeviceStatus[] STATUSES = DeviceStatus.values();
  static final String[] CRITERIA = {"100%,100%", "85%,99%", "50%,50%", "0%,0%", "80,99.5"};

  /** A random case, built the same way twice from its seed (the old path mutates its plan). */
  record Case(Rollout rollout, DeviceTable plan, Instant now, boolean parentWatching) {}

  static Case generate(long seed) {
    Random rnd = new Random(seed);
    int extraSteps = rnd.nextInt(4);
    Rollout.Builder b =
        Rollout.builder("R" + seed).change("set a.json={}").devices("/").defaults(config(rnd));
    for (int s = 0; s < extraSteps; s++) {
      b.step(RolloutStep.of("/g" + s, config(rnd)));
    }
    if (rnd.nextBoolean()) {
      b.backoutOf("P");
    }
    b.lateJoiners(rnd.nextBoolean() ? LateJoinerPolicy.JOIN_FINAL : LateJoinerPolicy.IGNORE);
    b.onGateFailure(rnd.nextBoolean() ? GateFailurePolicy.BACK_OUT : GateFailurePolicy.STOP);
    int steps = extraSteps + 1;
    int current = 1 + rnd.nextInt(steps);
    Instant now = T0.plus(Duration.ofMinutes(rnd.nextInt(60 * 12)));
    RolloutRun.Builder run = RolloutRun.notStarted().toBuilder()
        .activatedAt(T0)
        .currentStep(current)
        .stepStartedAt(T0.plus(Duration.ofMinutes(rnd.nextInt(60 * 4))));
    if (rnd.nextInt(4) > 0) {
      run.gateAt(T0.plus(Duration.ofMinutes(rnd.nextInt(60 * 12))));
    }
    if (rnd.nextBoolean()) {
      run.nextJoinerCheck(T0.plus(Duration.ofMinutes(rnd.nextInt(60 * 12))));
    }
    Rollout r = b.restoredState(RolloutState.ACTIVE).run(run.build()).build();
    int n = rnd.nextInt(40);
    DeviceId[] ids = new DeviceId[n];
    byte[] step = new byte[n];
    byte[] status = new byte[n];
    int[] spread = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = DeviceId.of(String.format("d%03d", i), "hub");
      step[i] = (byte) (1 + rnd.nextInt(steps));
      // WAITING, SUCCEEDED and FAILED often: they are what the gate and the posts look at
      int pick = rnd.nextInt(STATUSES.length + 6);
      DeviceStatus st = pick < STATUSES.length
          ? STATUSES[pick]
          : pick < STATUSES.length + 3
              ? DeviceStatus.WAITING
              : pick % 2 == 0 ? DeviceStatus.SUCCEEDED : DeviceStatus.FAILED;
      status[i] = (byte) st.ordinal();
      spread[i] = rnd.nextInt(1 << Spread.BITS);
    }
    DeviceTable p = new DeviceTable(r, 1, ids, step, status, spread);
    for (int k = rnd.nextInt(n + 1); k > 0; k--) { // explicit due times, some stale or repeated
      p.setDue(rnd.nextInt(n), T0.plus(Duration.ofMinutes(rnd.nextInt(60 * 12))));
    }
    p.pos = rnd.nextInt(p.total(current) + 1);
    return new Case(r, p, now, rnd.nextBoolean());
  }

  static StepConfig config(Random rnd) {
    return StepConfig.of(
        Duration.ofMinutes(rnd.nextInt(4) * 60L),
        Duration.ofMinutes(rnd.nextInt(3) * 30L),
        SuccessCriteria.parse(CRITERIA[rnd.nextInt(CRITERIA.length)]));
  }

  @Test
  void gates_decideAsTheOldGateKeeperDid() {
    java.util.Set<String> seen = new java.util.TreeSet<>();
    for (long seed = 0; seed < 20_000; seed++) {
      Case c = generate(seed);
      String old = oldGate(c.rollout(), c.plan(), c.parentWatching(), c.now());
      Observations o = new Observations(
          c.plan(), c.rollout().kind() == RolloutKind.BACKOUT && c.parentWatching(), List.of());
      assertThat(describe(c.rollout(), Decider.gate(c.rollout(), o, c.now())))
          .as("seed %d", seed)
          .isEqualTo(old);
      seen.add(old.split(" ")[0]
          + (old.contains("expired=0") || !old.startsWith("complete") ? "" : "+expiry"));
    }
    assertThat(seen)
        .as("every kind of gate decision was tried")
        .contains("wait", "advance", "complete", "complete+expiry", "fail", "backout");
  }

  @Test
  void posts_decideAsTheOldPosterDid() {
    int joinerChecks = 0;
    int explicit = 0;
    for (long seed = 0; seed < 20_000; seed++) {
      Case old = generate(seed);
      String expected = oldPosts(old.rollout(), old.plan(), old.now());
      Case c = generate(seed);
      List<Integer> explicitlyDue = Poster.explicitlyDue(c.plan(), c.now());
      List<Decision> ds =
          Decider.posts(c.rollout(), new Observations(c.plan(), false, explicitlyDue), c.now());
      StringBuilder got = new StringBuilder();
      int pos = c.plan().pos;
      List<Integer> due = List.of();
      for (Decision d : ds) {
        if (d instanceof Decision.CheckLateJoiners) {
          got.append("joiners ");
        } else {
          pos = ((Decision.Post) d).position();
          due = ((Decision.Post) d).devices();
        }
      }
      got.append(due).append(" pos=").append(pos);
      assertThat(got.toString()).as("seed %d", seed).isEqualTo(expected);
      joinerChecks += expected.startsWith("joiners") ? 1 : 0;
      explicit += explicitlyDue.isEmpty() ? 0 : 1;
    }
    assertThat(joinerChecks).as("late-joiner checks tried").isPositive();
    assertThat(explicit).as("explicit due times tried").isPositive();
  }

  // ------------------------------------------------- the new decisions, described as the old code
  // acted

  static String describe(Rollout r, List<Decision> ds) {
    StringBuilder sb = new StringBuilder();
    int expired = 0;
    for (Decision d : ds) {
      if (d instanceof Decision.ExpireWaiting) {
        expired = ((Decision.ExpireWaiting) d).devices();
      } else if (d instanceof Decision.Complete) {
        Decision.Complete c = (Decision.Complete) d;
        sb.append("complete ")
            .append(c.gate().text())
            .append(" last=")
            .append(c.reportedBp())
            .append(',')
            .append(c.successBp())
            .append(" watching=")
            .append(c.watching())
            .append(" expired=")
            .append(expired);
      } else if (d instanceof Decision.AdvanceStep) {
        Decision.AdvanceStep a = (Decision.AdvanceStep) d;
        sb.append("advance ")
            .append(a.gate().text())
            .append(" to=")
            .append(a.nextStep())
            .append(" devices=")
            .append(a.nextStepDevices())
            .append(" gateAt=")
            .append(a.gateAt())
            .append(" last=")
            .append(a.gate().reportedBp())
            .append(',')
            .append(a.gate().successBp())
            .append(" joiners=")
            .append(a.checkJoiners());
      } else if (d instanceof Decision.Fail) {
        Decision.Fail f = (Decision.Fail) d;
        sb.append("fail ")
            .append(f.gate().text())
            .append(" last=")
            .append(f.gate().reportedBp())
            .append(',')
            .append(f.gate().successBp())
            .append(" step=")
            .append(f.gate().step());
      } else if (d instanceof Decision.BackOut) {
        Decision.BackOut f = (Decision.BackOut) d;
        sb.append("backout ")
            .append(f.gate().text())
            .append(" last=")
            .append(f.gate().reportedBp())
            .append(',')
            .append(f.gate().successBp())
            .append(" step=")
            .append(f.gate().step());
      }
    }
    return ds.isEmpty() ? "wait" : sb.toString();
  }

  // ------------------------------------------------- the old deciding code, effects removed

  /** GateKeeper.gate before the split, with the store read passed in and the writes described. */
  static String oldGate(Rollout r, DeviceTable p, boolean parentWatching, Instant now) {
    RolloutRun run = r.run();
    int s = run.currentStep();
    StepConfig cfg = r.config(s);
    int total = p.total(s);
    int ok = p.count(s, DeviceStatus.SUCCEEDED);
    int failed = p.count(s, DeviceStatus.FAILED);
    Instant gateAt = run.gateAt().orElse(now);
    if (r.kind() == RolloutKind.BACKOUT && parentWatching) {
      return "wait";
    }
    Gate.Decision d = Gate.decide(cfg.criteria(), total, ok, failed, now, gateAt);
    if (d == Gate.Decision.WAIT) {
      return "wait";
    }
    int reportedBp = SuccessCriteria.basisPoints(ok + failed, total);
    int successBp = SuccessCriteria.basisPoints(ok, ok + failed);
    String figures =
        "step " + s + "/" + r.stepCount() + ": " + (ok + failed) + " of " + total + " reported ("
            + SuccessCriteria.percentText(reportedBp) + "%), " + ok + " of " + (ok + failed)
            + " succeeded ("
            + SuccessCriteria.percentText(successBp) + "%); criteria " + cfg.criteria()
            + (now.isBefore(gateAt) ? " (early)" : "");
    if (d == Gate.Decision.PASS) {
      if (s == r.stepCount()) {
        int all = p.size();
        int allOk = p.count(DeviceStatus.SUCCEEDED);
        int allFailed = p.count(DeviceStatus.FAILED);
        int queued = p.count(DeviceStatus.WAITING);
        if (queued > 0) {
          allFailed += queued; // expireWaiting: every WAITING device ends FAILED
        }
        return "complete " + figures + " last="
            + SuccessCriteria.basisPoints(allOk + allFailed, all) + ","
            + SuccessCriteria.basisPoints(allOk, allOk + allFailed) + " watching="
            + (p.outstanding() > 0)
            + " expired=" + queued;
      }
      int ns = s + 1;
      return "advance " + figures + " to=" + ns + " devices=" + p.total(ns) + " gateAt="
          + now.plus(r.config(ns).span()) + " last=" + reportedBp + "," + successBp + " joiners="
          + (ns == r.stepCount() && r.lateJoiners() == LateJoinerPolicy.JOIN_FINAL);
    }
    String how = r.onGateFailure() == GateFailurePolicy.BACK_OUT && r.kind() == RolloutKind.CHANGE
        ? "backout "
        : "fail ";
    return how + figures + " last=" + reportedBp + "," + successBp + " step=" + s;
  }

  /** Poster.postDue before the split, up to the posts and the late-joiner check. */
  static String oldPosts(Rollout r, DeviceTable p, Instant now) {
    int s = r.run().currentStep();
    int[] ord = p.order[s - 1];
    Instant start = r.run().stepStartedAt().orElse(now);
    long windowMs = r.config(s).window().toMillis();
    long nowMs = now.toEpochMilli();
    long startMs = start.toEpochMilli();
    List<Integer> due = new ArrayList<>();
    while (p.pos < ord.length) {
      int i = ord[p.pos];
      if (startMs + Spread.offsetMillis(windowMs, p.spread[i]) > nowMs) {
        break;
      }
      if (p.status(i) == DeviceStatus.WAITING && !p.explicitDue.containsKey(i)) {
        due.add(i);
      }
      p.pos++;
    }
    while (!p.dueQueue.isEmpty() && p.dueQueue.peek()[0] <= nowMs) {
      long[] e = p.dueQueue.poll();
      int i = (int) e[1];
      Long want = p.explicitDue.get(i);
      if (want != null && want == e[0] && p.status(i) == DeviceStatus.WAITING) {
        p.explicitDue.remove(i);
        due.add(i);
      }
    }
    boolean joiners = r.lateJoiners() == LateJoinerPolicy.JOIN_FINAL
        && s == r.stepCount()
        && r.run().nextJoinerCheck().map(t -> !t.isAfter(now)).orElse(false);
    return (joiners ? "joiners " : "") + due + " pos=" + p.pos;
  }
}
