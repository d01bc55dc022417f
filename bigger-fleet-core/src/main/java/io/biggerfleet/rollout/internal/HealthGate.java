package io.biggerfleet.rollout.internal;

import io.biggerfleet.event.EventType;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.Durations;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutRun;
import io.biggerfleet.model.StepGuards;
import io.biggerfleet.spi.DeviceLiveness;
import io.biggerfleet.spi.HealthCheck;
import io.biggerfleet.spi.Versioned;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The health phase of a step's gate (part of {@link RolloutEngine}'s executor): once the step's
 * criteria pass, it starts the phase ({@link RolloutRun#healthSince()}), asks the built-in soak and the
 * step's named {@link HealthCheck}s, marks devices they failed FAILED (so they count against the
 * criteria and show in failures), and returns what the gate does now: wait (empty), the passing
 * decisions, or a failure decided by {@link Decider#failGate} with the health reason.
 *
 * <p>Checks are registered by name ({@link #register}; a concurrent map, so registering is
 * thread-safe); the rest runs under the engine's lock.
 */
final class HealthGate {
  private final RolloutEngine engine;
  private final Map<String, HealthCheck> checks = new ConcurrentHashMap<>();

  HealthGate(RolloutEngine engine) {
    this.engine = engine;
  }

  void register(String name, HealthCheck check) {
    checks.put(name, check);
  }

  boolean isRegistered(String name) {
    return checks.containsKey(name);
  }

  /** What the gate does now, given that the criteria pass with {@code passing}. */
  List<Decision> judge(DeviceTable p, List<Decision> passing, Instant now) {
    Rollout r = p.rollout;
    int s = r.run().currentStep();
    StepGuards g = r.config(s).guards();
    if (r.run().healthSince().isEmpty()) {
      Batch b = engine.batch(now);
      String note = g.soak()
          .map(d -> "soak " + Durations.format(d) + " until " + now.plus(d))
          .orElse("health checks");
      b.event(
          EventType.HEALTH_GATE,
          r.name(),
          "Step " + s + "/" + r.stepCount() + " passed its criteria; health gate" + " started: "
              + note);
      engine.commit(p, b, r.withRun(r.run().toBuilder().health(now, note).build()));
      r = p.rollout;
    }
    HealthCheck.Verdict v = verdict(p, r, s, g, now);
    Batch b = engine.batch(now);
    for (HealthCheck.Failed f : v.failed()) {
      int i = p.indexOf(f.device());
      if (i < 0 || p.status(i) != DeviceStatus.SUCCEEDED) {
        continue;
      }
      Versioned<DeviceRolloutProgress> rec = engine.record(p, i);
      DeviceRolloutProgress next = rec.value().toBuilder()
          .status(DeviceStatus.FAILED)
          .message(f.why())
          .updatedAt(now)
          .build();
      b.put(next, rec.version());
      b.event(EventType.HEALTH_GATE, r.name(), f.device() + " failed the health gate: " + f.why());
      engine.apply(p, i, next);
    }
    String note = v.reason();
    if (b.records > 0 || !note.equals(r.run().healthNote().orElse(""))) {
      engine.commit(
          p,
          b,
          r.withRun(r.run().toBuilder()
              .health(r.run().healthSince().orElse(now), note)
              .build()));
    }
    if (v.outcome() == HealthCheck.Outcome.FAIL) {
      return List.of(Decider.failGate(p.rollout, Observations.of(p), now, "health gate: " + note));
    }
    if (v.outcome() == HealthCheck.Outcome.WAIT) {
      return List.of();
    }
    List<Decision> again = Decider.gate(p.rollout, Observations.of(p), now);
    if (again.size() == 1
        && (again.get(0) instanceof Decision.Fail || again.get(0) instanceof Decision.BackOut)) {
      return List.of(Decider.failGate(p.rollout, Observations.of(p), now, "health gate: " + note));
    }
    return again.isEmpty() ? passing : again;
  }

  private HealthCheck.Verdict verdict(DeviceTable p, Rollout r, int s, StepGuards g, Instant now) {
    HealthCheck.Context c = new HealthCheck.Context(
        r.name(),
        s,
        p.total(s),
        p.count(s, DeviceStatus.SUCCEEDED),
        p.count(s, DeviceStatus.FAILED),
        r.run().stepStartedAt().orElse(now),
        r.run().healthSince().orElse(now),
        now,
        () -> engine.store.progress(p.name).stream()
            .map(Versioned::value)
            .filter(x -> x.step() == s && x.status() == DeviceStatus.SUCCEEDED)
            .collect(Collectors.toList()),
        engine::trailsOf);
    List<HealthCheck.Verdict> all = new ArrayList<>();
    g.soak().ifPresent(d -> all.add(ask("soak", c2 -> soak(d, c2), c)));
    if (g.logsFail().isPresent()) {
      all.add(ask("logs-fail", c2 -> logs(g, c2), c));
    }
    for (String name : g.healthChecks()) {
      HealthCheck h = checks.get(name);
      all.add(
          h == null
              ? HealthCheck.Verdict.waitFor(name + ": no health check of that name is registered")
              : ask(name, h, c));
    }
    List<HealthCheck.Failed> failed = new ArrayList<>();
    all.forEach(v -> failed.addAll(v.failed()));
    for (HealthCheck.Outcome o : List.of(HealthCheck.Outcome.FAIL, HealthCheck.Outcome.WAIT)) {
      List<String> why = all.stream()
          .filter(v -> v.outcome() == o)
          .map(HealthCheck.Verdict::reason)
          .toList();
      if (!why.isEmpty()) {
        return new HealthCheck.Verdict(o, String.join("; ", why), failed);
      }
    }
    return new HealthCheck.Verdict(
        HealthCheck.Outcome.PASS,
        all.stream().map(HealthCheck.Verdict::reason).collect(Collectors.joining("; ")),
        failed);
  }

  /** A check's answer; an exception is a WAIT with its message (see {@link HealthCheck}). */
  private static HealthCheck.Verdict ask(String name, HealthCheck h, HealthCheck.Context c) {
    try {
      return h.check(c);
    } catch (RuntimeException e) {
      return HealthCheck.Verdict.waitFor(name + ": check failed, asking again: " + e.getMessage());
    }
  }

  /**
   * The built-in log check ({@code logs-fail=segfault|panic}): a succeeded device whose error log for
   * its new revision ({@link io.biggerfleet.spi.DeviceTrails#errorLog}, Pantahub's logs API) has a line
   * matching the pattern is named failed; the outcome is PASS, and the criteria decide with them
   * counted failed. One log read per succeeded device.
   */
  static HealthCheck.Verdict logs(StepGuards g, HealthCheck.Context c) {
    String what = "logs-fail '" + g.logsFail().orElse("") + "'";
    List<HealthCheck.Failed> failed = new ArrayList<>();
    int n = 0;
    for (DeviceRolloutProgress d : c.succeededDevices()) {
      n++;
      for (String line : c.trails(d.device()).errorLog(d.device(), d.rev(), LOG_LINES)) {
        if (g.logLineFails(line)) {
          failed.add(
              new HealthCheck.Failed(d.device(), what + ": rev " + d.rev() + " logged: " + line));
          break;
        }
      }
    }
    return new HealthCheck.Verdict(
        HealthCheck.Outcome.PASS,
        what + ": " + failed.size() + " of " + n + " devices logged a match",
        failed);
  }

  /** Error lines read per device by the log check. */
  static final int LOG_LINES = 200;

  /**
   * The built-in soak: WAIT until {@code soak} after the health phase began; then every succeeded device
   * must run its new revision (not an older one: a fall-back) and have been seen in the second half of
   * the soak (else it went silent). Devices whose registry cannot tell ({@link DeviceLiveness} empty) pass.
   * Failing devices are named; the outcome is PASS, and the criteria decide with them counted failed.
   */
  static HealthCheck.Verdict soak(Duration soak, HealthCheck.Context c) {
    Instant until = c.since().plus(soak);
    String what = "soak " + Durations.format(soak);
    if (c.now().isBefore(until)) {
      return HealthCheck.Verdict.waitFor(
          what + ": " + c.succeeded() + " devices soaking until " + until);
    }
    List<HealthCheck.Failed> failed = new ArrayList<>();
    int n = 0;
    for (DeviceRolloutProgress d : c.succeededDevices()) {
      n++;
      Optional<DeviceLiveness> l = c.trails(d.device()).liveness(d.device());
      if (l.isEmpty()) {
        continue;
      }
      if (l.get().runningRev() >= 0 && l.get().runningRev() < d.rev()) {
        failed.add(new HealthCheck.Failed(
            d.device(),
            what + ": fell back to rev " + l.get().runningRev() + " after reporting success on rev "
                + d.rev()));
      } else if (l.get().lastSeen().isBefore(c.since().plus(soak.dividedBy(2)))) {
        failed.add(new HealthCheck.Failed(
            d.device(), what + ": went silent, last seen " + l.get().lastSeen()));
      }
    }
    return new HealthCheck.Verdict(
        HealthCheck.Outcome.PASS,
        what + ": " + (n - failed.size()) + " of " + n
            + " devices still on their new revision and seen"
            + (failed.isEmpty() ? "" : ", " + failed.size() + " failed"),
        failed);
  }
}
