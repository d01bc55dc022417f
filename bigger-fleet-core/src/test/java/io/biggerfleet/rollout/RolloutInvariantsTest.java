package io.biggerfleet.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.device.DeviceId;
import io.biggerfleet.event.EventType;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.spi.ProgressStatus;
import io.biggerfleet.spi.TrailStep;
import io.biggerfleet.spi.Versioned;
import io.biggerfleet.testing.Crashes;
import io.biggerfleet.testing.FakeTrails;
import io.biggerfleet.testing.SimFleet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Crash-and-restart invariants over 200 seeds: the same simulated fleet runs twice, once undisturbed
 * and once with the engine killed at random effects (before a store write, post or cancel, or right
 * after it) and restarted from the store. The crashed run must post each (device, attempt) at most
 * once, post only while its rollout is ACTIVE, account for every device, compute every gate exactly
 * from what the devices reported, follow the state table, and end exactly like the undisturbed run.
 */
class RolloutInvariantsTest {
  private static final Pattern GATE = Pattern.compile("step (\\d+)/\\d+: (\\d+) of (\\d+) reported .*?, (\\d+) of (\\d+) succeeded");
  private static final Pattern MOVE = Pattern.compile("^(\\w+) -> (\\w+):");
  private static final double[] FAIL_RATES = {0, 0.02, 0.1, 0.3};

  static LongStream seeds() {
    return LongStream.range(0, 200);
  }

  /** One run of the scenario for a seed; operator actions at fixed times, crashes disarmed for them. */
  private static SimFleet run(long seed, Crashes crashes) {
    double failRate = FAIL_RATES[(int) (seed % FAIL_RATES.length)];
    SimFleet sim = SimFleet.of(40, 8, FakeTrails.seeded(seed, failRate, 0.05, "segmentation fault"), crashes);
    List<String> postedWhileNotActive = new ArrayList<>();
    sim.trails("sim.io").onPost(s -> {
      Rollout r = sim.baseStore.rollout(s.marker().orElseThrow().rollout()).orElseThrow().value();
      if (r.state() != RolloutState.ACTIVE) {
        postedWhileNotActive.add(s + " while " + r.state());
      }
    });
    arm(crashes, false);
    sim.rollouts().create(Rollout.builder("R").change("set kernel=" + SimFleet.NEW_KERNEL).message("kernel")
        .devices("/").time("1d").timeout("6h").success(seed % 2 == 0 ? "80%,90%" : "70%,99%").build());
    sim.rollouts().addStep("R", "/specialsets/canary", "2h", "1h", "100%,80%");
    sim.rollouts().activate("R");
    arm(crashes, true);
    Instant start = sim.clock.instant();
    Duration step = Duration.ofMinutes(20);
    while (sim.clock.instant().isBefore(start.plus(Duration.ofDays(4)))) {
      Rollout now = sim.baseStore.rollout("R").orElseThrow().value();
      if (now.state().isFinished() && (!now.run().watching()
          || now.run().finishedAt().orElseThrow().plus(Duration.ofHours(12)).isBefore(sim.clock.instant()))) {
        break;
      }
      Duration t = Duration.between(start, sim.clock.instant());
      if (seed % 3 == 0 && t.equals(Duration.ofHours(8))) {
        operator(sim, crashes, () -> pauseIfActive(sim));
      }
      if (seed % 3 == 0 && t.equals(Duration.ofHours(14))) {
        operator(sim, crashes, () -> resumeIfPaused(sim));
      }
      if (seed % 7 == 0 && t.equals(Duration.ofHours(20))) {
        operator(sim, crashes, () -> {
          if (!sim.rollouts().get("R").state().isFinished()) {
            sim.rollouts().abort("R");
          }
        });
      }
      sim.clock.advance(step);
      sim.tick();
    }
    assertThat(postedWhileNotActive).as("posts while the rollout was not ACTIVE").isEmpty();
    return sim;
  }

  private static void pauseIfActive(SimFleet sim) {
    if (sim.rollouts().get("R").state() == RolloutState.ACTIVE) {
      sim.rollouts().pause("R");
    }
  }

  private static void resumeIfPaused(SimFleet sim) {
    if (sim.rollouts().get("R").state() == RolloutState.PAUSED) {
      sim.rollouts().resume("R");
    }
  }

  /** Runs an operator action with crashes off, after a restart (a crashed engine left nothing behind). */
  private static void operator(SimFleet sim, Crashes crashes, Runnable action) {
    arm(crashes, false);
    sim.tick();
    action.run();
    arm(crashes, true);
  }

