package io.biggerfleet.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.spi.TrailStep;
import io.biggerfleet.testing.FakeTrails;
import io.biggerfleet.testing.SimFleet;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An engine stopped abruptly ({@link Rollouts#abandon()}) right after a post landed, before it wrote
 * the device's record: the next engine finds the step by its marker, and what it records must be as
 * complete as what the normal path records — a later backout needs the pre-rollout revision.
 */
class CrashRecoveryTest {
  private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

  /** A 10-device one-step rollout whose engine is abandoned inside its first post (after it landed). */
  private static SimFleet crashedAfterFirstPost(
      int postConcurrency, AtomicReference<TrailStep> landed) {
    SimFleet sim = SimFleet.of(10, 0, FakeTrails.allSucceed(), null);
    sim.trails("sim.io").postConcurrency(postConcurrency);
    sim.rollouts()
        .create(Rollout.builder("R")
            .change("set kernel=" + SimFleet.NEW_KERNEL)
            .message("kernel")
            .devices("/")
            .time("1h")
            .timeout("2h")
            .success("100%,100%")
            .build());
    sim.rollouts().activate("R");
    Rollouts first = sim.rollouts();
    sim.trails("sim.io").onPost(s -> {
      if (landed.compareAndSet(null, s)) {
        first.abandon();
      }
    });
    sim.runUntil(f -> landed.get() != null, TEN_MINUTES, Duration.ofHours(2));
    assertThat(landed.get()).as("a post landed before the engine was abandoned").isNotNull();
    return sim;
  }

  @ParameterizedTest(name = "postConcurrency {0}")
  @ValueSource(ints = {1, 4})
  void restart_afterPostLandedButRecordNot_recordsThePreRolloutRevision(int postConcurrency) {
    AtomicReference<TrailStep> landed = new AtomicReference<>();
    SimFleet sim = crashedAfterFirstPost(postConcurrency, landed);
    DeviceId device = landed.get().device();
    assertThat(sim.baseStore.progress("R", device).orElseThrow().value().status())
        .as("the abandoned engine wrote nothing after the post")
        .isEqualTo(DeviceStatus.POSTING);

    sim.restart();
    sim.tick();

    DeviceRolloutProgress rec = sim.rollouts().progress("R").stream()
        .filter(p -> p.device().equals(device))
        .findFirst()
        .orElseThrow();
    assertThat(rec.status()).isEqualTo(DeviceStatus.POSTED);
    assertThat(rec.rev()).isEqualTo(landed.get().rev());
    assertThat(rec.baseRev()).as("pre-rollout revision of " + device).isEqualTo(0);
    assertThat(sim.trails("sim.io").postCounts())
        .allSatisfy((k, v) -> assertThat(v).as(k).isEqualTo(1));
  }

  @ParameterizedTest(name = "postConcurrency {0}")
  @ValueSource(ints = {1, 4})
  void backout_afterARecoveredPost_returnsEveryDeviceToItsPreRolloutStateAndEndsBothRollouts(
      int postConcurrency) {
    SimFleet sim = crashedAfterFirstPost(postConcurrency, new AtomicReference<>());
    sim.restart();
    sim.runToEnd("R", TEN_MINUTES, Duration.ofDays(1));
    assertThat(sim.rollouts().get("R").state()).isEqualTo(RolloutState.DONE);

    Rollout backout = sim.rollouts().backout("R");
    sim.runUntil(
        f -> finished(f, "R") && finished(f, backout.name()), TEN_MINUTES, Duration.ofDays(2));

    for (DeviceId id : sim.deviceIds()) {
      assertThat(sim.trails("sim.io").runningState(id))
          .as("state %s runs", id)
          .isEqualTo(SimFleet.factoryState());
    }
    assertThat(sim.rollouts().get("R").run().watching()).as("R still watches").isFalse();
    Rollout b = sim.rollouts().get(backout.name());
    assertThat(b.state()).isEqualTo(RolloutState.DONE);
    assertThat(b.run().watching()).as("backout still watches").isFalse();
  }

  @ParameterizedTest(name = "postConcurrency {0}")
  @ValueSource(ints = {1, 4})
  void abandon_stopsEveryFurtherEffect_andLaterCallsAreRefusedOrIdle(int postConcurrency) {
    AtomicReference<TrailStep> landed = new AtomicReference<>();
    SimFleet sim = crashedAfterFirstPost(postConcurrency, landed);
    Rollouts abandoned = sim.rollouts();
    int posts = sim.trails("sim.io").posts().size();
    long events = sim.baseStore.events(0, Integer.MAX_VALUE).size();

    sim.clock.advance(Duration.ofHours(3));
    assertThat(abandoned.tick()).isZero();
    assertThat(abandoned.tick("R")).isFalse();
    assertThatThrownBy(() -> abandoned.pause("R"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("abandoned");

    assertThat(sim.trails("sim.io").posts()).as("posts after abandon").hasSize(posts);
    assertThat(sim.baseStore.events(0, Integer.MAX_VALUE))
        .as("store writes after abandon")
        .hasSize((int) events);
    assertThatThrownBy(() -> abandoned.get("R")).isInstanceOf(IllegalStateException.class);
  }

  private static boolean finished(SimFleet f, String name) {
    Rollout r = f.baseStore.rollout(name).orElseThrow().value();
    return r.state().isFinished() && !r.run().watching();
  }
}
