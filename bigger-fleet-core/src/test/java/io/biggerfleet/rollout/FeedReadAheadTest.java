package io.biggerfleet.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.FleetException;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.event.EventType;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.spi.DeviceTrails;
import io.biggerfleet.spi.ProgressPage;
import io.biggerfleet.spi.TrailStep;
import io.biggerfleet.testing.FakeTrails;
import io.biggerfleet.testing.FakeTrails.Fate;
import io.biggerfleet.testing.SimFleet;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The changes feed is read a page ahead while a full page is recorded (see {@code FeedReader}): a
 * device that reports on two consecutive pages is recorded from its stored record as the first page
 * left it, and a read-ahead that fails surfaces only after the page before it is stored with its
 * cursor.
 */
class FeedReadAheadTest {
  static final int DEVICES = 1500;

  /** Device {@code dev-00000i} picks its step up {@code i} seconds after the post and works 2 s. */
  static final FakeTrails.DeviceBehaviour ONE_BY_ONE = (device, step) -> Fate.succeed(
      Duration.ofSeconds(Integer.parseInt(device.id().substring(4))), Duration.ofSeconds(2));

  /** A fleet whose every device was posted the step of rollout R; none has reported yet. */
  static SimFleet postedFleet() {
    SimFleet sim = SimFleet.of(DEVICES, 0, ONE_BY_ONE, null);
    sim.rollouts()
        .create(
            RolloutEngineTest.kernelRollout("R").time("1m").success("100%,100%").build());
    sim.rollouts().activate("R");
    sim.tick();
    sim.clock.advance(Duration.ofMinutes(1));
    sim.tick();
    assertThat(sim.trails("sim.io").posts()).hasSize(DEVICES);
    return sim;
  }

  static long succeeded(SimFleet sim) {
    return sim.rollouts().progress("R").stream()
        .map(DeviceRolloutProgress::status)
        .filter(s -> s == DeviceStatus.SUCCEEDED)
        .count();
  }

  @Test
  void readFeeds_whenDevicesReportOnTwoConsecutivePages_recordsEveryReportInOneTick() {
    SimFleet sim = postedFleet();
    sim.clock.advance(Duration.ofHours(1)); // every device reported QUEUED, INPROGRESS, DONE
    List<TrailStep> feed =
        sim.trails("sim.io").progressSince(null, 10 * DEVICES).steps();
    assertThat(feed.size()).isGreaterThan(3 * 1000); // at least four pages of 1,000
    Set<DeviceId> straddling = new HashSet<>();
    for (int boundary = 1000; boundary < feed.size(); boundary += 1000) {
      Set<DeviceId> before = new HashSet<>();
      feed.subList(boundary - 1000, boundary).forEach(s -> before.add(s.device()));
      feed.subList(boundary, Math.min(feed.size(), boundary + 1000)).stream()
          .map(TrailStep::device)
          .filter(before::contains)
          .forEach(straddling::add);
    }
    assertThat(straddling).as("devices reported on two consecutive pages").isNotEmpty();

    sim.tick("R");

    assertThat(succeeded(sim)).isEqualTo(DEVICES);
    assertThat(RolloutEngineTest.events(sim, EventType.DEVICE_RESULT)).hasSize(DEVICES);
    Rollout r = RolloutEngineTest.rollout(sim, "R");
    assertThat(r.run().cursors()).containsEntry("sim.io", Integer.toString(feed.size()));
  }

  @Test
  void readFeeds_afterAShortPage_readsOnInTheNextRound_soAFeedThatNeverStopsDoesNotHoldTheRound() {
    SimFleet sim = postedFleet();
    sim.clock.advance(Duration.ofMinutes(5)); // the first devices have reported: a short page
    FakeTrails fake = sim.trails("sim.io");
    AtomicInteger reads = new AtomicInteger();
    DeviceTrails counted = new ForwardingTrails(fake) {
      @Override
      public ProgressPage progressSince(String cursor, int limit) {
        reads.incrementAndGet();
        return fake.progressSince(cursor, limit);
      }
    };
    Rollouts engine =
        Rollouts.over(sim.store(), sim.clock, Map.of("sim.io", counted), sim.resolver(), "test");
    long before = succeeded(sim);

    engine.tick("R");

    assertThat(reads).as("one short page, then the round goes on").hasValue(1);
    long afterOne = succeeded(sim);
    assertThat(afterOne).isGreaterThan(before).isLessThan(DEVICES);
    sim.clock.advance(Duration.ofMinutes(20));
    engine.tick("R");
    assertThat(succeeded(sim)).isGreaterThan(afterOne);
  }

  @Test
  void readFeeds_whenReadingAheadFails_storesThePageBeforeWithItsCursor_andResumesAfterIt() {
    SimFleet sim = postedFleet();
    String cursorBefore = RolloutEngineTest.rollout(sim, "R").run().cursors().get("sim.io");
    sim.clock.advance(Duration.ofHours(1));
    FakeTrails fake = sim.trails("sim.io");
    AtomicInteger reads = new AtomicInteger();
    DeviceTrails failingSecondRead = new ForwardingTrails(fake) {
      @Override
      public ProgressPage progressSince(String cursor, int limit) {
        if (reads.incrementAndGet() == 2) {
          throw new FleetException("503 Service Unavailable");
        }
        return fake.progressSince(cursor, limit);
      }
    };
    Rollouts engine = Rollouts.over(
        sim.store(), sim.clock, Map.of("sim.io", failingSecondRead), sim.resolver(), "test");

    assertThatThrownBy(() -> engine.tick("R")).hasMessageContaining("503");

    int firstPage = Integer.parseInt(cursorBefore == null ? "0" : cursorBefore) + 1000;
    assertThat(RolloutEngineTest.rollout(sim, "R").run().cursors())
        .containsEntry("sim.io", Integer.toString(firstPage));
    long afterFirstPage = succeeded(sim);
    assertThat(afterFirstPage).isPositive().isLessThan(DEVICES);

    engine.tick("R");

    assertThat(succeeded(sim)).isEqualTo(DEVICES);
    assertThat(RolloutEngineTest.events(sim, EventType.DEVICE_RESULT)).hasSize(DEVICES);
  }
}

/** Trails that forward every call to {@code delegate}; tests override the call they break. */
class ForwardingTrails implements DeviceTrails {
  private final DeviceTrails delegate;

  ForwardingTrails(DeviceTrails delegate) {
    this.delegate = delegate;
  }

  @Override
  public String registry() {
    return delegate.registry();
  }

  @Override
  public TrailStep latest(DeviceId device) {
    return delegate.latest(device);
  }

  @Override
  public java.util.Optional<TrailStep> step(DeviceId device, int rev) {
    return delegate.step(device, rev);
  }

  @Override
  public TrailStep post(DeviceId device, io.biggerfleet.spi.StepRequest request) {
    return delegate.post(device, request);
  }

  @Override
  public java.util.Optional<TrailStep> find(DeviceId device, io.biggerfleet.spi.StepMarker marker) {
    return delegate.find(device, marker);
  }

  @Override
  public boolean cancel(DeviceId device, int rev) {
    return delegate.cancel(device, rev);
  }

  @Override
  public ProgressPage progressSince(String cursor, int limit) {
    return delegate.progressSince(cursor, limit);
  }

  @Override
  public boolean objectExists(String sha256) {
    return delegate.objectExists(sha256);
  }
}
