package io.biggerfleet.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.spi.DeviceTrails;
import io.biggerfleet.spi.RolloutLease;
import io.biggerfleet.spi.WriteBatch;
import io.biggerfleet.store.InMemoryFleetStore;
import io.biggerfleet.store.InMemoryRolloutLeases;
import io.biggerfleet.testing.FakeTrails;
import io.biggerfleet.testing.SimFleet;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Takeover time of a partitioned rollout on a manual clock, when the survivor is busy: every post takes
 * {@link #POST} of the clock (a slow hub), so a round that posted its whole backlog would run for many
 * seconds; a partitioned round posts for one tick (a tenth of the lease) at most and ends early when a
 * lease it watches expires, so the survivor claims a killed instance's partitions within one lease
 * period plus the chunk of posts in flight (and the pause between its rounds).
 */
class PartitionTakeoverTest {
  private static final Duration TTL = Duration.ofMinutes(1);
  private static final Duration POST = Duration.ofMillis(10);
  private static final Duration CHUNK = POST.multipliedBy(100);
  private static final Duration PAUSE = Duration.ofSeconds(1);
  private static final int DEVICES = 12_000;
  private static final int PARTITIONS = 8;
  private Runnable onPost = () -> {};
  private Instant taken;

  @Test
  void
      killedInstance_hasItsPartitionsTakenByABusySurvivor_withinOneLeasePlusOneChunk_andEveryDevicePostedOnce() {
    SimFleet sim = SimFleet.of(DEVICES, 0, FakeTrails.allSucceed(), null);
    InMemoryRolloutLeases leases = new InMemoryRolloutLeases(sim.clock);
    InMemoryFleetStore store = new InMemoryFleetStore(leases);
    WriteBatch.Builder b = WriteBatch.builder();
    sim.baseStore.devices().forEach(d -> b.putDevice(d.value(), 0));
    store.write(b.build());
    FakeTrails fake = sim.trails.get("sim.io");
    Map<String, DeviceTrails> trails = Map.of("sim.io", slow(fake, sim, () -> onPost.run()));
    Rollouts operator = Rollouts.over(store, sim.clock, trails, sim.resolver(), "operator");
    operator.create(Rollout.builder("R")
        .change("set kernel=" + SimFleet.NEW_KERNEL)
        .message("kernel")
        .devices("/")
        .time("1m")
        .timeout("1h")
        .success("90%,90%")
        .build());
    operator.activate("R");
    Rollouts a = engine(store, sim, trails, leases, "a");
    Rollouts killed = engine(store, sim, trails, leases, "b");
    sim.clock.advance(Duration.ofMinutes(1)); // every device is due: both instances have a backlog
    for (int round = 0; round < 3; round++) {
      a.tick();
      killed.tick();
      sim.clock.advance(PAUSE);
    }
    Set<Integer> orphaned = heldBy(leases, "b", sim.clock.instant());
    assertThat(orphaned).as("partitions of the instance to kill").isNotEmpty();
    long postedBefore = fake.posts().size();
    assertThat(postedBefore).as("a backlog is left").isLessThan(DEVICES / 2);
    Instant died = sim.clock.instant(); // kill -9 of b: it never runs again
    // looked at before every post of a (the claim is at the start of a round, before its posts) and
    // between rounds
    onPost = () -> {
      if (taken == null && heldBy(leases, "a", sim.clock.instant()).containsAll(orphaned)) {
        taken = sim.clock.instant();
      }
    };
    for (int round = 0; round < 500 && taken == null; round++) {
      a.tick();
      onPost.run();
      sim.clock.advance(PAUSE);
    }
    assertThat(taken).as("b's partitions taken over").isNotNull();
    assertThat(Duration.between(died, taken))
        .as("takeover time")
        .isLessThanOrEqualTo(TTL.plus(CHUNK).plus(PAUSE).plus(POST));
    for (int round = 0;
        round < 300 && store.rollout("R").orElseThrow().value().state() != RolloutState.DONE;
        round++) {
      a.tick();
      sim.clock.advance(Duration.ofMinutes(1));
    }
    assertThat(store.rollout("R").orElseThrow().value().state()).isEqualTo(RolloutState.DONE);
    Map<String, Long> perDevice = fake.posts().stream()
        .collect(Collectors.groupingBy(s -> s.device().toString(), Collectors.counting()));
    assertThat(perDevice)
        .as("every device posted exactly once")
        .hasSize(DEVICES)
        .allSatisfy((d, n) -> assertThat(n).as(d).isEqualTo(1L));
  }

  private static Rollouts engine(
      InMemoryFleetStore store,
      SimFleet sim,
      Map<String, DeviceTrails> trails,
      InMemoryRolloutLeases leases,
      String holder) {
    return Rollouts.over(
        store,
        sim.clock,
        trails,
        sim.resolver(),
        holder,
        RolloutLeasing.shared(leases, holder).duration(TTL).partitions(PARTITIONS));
  }

  private static Set<Integer> heldBy(InMemoryRolloutLeases leases, String holder, Instant now) {
    Set<Integer> out = new TreeSet<>();
    for (int k = 0; k < PARTITIONS; k++) {
      RolloutLease l = leases.current("R#p" + k).orElse(null);
      if (l != null && l.holder().equals(holder) && !l.isExpiredAt(now)) {
        out.add(k);
      }
    }
    return out;
  }

  /** Trails whose every post takes {@link #POST} of the manual clock, one post at a time. */
  private static DeviceTrails slow(FakeTrails t, SimFleet sim, Runnable beforePost) {
    return (DeviceTrails) Proxy.newProxyInstance(
        DeviceTrails.class.getClassLoader(),
        new Class<?>[] {DeviceTrails.class},
        (proxy, m, args) -> {
          if (m.getName().equals("postConcurrency")) {
            return 1;
          }
          if (m.getName().equals("post")) {
            beforePost.run();
            sim.clock.advance(POST);
          }
          try {
            return m.invoke(t, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
