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
import io.biggerfleet.spi.TrailStep;
import io.biggerfleet.spi.Versioned;
import io.biggerfleet.spi.WriteBatch;
import io.biggerfleet.testing.Crashes;
import io.biggerfleet.testing.FakeTrails;
import io.biggerfleet.testing.SimFleet;
import io.biggerfleet.testing.SimulatedCrash;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 17 target 2, the fast variant: three engine instances, each with its own store (own pool) on one
 * embedded PostgreSQL, share ONE rollout split into {@value #PARTITIONS} partitions
 * ({@link RolloutLeasing#partitions(int)}), over the core fake fleet on one {@link ManualClock}. Every
 * instance posts the devices of the partitions it holds; the rollout-lease holder reads progress and
 * takes the gate decisions. Checked: no (device, step, attempt) posted twice, no device lost, every
 * record complete, every engine write fenced and landing only under the then-current leases, a stalled
 * partition holder's write refused, and a killed instance's partitions taken over within one lease
 * period (plus the one tick it takes to notice).
 */
class PartitionedEnginesOnPostgresTest {
  private static final int PARTITIONS = 8;
  private static final Duration TTL = Duration.ofMinutes(4);
  private static final Duration ROUND = Duration.ofMinutes(1);
  private static final int DEVICES = 160;
  private static final String ROLLOUT = "BIG";

  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
  private final List<String> refused = new ArrayList<>();
  private final Set<String> postingHolders = new HashSet<>();
  private ManualClock clock;
  private FakeTrails trails;
  private JdbcFleetStore operatorStore;
  private final JdbcFleetStore[] stores = new JdbcFleetStore[3];
  private final Rollouts[] engines = new Rollouts[3];
  private final Crashes[] crashes = new Crashes[3];
  private final int[] generation = new int[3];
  private final Runnable[] stallBeforeNextWrite = new Runnable[3];
  private int stallsDone;

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14})
  void threePartitionedEngines_withCrashesAndAStalledPartitionHolder_postEveryDeviceOnce(
      long seed) {
    withDatabase(seed, 0.05, () -> runWithCrashes(seed));
  }

  @Test
  void killedInstance_hasItsPartitionsTakenOverWithinOneLeasePeriod_andAJoinerGetsItsFairShare() {
    withDatabase(7, 0.0, this::runKillAndJoin);
  }

  private void withDatabase(long seed, double failRate, Runnable body) {
    String url = TestDatabases.freshPostgresSchema();
    clock = ManualClock.at("2026-03-01T00:00:00Z");
    trails =
        new FakeTrails("sim.io", clock, FakeTrails.seeded(seed, failRate, 0, "segmentation fault"));
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
      createRollout();
      body.run();
    } finally {
      for (JdbcFleetStore s : stores) {
        if (s != null) {
          s.close();
        }
      }
      operatorStore.close();
    }
  }

  private void createRollout() {
    WriteBatch.Builder devices = WriteBatch.builder();
    for (int i = 0; i < DEVICES; i++) {
      DeviceId id = DeviceId.of(String.format("dev-%04d", i), "sim.io");
      Device.Builder d = Device.builder(id).online(true).addTag("all");
      if (i % 10 == 0) {
        d.addTag("canary");
      }
      devices.putDevice(d.build(), 0);
      trails.addDevice(id, SimFleet.factoryState());
    }
    operatorStore.write(devices.build());
    Rollouts operator =
        Rollouts.over(operatorStore, clock, Map.of("sim.io", trails), resolver(), "operator");
    operator.create(Rollout.builder(ROLLOUT)
        .change("set kernel=" + SimFleet.NEW_KERNEL)
        .message("kernel")
        .devices("/tag/all")
        .time("1h")
        .timeout("1h")
        .success("50%,50%")
        .build());
    operator.addStep(ROLLOUT, "/tag/canary", "10m", "1h", "100%,30%");
    operator.activate(ROLLOUT);
  }

  private void runWithCrashes(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 3; i++) {
      crashes[i] = new Crashes(seed * 31 + i, 0.01);
      engines[i] = newEngine(i);
    }
    int[] restartIn = new int[3];
    int stallRound = 20 + random.nextInt(20); // in the big step
    boolean stalled = false;
    int[] order = {0, 1, 2};
    for (int round = 0; round < 400 && !finished(); round++) {
      clock.advance(ROUND);
      shuffle(order, random);
      int victim = round >= stallRound && !stalled ? partitionHolderSlot() : -1;
      if (victim >= 0) {
        stallBeforeNextWrite[victim] = () -> {
          stallsDone++;
          // the victim stalls (GC pause) right before a write, long enough to lose its partitions
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
    assertThat(refused).as("the stalled holder's write was refused").isNotEmpty();
    assertComplete();
  }

  private void runKillAndJoin() {
    engines[0] = newEngine(0);
    engines[1] = newEngine(1);
    for (int round = 0; round < 3; round++) {
      clock.advance(ROUND);
      tickAll();
    }
    assertThat(heldBy())
        .as("two instances, fair share of 8 each")
        .containsOnlyKeys(holder(0), holder(1))
        .allSatisfy((h, n) -> assertThat(n).isEqualTo(PARTITIONS / 2));
    // a third instance joins: the others release extras, everyone ends at most ceil(8 / 3) = 3
    engines[2] = newEngine(2);
    for (int round = 0; round < 3; round++) {
      clock.advance(ROUND);
      tickAll();
    }
    Map<String, Integer> three = heldBy();
    assertThat(three)
        .as("three instances share the partitions")
        .containsOnlyKeys(holder(0), holder(1), holder(2))
        .allSatisfy((h, n) -> assertThat(n).isBetween(2, 3));
    assertThat(three.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(PARTITIONS);
    // run into the big step, then kill -9 one partition holder
    for (int round = 0;
        round < 60 && operatorStore.rollout(ROLLOUT).orElseThrow().value().run().currentStep() < 2;
        round++) {
      clock.advance(ROUND);
      tickAll();
    }
    assertThat(operatorStore.rollout(ROLLOUT).orElseThrow().value().run().currentStep())
        .as("in the big step: "
            + operatorStore.rollout(ROLLOUT).orElseThrow().value() + " "
            + operatorStore.progress(ROLLOUT).stream()
                .map(v -> v.value().status())
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()))
            + "\n"
            + operatorStore.events(0, 1000).stream()
                .filter(e -> !e.type().name().startsWith("DEVICE"))
                .map(e -> e.time() + " " + e.type() + " " + e.actor() + " " + e.message())
                .collect(Collectors.joining("\n")))
        .isEqualTo(2);
    for (int round = 0; round < 10; round++) {
      clock.advance(ROUND);
      tickAll();
    }
    String dead = holder(1);
    Set<Integer> orphaned = partitionsOf(dead);
    assertThat(orphaned).isNotEmpty();
    engines[1] = null;
    Instant died = clock.instant();
    Instant takenOver = null;
    for (int round = 0; round < 30 && takenOver == null; round++) {
      clock.advance(ROUND);
      tickAll();
      if (orphaned.stream()
          .allMatch(k -> liveHolderOf(k) != null && !liveHolderOf(k).equals(dead))) {
        takenOver = clock.instant();
      }
    }
    assertThat(takenOver).as("partitions of the killed instance taken over").isNotNull();
    assertThat(Duration.between(died, takenOver))
        .as("takeover time")
        .isLessThanOrEqualTo(TTL.plus(ROUND));
    for (int round = 0; round < 400 && !finished(); round++) {
      clock.advance(ROUND);
      tickAll();
    }
    assertComplete();
    assertThat(postingHolders).as("instances that posted").contains(holder(0), dead, holder(2));
    Map<DeviceId, Long> stepsPerDevice = trails.posts().stream()
        .collect(Collectors.groupingBy(TrailStep::device, Collectors.counting()));
    assertThat(stepsPerDevice)
        .as("each device has exactly one step posted")
        .hasSize(DEVICES)
        .allSatisfy((d, n) -> assertThat(n).as(d.toString()).isEqualTo(1L));
  }

  private void assertComplete() {
    assertThat(violations).isEmpty();
    Rollout r = operatorStore.rollout(ROLLOUT).orElseThrow().value();
    assertThat(r.state()).isEqualTo(RolloutState.DONE);
    List<DeviceRolloutProgress> recs =
        operatorStore.progress(ROLLOUT).stream().map(Versioned::value).collect(Collectors.toList());
    SortedSet<DeviceId> inRollout = recs.stream()
        .map(DeviceRolloutProgress::device)
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(inRollout).as("no device lost").isEqualTo(resolver().resolve("/tag/all"));
    assertThat(recs).allSatisfy(p -> {
      assertThat(p.status().isTerminal()).as(p.toString()).isTrue();
      assertThat(p.attempt()).as("posted at least once: " + p).isGreaterThanOrEqualTo(1);
    });
    Map<String, Long> postsPerAttempt = trails.posts().stream()
        .collect(Collectors.groupingBy(
            s -> s.device() + " " + s.marker().orElseThrow(), Collectors.counting()));
    assertThat(postsPerAttempt)
        .as("no double posts")
        .allSatisfy((attempt, n) -> assertThat(n).as(attempt).isEqualTo(1L));
  }

  private void tickAll() {
    for (int i = 0; i < 3; i++) {
      tick(i);
    }
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
      return false;
    }
  }

  private String holder(int i) {
    return "engine-" + i + "." + generation[i];
  }

  private Rollouts newEngine(int i) {
    String holder = "engine-" + i + "." + (++generation[i]);
    FleetStore store = stores[i];
    Map<String, io.biggerfleet.spi.DeviceTrails> t = Map.of("sim.io", trails);
    if (crashes[i] != null) {
      store = crashes[i].store(store);
      t = Map.of("sim.io", crashes[i].trails(trails));
    }
    return Rollouts.over(
        checked(i, store),
        clock,
        t,
        resolver(),
        holder,
        RolloutLeasing.shared(stores[i].leases(), holder).duration(TTL).partitions(PARTITIONS));
  }

  /** Live (unexpired) holder of partition {@code k}, or null. */
  private String liveHolderOf(int k) {
    RolloutLease l = operatorStore.leases().current(ROLLOUT + "#p" + k).orElse(null);
    return l == null || l.isExpiredAt(clock.instant()) ? null : l.holder();
  }

  private Set<Integer> partitionsOf(String holder) {
    Set<Integer> out = new TreeSet<>();
    for (int k = 0; k < PARTITIONS; k++) {
      if (holder.equals(liveHolderOf(k))) {
        out.add(k);
      }
    }
    return out;
  }

  private Map<String, Integer> heldBy() {
    Map<String, Integer> m = new HashMap<>();
    for (int k = 0; k < PARTITIONS; k++) {
      String h = liveHolderOf(k);
      if (h != null) {
        m.merge(h, 1, Integer::sum);
      }
    }
    return m;
  }

  /** The slot of a live engine holding an unexpired partition lease, or -1. */
  private int partitionHolderSlot() {
    for (int k = 0; k < PARTITIONS; k++) {
      String h = liveHolderOf(k);
      for (int i = 0; i < 3; i++) {
        if (engines[i] != null && holder(i).equals(h)) {
          return i;
        }
      }
    }
    return -1;
  }

  /**
   * Engine {@code i}'s view of the store: runs a pending stall before a write; checks that every write
   * of rollout data is fenced and that a write that landed was made under the then-current leases.
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
          if (!batch.progress().isEmpty()
              && batch.rollouts().isEmpty()
              && batch.fences().stream().noneMatch(f -> f.rollout().contains("#p"))) {
            violations.add(
                "record write without the rollout record nor a partition fence " + batch);
          }
          Runnable stall = stallBeforeNextWrite[i];
          if (stall != null && batch.fences().stream().anyMatch(f -> f.rollout().contains("#p"))) {
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
            if (fence.rollout().contains("#p")
                && batch.events().stream().anyMatch(e -> e.message().contains("posted step"))) {
              postingHolders.add(fence.holder());
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

  private boolean finished() {
    Rollout r = operatorStore.rollout(ROLLOUT).orElseThrow().value();
    return r.state().isFinished() && !r.run().watching();
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
