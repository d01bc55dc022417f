package io.biggerfleet.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.LeaseLostException;
import io.biggerfleet.ManualClock;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.group.SelectorResolver;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.rollout.RolloutLeasing;
import io.biggerfleet.rollout.Rollouts;
import io.biggerfleet.spi.FleetStore;
import io.biggerfleet.spi.RolloutLease;
import io.biggerfleet.spi.Versioned;
import io.biggerfleet.spi.WriteBatch;
import io.biggerfleet.testing.Crashes;
import io.biggerfleet.testing.FakeTrails;
import io.biggerfleet.testing.SimFleet;
import io.biggerfleet.testing.SimulatedCrash;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 8's several-instances test: three engine instances, each with its own store (own connection
 * pool) on one embedded PostgreSQL, drive three rollouts over the core fake fleet, all on one
 * {@link ManualClock}. Engines die at random effects ({@link Crashes}: before or after a store write,
 * post or cancel) and come back later under a new instance id; one engine stalls right before a write
 * until its lease has run out and another engine has taken over. Every rollout must finish with every
 * device accounted for, no (device, rollout, step, attempt) posted twice, every engine write fenced,
 * and no write landing from an instance that did not hold the lease at that moment.
 */
class ThreeEnginesOnPostgresTest {
  private static final Duration TTL = Duration.ofMinutes(20);
  private static final Duration ROUND = Duration.ofMinutes(5);
  private static final int DEVICES = 45;
  private static final List<String> ROLLOUTS = List.of("R0", "R1", "R2");

  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
  private final List<String> refused = new ArrayList<>();
  private ManualClock clock;
  private FakeTrails trails;
  private JdbcFleetStore operatorStore;
  private final JdbcFleetStore[] stores = new JdbcFleetStore[3];
  private final Rollouts[] engines = new Rollouts[3];
  private final Crashes[] crashes = new Crashes[3];
  private final int[] generation = new int[3];
  private final Runnable[] stallBeforeNextWrite = new Runnable[3];
  private int deaths;
  private int stallsDone;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void threeEngines_withCrashesAndAStalledHolder_finishEveryRollout_withoutDoublePostsOrLoserWrites(
      long seed) {
    String url = TestDatabases.freshPostgresSchema();
    clock = ManualClock.at("2026-03-01T00:00:00Z");
    trails =
        new FakeTrails("sim.io", clock, FakeTrails.seeded(seed, 0.05, 0, "segmentation fault"));
    trails.addObject(SimFleet.OLD_KERNEL).addObject(SimFleet.NEW_KERNEL);
    operatorStore =
        JdbcFleetStore.postgres(url, "postgres", "").maxPoolSize(2).clock(clock).open();
    try {
      for (int i = 0; i < 3; i++) {
        stores[i] = JdbcFleetStore.postgres(url, "postgres", "")
            .maxPoolSize(2)
            .clock(clock)
            .open();
      }
      run(seed);
    } finally {
      for (JdbcFleetStore s : stores) {
        if (s != null) {
          s.close();
        }
      }
      operatorStore.close();
    }
  }

  private void run(long seed) {
    WriteBatch.Builder devices = WriteBatch.builder();
    for (int i = 0; i < DEVICES; i++) {
      DeviceId id = DeviceId.of(String.format("dev-%03d", i), "sim.io");
      Device.Builder d = Device.builder(id).online(true).addTag("g" + (i % 3));
      if (i % 5 == 0) {
        d.addTag("g" + (i % 3) + "-canary");
      }
      devices.putDevice(d.build(), 0);
      trails.addDevice(id, SimFleet.factoryState());
    }
    operatorStore.write(devices.build());
    Rollouts operator =
        Rollouts.over(operatorStore, clock, Map.of("sim.io", trails), resolver(), "operator");
    for (int k = 0; k < 3; k++) {
      String name = ROLLOUTS.get(k);
      operator.create(Rollout.builder(name)
          .change("set kernel=" + SimFleet.NEW_KERNEL)
          .message("kernel")
          .devices("/tag/g" + k)
          .time("1h")
          .timeout("30m")
          .success("50%,50%")
          .build());
      operator.addStep(name, "/tag/g" + k + "-canary", "30m", "30m", "100%,30%");
      operator.activate(name);
    }

    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 3; i++) {
      crashes[i] = new Crashes(seed * 31 + i, 0.02);
      engines[i] = newEngine(i);
    }
    int[] restartIn = new int[3];
    int stallRound = 2 + random.nextInt(6);
    boolean stalled = false;
    int[] order = {0, 1, 2};
    for (int round = 0; round < 300 && !allFinished(); round++) {
      clock.advance(ROUND);
      shuffle(order, random);
      int victim = round >= stallRound && !stalled ? leaseHolderSlot() : -1;
      if (victim >= 0) {
        stallBeforeNextWrite[victim] = () -> {
          stallsDone++;
          // the victim stalls (GC pause, slow disk) right before a write, long enough to lose its
          // lease
          clock.advance(TTL);
          for (int other = 0; other < 3; other++) {
            if (other != victim) {
              tick(other);
            }
          }
        };
        stalled = true;
      }
      for (int i : order) {
        if (engines[i] == null) {
          if (--restartIn[i] > 0) {
            continue;
          }
          engines[i] = newEngine(i); // a new process under a new instance id
        }
        if (!tick(i)) {
          restartIn[i] = 1 + random.nextInt(4);
        }
      }
    }

