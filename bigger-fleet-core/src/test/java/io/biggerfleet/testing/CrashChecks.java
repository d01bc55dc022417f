package io.biggerfleet.testing;

import io.biggerfleet.device.DeviceId;
import io.biggerfleet.event.EventType;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.spi.ProgressStatus;
import io.biggerfleet.spi.TrailStep;
import io.biggerfleet.spi.Versioned;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What must hold after a {@link CrashScenario} seed, as a list of violations (plain Java, no test
 * framework, so the long run can count them). For the crashed run: each (device, attempt) posted at
 * most once; nothing posted for a rollout that was not ACTIVE; every device has a record and, in DONE,
 * was posted; every state change follows the table; every gate's figures equal a recount from what the
 * devices had reported at that instant. Against the undisturbed run: the same rollouts, field for
 * field (but where each last read the progress feed), the same record for every device in every
 * rollout, field for field, the same gates and the same posts. And
 * in both runs, after the backout: every device runs its pre-rollout state again, and both rollouts
 * have ended (finished, watching nothing; the backout DONE).
 */
final class CrashChecks {
  private static final Pattern GATE = Pattern.compile(
      "step (\\d+)/\\d+: (\\d+) of (\\d+) reported .*?, (\\d+) of (\\d+) succeeded");
  private static final Pattern MOVE = Pattern.compile("^(\\w+) -> (\\w+):");
  private static final int MAX_PER_SEED = 20;

  private CrashChecks() {}

  static void check(CrashScenario.Run calm, CrashScenario.Run crashed, List<String> out) {
    List<String> v = new ArrayList<>();
    SimFleet sim = crashed.sim;
    crashed.postedWhileNotActive.forEach(s -> v.add("posted while not ACTIVE: " + s));
    crashed.pacingBroken.forEach(s -> v.add("pacing broken: " + s));
    sim.trails("sim.io").postCounts().forEach((k, n) -> {
      if (n != 1) {
        v.add("posted " + n + " times: " + k);
      }
    });
    List<DeviceRolloutProgress> recs = records(sim, "R");
    if (!recs.stream()
        .map(DeviceRolloutProgress::device)
        .collect(Collectors.toList())
        .equals(sim.deviceIds())) {
      v.add("R does not hold exactly one record per device");
    }
    Rollout r = crashed.rollout("R");
    for (DeviceRolloutProgress p : recs) {
      DeviceStatus s = p.status();
      if (r.state() == RolloutState.DONE
          && (s == DeviceStatus.WAITING || s == DeviceStatus.POSTING || p.attempt() < 1)) {
        v.add("R is DONE but " + p + " was never posted");
      }
      if (r.state() == RolloutState.ABORTED
          && r.run().backout().isEmpty()
          && (s == DeviceStatus.WAITING || s == DeviceStatus.POSTING || s == DeviceStatus.POSTED)) {
        v.add("R is ABORTED but " + p + " is still " + s);
      }
    }
    List<FleetEvent> events = sim.baseStore.events(0, Integer.MAX_VALUE);
    stateChanges("R", RolloutState.DRAFT, events, v);
    gates(crashed, "R", events, v);
    sameAs(calm, crashed, "R", v);
    if (!Objects.equals(calm.backout, crashed.backout)) {
      v.add("backout " + crashed.backout + " where the undisturbed run had " + calm.backout);
    } else if (crashed.backout != null) {
      stateChanges(crashed.backout, RolloutState.ACTIVE, events, v);
      gates(crashed, crashed.backout, events, v);
      sameAs(calm, crashed, crashed.backout, v);
    }
    if (!gateEvents(calm.sim).equals(gateEvents(sim))) {
      v.add("gates " + gateEvents(sim) + " where the undisturbed run had " + gateEvents(calm.sim));
    }
    if (!calm.sim.trails("sim.io").postCounts().equals(sim.trails("sim.io").postCounts())) {
      v.add("posts differ from the undisturbed run");
    }
    backedOut(calm, "undisturbed run", v);
    backedOut(crashed, "crashed run", v);
    v.sort(java.util.Comparator.comparing(
        s -> s.startsWith("record of "))); // the cause first, its traces after
    v.stream().limit(MAX_PER_SEED).forEach(s -> out.add("seed " + crashed.seed + ": " + s));
    if (v.size() > MAX_PER_SEED) {
      out.add("seed " + crashed.seed + ": … and " + (v.size() - MAX_PER_SEED) + " more");
    }
  }

