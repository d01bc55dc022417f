package io.biggerfleet.testing;

import io.biggerfleet.model.DeviceRetry;
import io.biggerfleet.model.GateFailurePolicy;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.model.RolloutStep;
import io.biggerfleet.model.StepConfig;
import io.biggerfleet.model.StepGuards;
import io.biggerfleet.spi.Versioned;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The crash-and-restart scenario of one seed, run twice over the same simulated fleet: once
 * undisturbed, once with the engine abandoned ({@code Rollouts.abandon()}) at random effects and
 * restarted from the store. Behind {@code RolloutInvariantsTest} (a fast subset of seeds in every
 * build) and the long run {@code io.biggerfleet.bench.rollout.CrashSeeds} (docs/reliability.md).
 *
 * <p>The scenario: 60 devices (every 6th a canary), a two-step rollout {@code R} (canary over 2 h,
 * then everyone over 12 h) with 0–30 % failures and 5 % offline devices; by seed, posting one device
 * at a time or four at once, automatic retries, a pause and resume, an abort, a backout in the middle,
 * or an automatic backout on a failed gate; and a device-local maintenance window (devices in four zones)
 * or a rate ramp. Then, unless {@code R} was aborted, the operator backs
 * {@code R} out and the run goes on until both rollouts end (devices answer every backout step). Operator actions
 * run with crashes armed too, and are retried after a crash until they took effect.
 *
 * <p>{@link CrashChecks} says what must hold. Not thread-safe; run each seed on one thread.
 */
public final class CrashScenario {
  private static final double[] FAIL_RATES = {0, 0.02, 0.1, 0.3};
  private static final Duration TICK = Duration.ofMinutes(20);
  /** Probability that an effect crashes. */
  public static final double CRASH_RATE = 0.04;

  /** What one seed gave: the violations found (none is the goal), and the crashes by point. */
  public static final class Result {
    public final long seed;
    public final List<String> violations;
    public final Map<Crashes.Point, Long> hits;
    public final long effects;

    Result(long seed, List<String> violations, Map<Crashes.Point, Long> hits, long effects) {
      this.seed = seed;
      this.violations = List.copyOf(violations);
      this.hits = Map.copyOf(hits);
      this.effects = effects;
    }
  }

  /** One run of the scenario: the fleet, its crash injector (null when undisturbed) and what it saw. */
  static final class Run {
    final long seed;
    final SimFleet sim;
    final Crashes crashes;
    final List<String> postedWhileNotActive = Collections.synchronizedList(new ArrayList<>());
    /** Posts of R outside the device's local window, or beyond R's per-minute cap (seeds with pacing). */
    final List<String> pacingBroken = Collections.synchronizedList(new ArrayList<>());

    final Map<Long, Integer> postsPerMinute = new java.util.HashMap<>();
    String backout;

    Run(long seed, Crashes crashes) {
      this.seed = seed;
      this.crashes = crashes;
      double failRate = FAIL_RATES[(int) (seed % FAIL_RATES.length)];
      FakeTrails.DeviceBehaviour rollout =
          FakeTrails.seeded(seed, failRate, 0.05, "segmentation fault");
      FakeTrails.DeviceBehaviour answering = FakeTrails.seeded(seed, 0, 0, "");
      // devices fail and go offline for R, but answer its backout: a backout must bring each one
      // back
      sim = SimFleet.of(
          60,
          6,
          (device, step) ->
              step.marker().map(m -> m.rollout().startsWith("R-backout")).orElse(false)
                  ? answering.fate(device, step)
                  : rollout.fate(device, step),
          crashes);
      sim.trails("sim.io").postConcurrency(concurrent(seed) ? 4 : 1);
      if (windowed(seed)) { // devices in four zones, one unknown (it uses the rollout's default)
        String[] zones = {"America/New_York", "Asia/Hong Kong", "Europe/Berlin", "Mars/Base"};
        io.biggerfleet.spi.WriteBatch.Builder b = io.biggerfleet.spi.WriteBatch.builder();
        List<io.biggerfleet.device.DeviceId> ids = sim.deviceIds();
        for (int i = 0; i < ids.size(); i++) {
          Versioned<io.biggerfleet.device.Device> d =
              sim.baseStore.device(ids.get(i)).orElseThrow();
          b.putDevice(
              d.value().toBuilder()
                  .registryAttributes(
                      Map.of(io.biggerfleet.model.TimeZones.ATTRIBUTE, zones[i % zones.length]))
                  .build(),
              d.version());
        }
        sim.baseStore.write(b.build());
      }
      sim.trails("sim.io").onPost(s -> {
        Rollout r = sim.baseStore
            .rollout(s.marker().orElseThrow().rollout())
            .orElseThrow()
            .value();
        if (r.state() != RolloutState.ACTIVE) {
          postedWhileNotActive.add(s + " while " + r.state());
        }
        if (r.name().equals("R")) {
          checkPacing(r, s);
        }
      });
    }

