package io.biggerfleet.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.FleetClient;
import io.biggerfleet.ManualClock;
import io.biggerfleet.event.EventType;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.testing.FakeDeviceRegistry;
import io.biggerfleet.testing.FakeTrails;
import io.biggerfleet.testing.SimFleet;
import io.biggerfleet.testing.WalkthroughFleet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The runner drives rollouts by itself, on a schedule the test controls; stopping finishes the tick in flight. */
class RolloutRunnerTest {
  final ManualClock clock = ManualClock.at("2026-03-01T00:00:00Z");
  final ManualScheduler scheduler = new ManualScheduler(clock);

  FleetClient fleetWithRollout() {
    FleetClient.Builder b = FleetClient.builder().clock(clock).actor("ops");
    for (FakeDeviceRegistry r : WalkthroughFleet.registries()) {
      FakeTrails t =
          new FakeTrails(r.name(), clock, FakeTrails.allSucceed()).addObject(SimFleet.NEW_KERNEL);
      r.devices().forEach(d -> t.addDevice(d.id(), SimFleet.factoryState()));
      b.registry(r).trails(t);
    }
    FleetClient fleet = b.build();
    fleet.importDevices();
    fleet
        .rollouts()
        .create(Rollout.builder("R")
            .change("set kernel=" + SimFleet.NEW_KERNEL)
            .message("kernel")
            .devices("/")
            .time("2h")
            .timeout("1h")
            .success("100%,100%")
            .build());
    fleet.rollouts().activate("R");
    return fleet;
  }

  @Test
  void start_ticksAtOnce_thenEveryInterval_untilTheRolloutIsDone_reportingEachTick() {
    FleetClient fleet = fleetWithRollout();
    List<TickReport> reports = new CopyOnWriteArrayList<>();
    RolloutRunner runner = RolloutRunner.builder(fleet.rollouts())
        .interval(Duration.ofMinutes(10))
        .scheduler(scheduler)
        .listener(reports::add)
        .start();

    scheduler.advance(Duration.ZERO);
    assertThat(runner.ticks()).isEqualTo(1);
    scheduler.advance(Duration.ofHours(4));

    assertThat(fleet.rollouts().get("R").state()).isEqualTo(RolloutState.DONE);
    assertThat(runner.ticks()).isEqualTo(1 + 24);
    assertThat(scheduler.requestedDelays.get(0)).isZero();
    assertThat(scheduler.requestedDelays.subList(1, scheduler.requestedDelays.size()))
        .containsOnly(Duration.ofMinutes(10));
    assertThat(reports).hasSize(25);
    assertThat(reports.stream().mapToLong(r -> r.count(EventType.DEVICE_POSTED)).sum())
        .isEqualTo(11);
    assertThat(reports.stream().mapToLong(r -> r.count(EventType.GATE_PASSED)).sum())
        .isEqualTo(1);
    assertThat(reports).allSatisfy(r -> assertThat(r.error()).isEmpty());
    runner.close();
  }

  @Test
  void stop_beforeTheNextTick_meansNoMoreTicks() {
    FleetClient fleet = fleetWithRollout();
    RolloutRunner runner = RolloutRunner.builder(fleet.rollouts())
        .interval(Duration.ofMinutes(10))
        .scheduler(scheduler)
        .start();
    scheduler.advance(Duration.ofMinutes(25));
    assertThat(runner.ticks()).isEqualTo(3);

    runner.close();
    scheduler.advance(Duration.ofHours(5));

    assertThat(runner.ticks()).isEqualTo(3);
    assertThat(runner.isRunning()).isFalse();
    assertThat(scheduler.pending()).isZero();
    assertThat(fleet.rollouts().get("R").state()).isEqualTo(RolloutState.ACTIVE);
  }

  @Test
  void aListenerThatThrows_doesNotStopTheRunner() {
    FleetClient fleet = fleetWithRollout();
    RolloutRunner runner = RolloutRunner.builder(fleet.rollouts())
        .interval(Duration.ofMinutes(10))
        .scheduler(scheduler)
        .listener(r -> {
          throw new IllegalStateException("broken metrics");
        })
        .start();
    scheduler.advance(Duration.ofMinutes(30));
    assertThat(runner.ticks()).isEqualTo(4);
    runner.close();
  }

  @Test
  void close_onItsOwnThread_finishesTheTickInFlight_andStartsNoOther() throws Exception {
    FleetClient fleet = fleetWithRollout();
    CountDownLatch inTick = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Long> finished = new CopyOnWriteArrayList<>();
    RolloutRunner runner = RolloutRunner.builder(fleet.rollouts())
        .interval(Duration.ofMillis(1))
        .listener(r -> {
          inTick.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          finished.add(r.number());
        })
        .start();
    assertThat(inTick.await(10, TimeUnit.SECONDS)).isTrue();

    runner.stop();
    assertThat(runner.awaitStopped(Duration.ZERO))
        .as("the first tick is still in flight")
        .isFalse();
    release.countDown();

    assertThat(runner.awaitStopped(Duration.ofSeconds(10))).isTrue();
    assertThat(finished).containsExactly(1L);
    runner.close();
    assertThat(runner.ticks()).isEqualTo(1);
  }

  @Test
  void keepAlive_runsBeforeEveryTick_andItsFailureIsThatTicksError_notTheRunnersEnd() {
    FleetClient fleet = fleetWithRollout();
    List<TickReport> reports = new CopyOnWriteArrayList<>();
    int[] calls = {0};
    RolloutRunner runner = RolloutRunner.builder(fleet.rollouts())
        .interval(Duration.ofMinutes(10))
        .scheduler(scheduler)
        .listener(reports::add)
        .keepAlive(() -> {
          if (++calls[0] == 2) {
            throw new io.biggerfleet.FleetException("hub session expired");
          }
        })
        .start();

    scheduler.advance(Duration.ofMinutes(20));
    runner.close();

    assertThat(calls[0]).isEqualTo(3);
    assertThat(reports)
        .extracting(r -> r.error().map(Throwable::getMessage).orElse("ok"))
        .containsExactly("ok", "hub session expired", "ok");
  }

  @Test
  void interval_mustBePositive() {
    FleetClient fleet = FleetClient.builder().build();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> RolloutRunner.builder(fleet.rollouts()).interval(Duration.ZERO))
        .hasMessage("Runner interval must be positive, was PT0S");
  }
}