  /** After a backout: every device runs its pre-rollout (factory) state, both rollouts ended. */
  private static void backedOut(CrashScenario.Run run, String which, List<String> v) {
    if (run.backout == null) {
      return;
    }
    FakeTrails trails = run.sim.trails("sim.io");
    for (DeviceId id : run.sim.deviceIds()) {
      if (!trails.runningState(id).equals(SimFleet.factoryState())) {
        v.add(which + ": after the backout " + id
            + " does not run its pre-rollout state; its record in R: "
            + fields(run.sim.baseStore.progress("R", id).map(Versioned::value).orElse(null)));
      }
    }
    Rollout r = run.rollout("R");
    if (!r.state().isFinished() || r.run().watching()) {
      v.add(which + ": R has not ended after its backout: " + r.state()
          + (r.run().watching() ? ", watching" : ""));
    }
    Rollout b = run.rollout(run.backout);
    if (b.state() != RolloutState.DONE || b.run().watching()) {
      v.add(which + ": " + run.backout + " has not ended: " + b.state()
          + (b.run().watching() ? ", watching" : ""));
    }
  }

  /** The rollout and every device record, field for field, against the undisturbed run. */
  private static void sameAs(
      CrashScenario.Run calm, CrashScenario.Run crashed, String name, List<String> v) {
    Rollout c = calm.rollout(name);
    Rollout r = crashed.rollout(name);
    String differs = diff(r, c) + diff(r.run(), c.run());
    if (!differs.isEmpty()) {
      v.add(name + " differs from the undisturbed run:" + differs);
    }
    Map<DeviceId, DeviceRolloutProgress> want = new LinkedHashMap<>();
    records(calm.sim, name).forEach(p -> want.put(p.device(), p));
    Map<DeviceId, DeviceRolloutProgress> got = new LinkedHashMap<>();
    records(crashed.sim, name).forEach(p -> got.put(p.device(), p));
    if (!want.keySet().equals(got.keySet())) {
      v.add(name + ": devices " + got.keySet() + " where the undisturbed run had " + want.keySet());
      return;
    }
    want.forEach((id, p) -> {
      DeviceRolloutProgress q = got.get(id);
      if (!p.equals(q)) {
        v.add("record of " + id + " in " + name + ": " + fields(q)
            + " where the undisturbed run has " + fields(p));
      }
    });
  }