    private void checkPacing(Rollout r, io.biggerfleet.spi.TrailStep s) {
      Instant now = sim.clock.instant();
      io.biggerfleet.model.Pacing p = r.pacing(s.marker().orElseThrow().step());
      if (p.window() != null) {
        java.time.ZoneId z = sim.baseStore
            .device(s.device())
            .orElseThrow()
            .value()
            .attributes()
            .get(io.biggerfleet.model.TimeZones.ATTRIBUTE)
            .flatMap(io.biggerfleet.model.TimeZones::parse)
            .orElse(r.timezone());
        if (!p.window().isOpen(now, z)) {
          pacingBroken.add(
              s.device() + " posted at " + now + " outside " + p.window() + " in " + z);
        }
      }
      if (!p.rate().isNone()
          && postsPerMinute.merge(now.toEpochMilli() / 60_000L, 1, Integer::sum)
              > p.rate().limit(Integer.MAX_VALUE)) {
        pacingBroken.add(
            "more than " + p.rate().limit(Integer.MAX_VALUE) + " posts in the minute of " + now);
      }
    }

    Rollout rollout(String name) {
      return sim.baseStore.rollout(name).map(Versioned::value).orElseThrow();
    }

    boolean ended(String name) {
      Rollout r = rollout(name);
      return r.state().isFinished() && !r.run().watching();
    }
  }

  private CrashScenario() {}

  /** True if seed {@code seed} posts only in a device-local maintenance window. */
  public static boolean windowed(long seed) {
    return seed % 4 == 1;
  }

  /** True if seed {@code seed} caps posts per minute with a ramp. */
  public static boolean ramped(long seed) {
    return seed % 4 == 2;
  }

  /** True if seed {@code seed} posts up to four devices at once (odd seeds). */
  public static boolean concurrent(long seed) {
    return seed % 2 == 1;
  }

  /** Runs seed {@code seed} undisturbed and with crashes, and checks the crashed run against the other. */
  public static Result run(long seed) {
    Run calm = play(new Run(seed, null));
    Crashes crashes = new Crashes(seed * 7919 + 1, CRASH_RATE);
    Run crashed = play(new Run(seed, crashes));
    List<String> violations = new ArrayList<>();
    CrashChecks.check(calm, crashed, violations);
    return new Result(seed, violations, crashes.hits(), crashes.effects());
  }

  /** What issue 16's guards did across every run so far: awaited an approval, soaked, tripped an abort rule. */
  public static final java.util.Set<String> GUARDS_SEEN =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  private static Run play(Run run) {
    long seed = run.seed;
    SimFleet sim = run.sim;
    arm(run, false);
    Rollout.Builder r = Rollout.builder("R")
        .change("set kernel=" + SimFleet.NEW_KERNEL)
        .message("kernel")
        .devices("/")
        .time("12h")
        .timeout("6h")
        .success(seed % 2 == 0 ? "80%,90%" : "70%,99%");
    if (seed % 5 == 4) {
      r.retry(DeviceRetry.of(3, Duration.ofMinutes(30)));
    }
    if (seed % 11 == 5) {
      r.onGateFailure(GateFailurePolicy.BACK_OUT).success("100%,100%");
    }
    // Issue 16's guards, one kind per seed class: FINAL needs an approval, the canary soaks, or it
    // has
    // an abort rule (with the seeded failures it trips on some seeds).
    StepConfig canary = StepConfig.parse("2h", "1h", "100%,80%");
    if (seed % 4 == 1) {
      r.defaults(StepConfig.parse("12h", "6h", seed % 2 == 0 ? "80%,90%" : "70%,99%")
          .withGuards(StepGuards.parse("true", null)));
    } else if (seed % 4 == 2) {
      canary = canary.withGuards(StepGuards.none().withSoak(Duration.ofHours(1)));
    } else if (seed % 4 == 3) {
      canary = canary.withGuards(StepGuards.parse(null, "failed>1"));
    }
    if (seed % 11 == 5 && seed % 4 == 1) {
      r.defaults(
          StepConfig.parse("12h", "6h", "100%,100%").withGuards(StepGuards.parse("true", null)));
    }
    if (windowed(seed)) {
      r.pacing(new io.biggerfleet.model.Pacing(
              io.biggerfleet.model.MaintenanceWindow.parse("22:00-06:00"),
              io.biggerfleet.model.RateRamp.NONE))
          .timezone("Asia/Kolkata");
    }
    if (ramped(seed)) {
      r.pacing(new io.biggerfleet.model.Pacing(
          null, io.biggerfleet.model.RateRamp.parse("5/min", "2/min x2 every 4")));
    }
    sim.rollouts().create(r.build());
    sim.rollouts().addStep("R", RolloutStep.of("/specialsets/canary", canary));
    sim.rollouts().activate("R");
    arm(run, true);
    Instant start = sim.clock.instant();
    while (sim.clock.instant().isBefore(start.plus(Duration.ofDays(4)))) {
      Rollout now = run.rollout("R");
      if (run.crashes != null) {
        if (now.state() == RolloutState.AWAITING_APPROVAL) {
          GUARDS_SEEN.add("awaiting approval");
        }
        if (now.run().healthSince().isPresent()) {
          GUARDS_SEEN.add("soaking");
        }
        if (now.run().failedBecause().filter(w -> w.startsWith("abort rule")).isPresent()) {
          GUARDS_SEEN.add("abort rule tripped");
        }
      }
      if (now.state().isFinished()
          && (!now.run().watching()
              || now.run()
                  .finishedAt()
                  .orElseThrow()
                  .plus(Duration.ofHours(12))
                  .isBefore(sim.clock.instant()))) {
        break;
      }
      Duration t = Duration.between(start, sim.clock.instant());
      if (now.state() == RolloutState.AWAITING_APPROVAL && t.toMinutes() % 120 == 0) {
        approve(run); // an operator who looks every two hours
      }
      if (seed % 3 == 0 && t.equals(Duration.ofHours(4))) {
        pause(run);
      }
      if (seed % 3 == 0 && t.equals(Duration.ofHours(7))) {
        resume(run);
      }
      if (seed % 7 == 0 && t.equals(Duration.ofHours(10))) {
        abort(run);
      }
      if (seed % 7 == 3 && t.equals(Duration.ofHours(10))) {
        backout(run);
      }
      sim.clock.advance(TICK);
      sim.tick();
    }
    backOut(run);
    return run;
  }

