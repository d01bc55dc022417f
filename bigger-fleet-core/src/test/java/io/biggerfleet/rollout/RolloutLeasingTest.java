package io.biggerfleet.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.LeaseLostException;
import io.biggerfleet.event.EventType;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.spi.DeviceTrails;
import io.biggerfleet.spi.FleetStore;
import io.biggerfleet.spi.WriteBatch;
import io.biggerfleet.store.InMemoryFleetStore;
import io.biggerfleet.store.InMemoryRolloutLeases;
import io.biggerfleet.testing.FakeTrails;
import io.biggerfleet.testing.SimFleet;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two engine instances on one store with shared leases: only the lease holder drives a rollout, and
 * a holder that was paused past its lease cannot write once another instance took over.
 */
class RolloutLeasingTest {
  private static final Duration TTL = Duration.ofMinutes(5);

  private SimFleet sim;
  private InMemoryRolloutLeases leases;
  private InMemoryFleetStore store;
  private Map<String, DeviceTrails> trails;
  private final AtomicReference<Runnable> beforeNextWriteOfA = new AtomicReference<>();
  private final List<Throwable> refusedWritesOfA = new ArrayList<>();

  @BeforeEach
  void fleet() {
    sim = SimFleet.of(30, 5, FakeTrails.allSucceed(), null);
    leases = new InMemoryRolloutLeases(sim.clock);
    store = new InMemoryFleetStore(leases);
    WriteBatch.Builder b = WriteBatch.builder();
    sim.baseStore.devices().forEach(d -> b.putDevice(d.value(), 0));
    store.write(b.build());
    trails = Map.copyOf(sim.trails);
    Rollouts operator = Rollouts.over(store, sim.clock, trails, sim.resolver(), "operator");
    operator.create(Rollout.builder("R")
        .change("set kernel=" + SimFleet.NEW_KERNEL)
        .message("kernel")
        .devices("/")
        .time("2h")
        .timeout("1h")
        .success("90%,90%")
        .build());
    operator.activate("R");
  }

  private Rollouts engine(FleetStore s, String holder) {
    return Rollouts.over(
        s,
        sim.clock,
        trails,
        sim.resolver(),
        holder,
        RolloutLeasing.shared(leases, holder).duration(TTL));
  }

  /** A store whose next write first runs the hook set in {@link #beforeNextWriteOfA} (a pause). */
  private FleetStore pausable() {
    return (FleetStore) Proxy.newProxyInstance(
        FleetStore.class.getClassLoader(), new Class<?>[] {FleetStore.class}, (proxy, m, args) -> {
          if (m.getName().equals("write")) {
            Runnable hook = beforeNextWriteOfA.getAndSet(null);
            if (hook != null) {
              hook.run();
            }
          }
          try {
            return m.invoke(store, args);
          } catch (InvocationTargetException e) {
            refusedWritesOfA.add(e.getCause());
            throw e.getCause();
          }
        });
  }

  @Test
  void tick_whenAnotherInstanceHoldsTheLease_skipsTheRollout() {
    Rollouts a = engine(store, "engine-a");
    Rollouts b = engine(store, "engine-b");
    sim.clock.advance(Duration.ofMinutes(30));
    assertThat(a.tick()).isEqualTo(1);
    int postsByA = sim.trails("sim.io").posts().size();

    assertThat(b.tick()).isZero();

    assertThat(postsByA).isPositive();
    assertThat(sim.trails("sim.io").posts()).hasSize(postsByA);
    assertThat(leases.current("R").orElseThrow().holder()).isEqualTo("engine-a");
  }

  @Test
  void tick_whenTheHolderStoppedRenewing_anotherInstanceTakesOverAndFinishes() {
    Rollouts a = engine(store, "engine-a");
    Rollouts b = engine(store, "engine-b");
    sim.clock.advance(Duration.ofMinutes(30));
    a.tick();
    sim.clock.advance(TTL); // engine-a died

    assertThat(b.tick()).isEqualTo(1);
    for (int i = 0;
        i < 100 && store.rollout("R").orElseThrow().value().state() == RolloutState.ACTIVE;
        i++) {
      sim.clock.advance(Duration.ofMinutes(2));
      b.tick();
    }

    assertThat(store.rollout("R").orElseThrow().value().state()).isEqualTo(RolloutState.DONE);
    assertThat(eventsOf(EventType.ROLLOUT_LEASE_TAKEN))
        .singleElement()
        .asString()
        .contains("engine-b took over driving R from engine-a");
    assertNoDoublePosts();
  }