  private static void arm(Crashes c, boolean on) {
    if (c != null) {
      c.armed(on);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void crashAndRestart_atRandomEffects_neverDoublePostsAndEndsLikeAnUndisturbedRun(long seed) {
    SimFleet calm = run(seed, null);
    Crashes crashes = new Crashes(seed * 7919 + 1, 0.04);
    SimFleet crashed = run(seed, crashes);

    // the crashes really happened
    if (crashes.effects() > 150) {
      assertThat(crashes.crashes()).as("crashes injected in %s effects", crashes.effects()).isGreaterThan(0);
    }
    // no double post per (device, attempt)
    assertThat(crashed.trails("sim.io").postCounts()).allSatisfy((k, v) -> assertThat(v).as(k).isEqualTo(1));
    // every device accounted for
    List<DeviceRolloutProgress> recs = crashed.rollouts().devices("R");
    assertThat(recs).extracting(DeviceRolloutProgress::device).containsExactlyElementsOf(crashed.deviceIds());
    Rollout r = crashed.rollouts().get("R");
    if (r.state() == RolloutState.DONE) {
      assertThat(recs).noneMatch(p -> p.status() == DeviceStatus.QUEUED || p.status() == DeviceStatus.POSTING);
      assertThat(recs).allMatch(p -> p.attempt() >= 1);
    }
    if (r.state() == RolloutState.ABORTED) {
      assertThat(recs).noneMatch(p -> p.status() == DeviceStatus.QUEUED || p.status() == DeviceStatus.POSTING
          || p.status() == DeviceStatus.POSTED);
    }
    // state machine never violated
    checkStateChanges(crashed.baseStore.events(0, Integer.MAX_VALUE));
    // gates computed exactly from what devices had reported at the time
    checkGates(crashed);
    // the same end as without crashes
    Rollout c = calm.rollouts().get("R");
    assertThat(r.state()).isEqualTo(c.state());
    assertThat(r.run().failedStep()).isEqualTo(c.run().failedStep());
    assertThat(r.run().lastReportedBasisPoints()).isEqualTo(c.run().lastReportedBasisPoints());
    assertThat(r.run().lastSuccessBasisPoints()).isEqualTo(c.run().lastSuccessBasisPoints());
    assertThat(summary(crashed)).isEqualTo(summary(calm));
    assertThat(crashed.trails("sim.io").postCounts()).isEqualTo(calm.trails("sim.io").postCounts());
  }

  private static Map<DeviceId, String> summary(SimFleet sim) {
    Map<DeviceId, String> m = new TreeMap<>();
    for (DeviceRolloutProgress p : sim.rollouts().devices("R")) {
      m.put(p.device(), p.step() + " " + p.attempt() + " " + p.rev() + " " + p.status() + " " + p.deviceStatus());
    }
    return m;
  }

  private static void checkStateChanges(List<FleetEvent> events) {
    RolloutState at = RolloutState.DRAFT;
    for (FleetEvent e : events) {
      if (e.type() != EventType.ROLLOUT_STATE_CHANGED || !e.subject().equals("R")) {
        continue;
      }
      Matcher m = MOVE.matcher(e.message());
      assertThat(m.find()).as(e.message()).isTrue();
      RolloutState from = RolloutState.valueOf(m.group(1));
      RolloutState to = RolloutState.valueOf(m.group(2));
      assertThat(from).as("event chain at %s", e).isEqualTo(at);
      assertThat(from.canMoveTo(to)).as("%s allowed", e).isTrue();
      at = to;
    }
  }

  private static void checkGates(SimFleet sim) {
    Map<DeviceId, Integer> stepOf = new HashMap<>();
    sim.rollouts().devices("R").forEach(p -> stepOf.put(p.device(), p.step()));
    List<TrailStep> feed = sim.trails("sim.io").progressSince(null, Integer.MAX_VALUE).steps();
    for (FleetEvent e : sim.baseStore.events(0, Integer.MAX_VALUE)) {
      if (e.type() != EventType.GATE_PASSED && e.type() != EventType.GATE_FAILED) {
        continue;
      }
      Matcher m = GATE.matcher(e.message());
      assertThat(m.find()).as(e.message()).isTrue();
      int step = Integer.parseInt(m.group(1));
      Map<DeviceId, ProgressStatus> last = new HashMap<>();
      for (TrailStep s : feed) {
        if (s.marker().isPresent() && s.marker().get().step() == step
            && !s.progress().reportedAt().orElseThrow().isAfter(e.time())) {
          last.put(s.device(), s.progress().status());
        }
      }
      long total = stepOf.values().stream().filter(v -> v == step).count();
      long ok = last.values().stream().filter(p -> p.outcome() == ProgressStatus.Outcome.SUCCESS).count();
      long failed = last.values().stream().filter(p -> p.outcome() == ProgressStatus.Outcome.FAILURE).count();
      assertThat(List.of(Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), Long.parseLong(m.group(4))))
          .as("gate %s", e).isEqualTo(List.of(ok + failed, total, ok));
    }
  }

  @SuppressWarnings("unused")
  private static String describe(List<Versioned<DeviceRolloutProgress>> l) {
    return l.stream().map(v -> v.value().toString()).collect(Collectors.joining("\n"));
  }
}