  /**
   * Backs {@code R} out unless it was aborted (or already backed out) and runs until both rollouts
   * have ended.
   */
  private static void backOut(Run run) {
    SimFleet sim = run.sim;
    Rollout r = run.rollout("R");
    if (r.state() == RolloutState.ABORTED && r.run().backout().isEmpty()) {
      return;
    }
    backout(run);
    run.backout = run.rollout("R").run().backout().orElseThrow();
    sim.runUntil(f -> run.ended("R") && run.ended(run.backout), TICK, Duration.ofDays(3));
  }

  /**
   * An operator action, with crashes armed: after a tick, runs {@code action} while {@code needed}
   * holds. A crash in the middle (the engine abandoned, the action's call then refused) restarts the
   * engine; if the action had not landed, the operator tries again, else {@code finish} does what the
   * command does after its write (abort and backout tick their rollouts at once), so that the crashed
   * run does the same work at the same instant as the undisturbed one.
   */
  private static void operator(
      Run run, Supplier<Boolean> needed, Runnable action, Runnable finish) {
    run.sim.tick();
    boolean crashed = false;
    for (int attempt = 0; attempt < 100; attempt++) {
      if (!needed.get()) {
        if (crashed) {
          finish.run();
        }
        return;
      }
      long before = run.crashes == null ? 0 : run.crashes.crashes();
      try {
        action.run();
      } catch (IllegalStateException e) {
        if (run.crashes == null || run.crashes.crashes() == before) {
          throw e;
        }
      }
      if (run.crashes == null || run.crashes.crashes() == before) {
        return;
      }
      crashed = true;
      run.sim.restart();
    }
    throw new AssertionError("operator action crashed 100 times in a row");
  }

  private static void pause(Run run) {
    operator(
        run,
        () -> run.rollout("R").state() == RolloutState.ACTIVE,
        () -> run.sim.rollouts().pause("R"),
        () -> {});
  }

  private static void resume(Run run) {
    operator(
        run,
        () -> run.rollout("R").state() == RolloutState.PAUSED,
        () -> run.sim.rollouts().resume("R"),
        () -> {});
  }

  private static void approve(Run run) {
    operator(
        run,
        () -> run.rollout("R").state() == RolloutState.AWAITING_APPROVAL,
        () -> run.sim.rollouts().approve("R", 0, "ops"),
        () -> {});
  }

  private static void abort(Run run) {
    operator(
        run,
        () -> !run.rollout("R").state().isFinished(),
        () -> run.sim.rollouts().abort("R"),
        () -> run.sim.tick("R"));
  }

  private static void backout(Run run) {
    operator(
        run,
        () -> run.rollout("R").state() != RolloutState.ABORTED,
        () -> run.sim.rollouts().backout("R"),
        () -> {
          run.sim.tick("R");
          run.sim.tick(run.rollout("R").run().backout().orElseThrow());
        });
  }

  private static void arm(Run run, boolean on) {
    Optional.ofNullable(run.crashes).ifPresent(c -> c.armed(on));
  }
}