  @Test
  void write_byAHolderPausedPastItsLease_isRefused_andTheEngineStopsDrivingTheRollout() {
    Rollouts a = engine(pausable(), "engine-a");
    Rollouts b = engine(store, "engine-b");
    List<FleetEvent> toldToA = new ArrayList<>();
    a.addListener(toldToA::add);
    sim.clock.advance(Duration.ofMinutes(5));
    a.tick();
    sim.clock.advance(Duration.ofMinutes(30));
    AtomicReference<java.time.Instant> stalled = new AtomicReference<>();
    beforeNextWriteOfA.set(() -> {
      // engine-a stalls right before writing; meanwhile its lease runs out and engine-b takes over
      stalled.set(sim.clock.instant());
      sim.clock.advance(TTL);
      b.tick();
    });
    int postsBefore = sim.trails("sim.io").posts().size();

    a.tick();

    assertThat(toldToA)
        .filteredOn(e -> e.type() == EventType.ROLLOUT_LEASE_LOST)
        .singleElement()
        .asString()
        .contains("engine-a lost the lease on R");
    assertThat(leases.current("R").orElseThrow().holder()).isEqualTo("engine-b");
    assertThat(refusedWritesOfA).singleElement().isInstanceOf(LeaseLostException.class);
    // engine-a's stalled write left nothing: everything logged after the stall is engine-b's
    assertThat(store.events(0, 100_000))
        .filteredOn(e -> e.time().isAfter(stalled.get()))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.actor()).isEqualTo("engine-b"));
    int postsAfter = sim.trails("sim.io").posts().size();
    a.tick(); // engine-a sees engine-b's valid lease and leaves R alone
    assertThat(sim.trails("sim.io").posts()).hasSize(postsAfter);
    assertThat(postsAfter).isGreaterThanOrEqualTo(postsBefore);
    assertNoDoublePosts();
    for (int i = 0;
        i < 100 && store.rollout("R").orElseThrow().value().state() == RolloutState.ACTIVE;
        i++) {
      sim.clock.advance(Duration.ofMinutes(2));
      a.tick();
      b.tick();
    }
    assertThat(store.rollout("R").orElseThrow().value().state()).isEqualTo(RolloutState.DONE);
    assertThat(store.progress("R"))
        .allSatisfy(v -> assertThat(v.value().status()).isEqualTo(DeviceStatus.SUCCEEDED));
    assertNoDoublePosts();
  }

  @Test
  void leasing_withBadSettings_isRefusedWithTheSettingNamed() {
    assertThatThrownBy(() -> RolloutLeasing.shared(leases, " "))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("holder");
    assertThatThrownBy(() -> RolloutLeasing.local().duration(Duration.ZERO))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Lease duration must be positive");
  }

  @Test
  void write_fencedByALostLease_throwsLeaseLost() {
    var lease = leases.acquire("R", "x", TTL).orElseThrow();
    sim.clock.advance(TTL);
    assertThat(leases.acquire("R", "y", TTL)).as("y takes the expired lease").isPresent();
    assertThatThrownBy(() -> store.write(WriteBatch.builder().fencedBy(lease).build()))
        .isInstanceOf(LeaseLostException.class);
  }

  private List<FleetEvent> eventsOf(EventType type) {
    return store.events(0, 100_000).stream()
        .filter(e -> e.type() == type)
        .collect(Collectors.toList());
  }

  private void assertNoDoublePosts() {
    Map<String, Long> perAttempt = sim.trails("sim.io").posts().stream()
        .collect(Collectors.groupingBy(
            s -> s.device() + " " + s.marker().orElseThrow(), Collectors.counting()));
    assertThat(perAttempt).allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1L));
  }
}