    assertThat(stallsDone).as("stalls").isEqualTo(1);
    assertThat(violations).isEmpty();
    assertThat(refused).as("the stalled engine's write was refused").isNotEmpty();
    for (int k = 0; k < 3; k++) {
      String name = ROLLOUTS.get(k);
      Rollout r = operatorStore.rollout(name).orElseThrow().value();
      assertThat(r.state()).as(name).isEqualTo(RolloutState.DONE);
      List<DeviceRolloutProgress> recs =
          operatorStore.progress(name).stream().map(Versioned::value).collect(Collectors.toList());
      SortedSet<DeviceId> inRollout = recs.stream()
          .map(DeviceRolloutProgress::device)
          .collect(Collectors.toCollection(TreeSet::new));
      assertThat(inRollout).as("devices of " + name).isEqualTo(resolver().resolve("/tag/g" + k));
      assertThat(recs)
          .allSatisfy(p -> assertThat(p.status().isTerminal()).as(p.toString()).isTrue());
    }
    Map<String, Long> postsPerAttempt = trails.posts().stream()
        .collect(Collectors.groupingBy(
            s -> s.device() + " " + s.marker().orElseThrow(), Collectors.counting()));
    assertThat(postsPerAttempt)
        .allSatisfy((attempt, n) -> assertThat(n).as(attempt).isEqualTo(1L));
  }

  /** One tick of engine {@code i}; false (and the engine dropped) if it died in a simulated crash. */
  private boolean tick(int i) {
    if (engines[i] == null) {
      return true;
    }
    try {
      engines[i].tick();
      return true;
    } catch (SimulatedCrash e) {
      engines[i] = null;
      deaths++;
      return false;
    }
  }

  private Rollouts newEngine(int i) {
    String holder = "engine-" + i + "." + (++generation[i]);
    FleetStore store = checked(i, crashes[i].store(stores[i]));
    return Rollouts.over(
        store,
        clock,
        Map.of("sim.io", crashes[i].trails(trails)),
        resolver(),
        holder,
        RolloutLeasing.shared(stores[i].leases(), holder).duration(TTL));
  }

  /**
   * Engine {@code i}'s view of the store: runs a pending stall before a write; checks that every write
   * of rollout data is fenced and that a write that landed was made under the then-current lease.
   */
  private FleetStore checked(int i, FleetStore inner) {
    return (FleetStore) Proxy.newProxyInstance(
        FleetStore.class.getClassLoader(), new Class<?>[] {FleetStore.class}, (proxy, m, args) -> {
          if (!m.getName().equals("write")) {
            return invoke(m, inner, args);
          }
          WriteBatch batch = (WriteBatch) args[0];
          if ((!batch.rollouts().isEmpty() || !batch.progress().isEmpty())
              && batch.fences().isEmpty()) {
            violations.add("unfenced engine write " + batch);
          }
          Runnable stall = stallBeforeNextWrite[i];
          if (stall != null && !batch.fences().isEmpty()) {
            stallBeforeNextWrite[i] = null;
            stall.run();
          }
          try {
            invoke(m, inner, args);
          } catch (LeaseLostException e) {
            refused.add(e.getMessage());
            throw e;
          }
          for (RolloutLease fence : batch.fences()) {
            RolloutLease now = operatorStore.leases().current(fence.rollout()).orElse(null);
            if (now == null
                || now.token() != fence.token()
                || !now.holder().equals(fence.holder())) {
              violations.add("write under " + fence + " landed while the lease was " + now);
            }
          }
          return null;
        });
  }

  private static Object invoke(java.lang.reflect.Method m, Object target, Object[] args)
      throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** The slot of a live engine that holds an unexpired lease on an unfinished rollout, or -1. */
  private int leaseHolderSlot() {
    for (String name : ROLLOUTS) {
      RolloutLease l = operatorStore.leases().current(name).orElse(null);
      if (l == null || l.isExpiredAt(clock.instant())) {
        continue;
      }
      for (int i = 0; i < 3; i++) {
        if (engines[i] != null && l.holder().equals("engine-" + i + "." + generation[i])) {
          return i;
        }
      }
    }
    return -1;
  }

  private boolean allFinished() {
    return ROLLOUTS.stream()
        .map(n -> operatorStore.rollout(n).orElseThrow().value())
        .allMatch(r -> r.state().isFinished() && !r.run().watching());
  }

  private static void shuffle(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** {@code /tag/<tag>}: the devices with that fleet tag. */
  private SelectorResolver resolver() {
    return selector -> {
      if (!selector.startsWith("/tag/")) {
        throw new InvalidInputException("Unknown selector '" + selector + "'");
      }
      String tag = selector.substring(5);
      SortedSet<DeviceId> out = new TreeSet<>();
      for (Versioned<Device> d : operatorStore.devices()) {
        if (d.value().tags().contains(tag)) {
          out.add(d.value().id());
        }
      }
      return Collections.unmodifiableSortedSet(out);
    };
  }
}
