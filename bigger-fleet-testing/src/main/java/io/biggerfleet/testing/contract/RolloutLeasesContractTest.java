package io.biggerfleet.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.LeaseLostException;
import io.biggerfleet.ManualClock;
import io.biggerfleet.event.EventType;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.spi.FleetStore;
import io.biggerfleet.spi.RolloutLease;
import io.biggerfleet.spi.RolloutLeases;
import io.biggerfleet.spi.WriteBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link RolloutLeases} must have, together with the {@link FleetStore} that checks
 * fenced batches against it. An implementation's test extends this class and supplies
 * {@link #open(ManualClock)}. Time moves only through the {@link ManualClock}; nothing sleeps. Ships in
 * {@code bigger-fleet-testing}.
 */
public abstract class RolloutLeasesContractTest {
  protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration TTL = Duration.ofSeconds(30);

  /** Leases and the store that shares them, both using the given clock. */
  protected static final class Fixture {
    final RolloutLeases leases;
    final FleetStore store;

    public Fixture(RolloutLeases leases, FleetStore store) {
      this.leases = leases;
      this.store = store;
    }
  }

  /** Fresh, empty leases and store measuring time with {@code clock}. Called once before each test. */
  protected abstract Fixture open(ManualClock clock);

  protected ManualClock clock;
  protected RolloutLeases leases;
  protected FleetStore store;

  @BeforeEach
  void openFixture() {
    clock = ManualClock.at(T0);
    Fixture f = open(clock);
    leases = f.leases;
    store = f.store;
  }

  @AfterEach
  void closeFixture() {
    store.close();
  }

  private static Rollout rollout(String name) {
    return TestRecords.rollout(
        name, RolloutState.ACTIVE, "set kernel=abc", "update kernel", "/", T0);
  }

  private static WriteBatch.Builder eventBatch(String subject) {
    return WriteBatch.builder()
        .appendEvent(FleetEvent.of(T0, EventType.STEP_STARTED, subject, "engine", "step"));
  }

  @Test
  void acquire_whenFree_grantsLeaseUntilNowPlusTtl() {
    RolloutLease lease = leases.acquire("R1", "engine-a", TTL).orElseThrow();

    assertThat(lease.rollout()).isEqualTo("R1");
    assertThat(lease.holder()).isEqualTo("engine-a");
    assertThat(lease.token()).isPositive();
    assertThat(lease.expiresAt()).isEqualTo(T0.plus(TTL));
    assertThat(leases.current("R1")).contains(lease);
  }

  @Test
  void acquire_whenAnotherHolderHasValidLease_isRefused() {
    RolloutLease a = leases.acquire("R1", "engine-a", TTL).orElseThrow();
    clock.advance(TTL.minusSeconds(1));

    assertThat(leases.acquire("R1", "engine-b", TTL)).isEmpty();
    assertThat(leases.current("R1")).contains(a);
  }

  @Test
  void acquire_ofDifferentRollouts_isIndependent() {
    assertThat(leases.acquire("R1", "engine-a", TTL)).isPresent();
    assertThat(leases.acquire("R2", "engine-b", TTL)).isPresent();
  }

  @Test
  void acquire_bySameHolder_renewsWithSameToken() {
    RolloutLease first = leases.acquire("R1", "engine-a", TTL).orElseThrow();
    clock.advance(Duration.ofSeconds(10));

    RolloutLease again = leases.acquire("R1", "engine-a", TTL).orElseThrow();

    assertThat(again.token()).isEqualTo(first.token());
    assertThat(again.expiresAt()).isEqualTo(T0.plusSeconds(10).plus(TTL));
  }

  @Test
  void acquire_afterExpiry_takesOverWithLargerToken() {
    RolloutLease a = leases.acquire("R1", "engine-a", TTL).orElseThrow();
    clock.advance(TTL);

    RolloutLease b = leases.acquire("R1", "engine-b", TTL).orElseThrow();

    assertThat(b.holder()).isEqualTo("engine-b");
    assertThat(b.token()).isGreaterThan(a.token());
    assertThat(leases.current("R1")).contains(b);
  }

  @Test
  void renew_whileHeld_extendsExpiryAndKeepsToken() {
    RolloutLease a = leases.acquire("R1", "engine-a", TTL).orElseThrow();
    clock.advance(Duration.ofSeconds(20));

    RolloutLease renewed = leases.renew(a, TTL);

    assertThat(renewed.token()).isEqualTo(a.token());
    assertThat(renewed.expiresAt()).isEqualTo(T0.plusSeconds(20).plus(TTL));
    clock.advance(Duration.ofSeconds(20)); // past the first expiry, within the renewed one
    assertThat(leases.acquire("R1", "engine-b", TTL)).isEmpty();
  }

  @Test
  void renew_afterTakeOver_throwsLeaseLost() {
    RolloutLease a = leases.acquire("R1", "engine-a", TTL).orElseThrow();
    clock.advance(TTL.plusSeconds(1));
    RolloutLease b = leases.acquire("R1", "engine-b", TTL).orElseThrow();

    assertThatThrownBy(() -> leases.renew(a, TTL))
        .isInstanceOf(LeaseLostException.class)
        .hasMessageContaining("R1")
        .hasMessageContaining("engine-b");
    assertThat(leases.current("R1")).contains(b);
  }

  @Test
  void renew_afterExpiryWithoutTakeOver_throwsLeaseLost() {
    RolloutLease a = leases.acquire("R1", "engine-a", TTL).orElseThrow();
    clock.advance(TTL);

    assertThatThrownBy(() -> leases.renew(a, TTL))
        .isInstanceOf(LeaseLostException.class)
        .hasMessageContaining("expired");
  }

  @Test
  void release_letsAnotherHolderTakeOverAtOnce_withLargerToken() {
    RolloutLease a = leases.acquire("R1", "engine-a", TTL).orElseThrow();

    leases.release(a);

    assertThat(leases.current("R1")).isEmpty();
    RolloutLease b = leases.acquire("R1", "engine-b", TTL).orElseThrow();
    assertThat(b.token()).isGreaterThan(a.token());
  }

  @Test
  void release_ofLostLease_leavesNewHolderAlone() {
    RolloutLease a = leases.acquire("R1", "engine-a", TTL).orElseThrow();
    clock.advance(TTL);
    RolloutLease b = leases.acquire("R1", "engine-b", TTL).orElseThrow();

    leases.release(a);

    assertThat(leases.current("R1")).contains(b);
  }

  @Test
  void acquire_withNonPositiveTtl_isRejected() {
    assertThatThrownBy(() -> leases.acquire("R1", "engine-a", Duration.ZERO))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Lease duration");
    assertThat(leases.current("R1")).isEmpty();
  }

  @Test
  void fencedWrite_byCurrentHolder_isApplied() {
    RolloutLease a = leases.acquire("R1", "engine-a", TTL).orElseThrow();

    store.write(WriteBatch.builder().putRollout(rollout("R1"), 0).fencedBy(a).build());

    assertThat(store.rollout("R1")).isPresent();
  }

  @Test
  void fencedWrite_byStaleHolderAfterTakeOver_isRejected_andWritesNothing() {
    store.write(WriteBatch.builder().putRollout(rollout("R1"), 0).build());
    RolloutLease a = leases.acquire("R1", "engine-a", TTL).orElseThrow();
    clock.advance(TTL); // engine-a pauses (GC, network) past its lease
    RolloutLease b = leases.acquire("R1", "engine-b", TTL).orElseThrow();
    store.write(eventBatch("by-b")
        .putRollout(rollout("R1").toBuilder().restoredState(RolloutState.PAUSED).build(), 1)
        .fencedBy(b)
        .build());

    // engine-a wakes up and writes with what it read before; the version matches, the fence does
    // not
    assertThatThrownBy(() -> store.write(eventBatch("by-a")
            .putRollout(
                rollout("R1").toBuilder().restoredState(RolloutState.DONE).build(), 2)
            .fencedBy(a)
            .build()))
        .isInstanceOf(LeaseLostException.class)
        .hasMessageContaining("R1");

    assertThat(store.rollout("R1").orElseThrow().value().state()).isEqualTo(RolloutState.PAUSED);
    assertThat(store.events(0, 10)).extracting(FleetEvent::subject).containsExactly("by-b");
  }

  @Test
  void fencedWrite_afterOwnLeaseExpired_isRejected() {
    RolloutLease a = leases.acquire("R1", "engine-a", TTL).orElseThrow();
    clock.advance(TTL);

    assertThatThrownBy(() -> store.write(eventBatch("late").fencedBy(a).build()))
        .isInstanceOf(LeaseLostException.class);
    assertThat(store.events(0, 10)).isEmpty();
  }

  @Test
  void fencedWrite_afterRelease_isRejected() {
    RolloutLease a = leases.acquire("R1", "engine-a", TTL).orElseThrow();
    leases.release(a);

    assertThatThrownBy(() -> store.write(eventBatch("late").fencedBy(a).build()))
        .isInstanceOf(LeaseLostException.class);
    assertThat(store.events(0, 10)).isEmpty();
  }

  @Test
  void concurrentAcquire_byManyHolders_grantsExactlyOne() throws Exception {
    int holders = 4;
    ExecutorService pool = Executors.newFixedThreadPool(holders);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Optional<RolloutLease>>> results = new ArrayList<>();
      for (int i = 0; i < holders; i++) {
        String holder = "engine-" + i;
        results.add(pool.submit(() -> {
          start.await();
          return leases.acquire("R1", holder, TTL);
        }));
      }
      start.countDown();
      List<RolloutLease> granted = new ArrayList<>();
      for (Future<Optional<RolloutLease>> f : results) {
        f.get(60, TimeUnit.SECONDS).ifPresent(granted::add);
      }
      assertThat(granted).hasSize(1);
      assertThat(leases.current("R1")).contains(granted.get(0));
    } finally {
      pool.shutdownNow();
    }
  }
}