  /**
   * The fields (declared in its class) in which {@code got} differs from {@code want}, as text. Not
   * compared: the nested run (compared on its own) and the feed cursors, which say where the engine
   * last read the fleet-wide progress feed — a restarted engine reads again from further on, and
   * reading a report twice changes nothing.
   */
  private static String diff(Object got, Object want) {
    StringBuilder out = new StringBuilder();
    for (java.lang.reflect.Field f : got.getClass().getDeclaredFields()) {
      if (java.lang.reflect.Modifier.isStatic(f.getModifiers())
          || f.getType() == io.biggerfleet.model.RolloutRun.class
          || f.getName().equals("cursors")) {
        continue;
      }
      f.setAccessible(true);
      try {
        Object a = f.get(got);
        Object b = f.get(want);
        if (a instanceof Record && b != null) {
          out.append(diff(a, b)); // Rollout keeps its values in one record: compare field by field
        } else if (!Objects.equals(a, b)) {
          out.append(' ')
              .append(f.getName())
              .append('=')
              .append(a)
              .append(" (undisturbed: ")
              .append(b)
              .append(')');
        }
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    return out.toString();
  }

  /** Every field of a record (equals compares exactly these). */
  static String fields(DeviceRolloutProgress p) {
    if (p == null) {
      return "(none)";
    }
    return "{step=" + p.step() + " attempt=" + p.attempt() + " rev=" + p.rev() + " baseRev="
        + p.baseRev()
        + " status=" + p.status() + " deviceStatus=" + p.deviceStatus() + " percent=" + p.percent()
        + " message="
        + p.message() + " dueAt=" + p.dueAt().orElse(null) + " detour=" + p.detour() + " updatedAt="
        + p.updatedAt()
        + "}";
  }

  private static List<String> gateEvents(SimFleet sim) {
    return sim.baseStore.events(0, Integer.MAX_VALUE).stream()
        .filter(e -> e.type() == EventType.GATE_PASSED || e.type() == EventType.GATE_FAILED)
        .map(e -> e.time() + " " + e.subject() + " " + e.message())
        .collect(Collectors.toList());
  }

  private static List<DeviceRolloutProgress> records(SimFleet sim, String rollout) {
    return sim.baseStore.progress(rollout).stream()
        .map(Versioned::value)
        .collect(Collectors.toList());
  }

  private static void stateChanges(
      String name, RolloutState from, List<FleetEvent> events, List<String> v) {
    RolloutState at = from;
    for (FleetEvent e : events) {
      if (e.type() != EventType.ROLLOUT_STATE_CHANGED || !e.subject().equals(name)) {
        continue;
      }
      Matcher m = MOVE.matcher(e.message());
      if (!m.find()) {
        v.add("unreadable state change " + e);
        return;
      }
      RolloutState a = RolloutState.valueOf(m.group(1));
      RolloutState b = RolloutState.valueOf(m.group(2));
      if (a != at || !a.canMoveTo(b)) {
        v.add(name + ": state change " + e.message() + " while " + at);
      }
      at = b;
    }
  }

  /**
   * Every gate's figures against a recount from the devices' reports up to the gate's instant (for a
   * rollout without retries: a failure about to be retried does not count as reported, and the feed
   * alone does not tell that); the gates of every rollout are also compared with the undisturbed run.
   */
  private static void gates(
      CrashScenario.Run run, String name, List<FleetEvent> events, List<String> v) {
    SimFleet sim = run.sim;
    if (run.rollout(name).retry().maxAttempts() > 1) {
      return;
    }
    Map<DeviceId, Integer> stepOf = new HashMap<>();
    records(sim, name).forEach(p -> stepOf.put(p.device(), p.step()));
    List<TrailStep> feed =
        sim.trails("sim.io").progressSince(null, Integer.MAX_VALUE).steps();
    for (FleetEvent e : events) {
      if ((e.type() != EventType.GATE_PASSED && e.type() != EventType.GATE_FAILED)
          || !e.subject().equals(name)) {
        continue;
      }
      Matcher m = GATE.matcher(e.message());
      if (!m.find()) {
        v.add("unreadable gate " + e);
        continue;
      }
      int step = Integer.parseInt(m.group(1));
      Map<DeviceId, ProgressStatus> last = new HashMap<>();
      for (TrailStep s : feed) {
        if (s.marker().isPresent()
            && s.marker().get().rollout().equals(name)
            && s.marker().get().step() == step
            && !s.progress().reportedAt().orElseThrow().isAfter(e.time())) {
          last.put(s.device(), s.progress().status());
        }
      }
      long total = stepOf.values().stream().filter(x -> x == step).count();
      long ok = last.values().stream()
          .filter(p -> p.outcome() == ProgressStatus.Outcome.SUCCESS)
          .count();
      long failed = last.values().stream()
          .filter(p -> p.outcome() == ProgressStatus.Outcome.FAILURE)
          .count();
      List<Long> said = List.of(
          Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), Long.parseLong(m.group(4)));
      if (!said.equals(List.of(ok + failed, total, ok))) {
        v.add(name + ": gate " + e.message() + " but the devices' reports give "
            + List.of(ok + failed, total, ok));
      }
    }
  }
}
