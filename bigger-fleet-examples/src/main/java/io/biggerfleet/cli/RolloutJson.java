package io.biggerfleet.cli;

import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.Durations;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.StepConfig;
import io.biggerfleet.model.SuccessCriteria;
import io.biggerfleet.rollout.Failure;
import io.biggerfleet.rollout.RolloutFormat;
import io.biggerfleet.rollout.RolloutPlan;
import io.biggerfleet.rollout.StepReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of the rollout commands ({@code --json}), built from maps and lists so that the
 * output is a stable contract: strings, numbers, booleans, ISO-8601 times, percentages as numbers
 * (e.g. {@code 99.5}). Stateless and thread-safe. The shapes are documented in {@code docs/cli.md}.
 */
final class RolloutJson {
  private RolloutJson() {}

  /** One rollout's summary: name, state, kind, status line, current step, step count, devices. */
  static Map<String, Object> summary(Rollout r, Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", r.name());
    m.put("state", r.state().name());
    m.put("kind", r.kind().name());
    r.parent().ifPresent(p -> m.put("backoutOf", p));
    m.put("status", RolloutFormat.statusLine(r, now));
    m.put("step", r.run().currentStep());
    m.put("steps", r.stepCount());
    m.put("devices", r.run().deviceCount());
    m.put("createdAt", r.createdAt().toString());
    r.run().activatedAt().ifPresent(t -> m.put("activatedAt", t.toString()));
    r.run().finishedAt().ifPresent(t -> m.put("finishedAt", t.toString()));
    r.run().backout().ifPresent(b -> m.put("backout", b));
    r.run().awaitingSince().ifPresent(t -> m.put("awaitingApprovalSince", t.toString()));
    r.run().healthSince().ifPresent(t -> m.put("healthSince", t.toString()));
    r.run().healthNote().ifPresent(h -> m.put("health", h));
    r.run().failedBecause().ifPresent(w -> m.put("failedBecause", w));
    if (r.state() == io.biggerfleet.model.RolloutState.AWAITING_APPROVAL) {
      m.put("mayApprove", r.config(r.run().currentStep()).guards().approversText());
    }
    if (r.run().approvedStep() > 0) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("step", r.run().approvedStep());
      r.run().approvedBy().ifPresent(w -> a.put("by", w));
      r.run().approvedAt().ifPresent(t -> a.put("at", t.toString()));
      m.put("lastApproval", a);
    }
    return m;
  }

  /** The detail view: the summary, the definition and one entry per step. */
  static Map<String, Object> detail(Rollout r, List<StepReport> steps, Instant now) {
    Map<String, Object> m = summary(r, now);
    m.put("change", r.change().toString());
    m.put("message", r.message());
    m.put("selector", r.devices());
    r.detour().ifPresent(d -> m.put("detour", d.toString()));
    m.put("defaults", config(r.defaults()));
    m.put("timezone", r.timezone().getId());
    List<Object> list = new ArrayList<>();
    for (StepReport s : steps) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("number", s.number());
      e.put("final", s.isFinal());
      e.put("selector", s.selector());
      e.put("status", s.status());
      e.put("devices", s.devices());
      e.put("reported", s.reported());
      e.put("succeeded", s.succeeded());
      e.put("reportedPercent", percent(s.reported(), s.devices()));
      e.put("successPercent", percent(s.succeeded(), s.reported()));
      s.eta().ifPresent(d -> e.put("etaSeconds", d.getSeconds()));
      e.put("config", config(s.config()));
      list.add(e);
    }
    m.put("stepDetails", list);
    return m;
  }

  /** A plan preview: per step the devices and the latest time span. */
  static Map<String, Object> plan(RolloutPlan plan) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rollout", plan.rollout());
    m.put("devices", plan.deviceCount());
    m.put("end", plan.end().toString());
    List<Object> list = new ArrayList<>();
    for (RolloutPlan.Step s : plan.steps()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("number", s.number());
      e.put("final", s.isFinal());
      e.put("selector", s.selector());
      e.put("devices", s.deviceCount());
      e.put("start", s.start().toString());
      e.put("gateAt", s.gateAt().toString());
      e.put("config", config(s.config()));
      list.add(e);
    }
    m.put("steps", list);
    return m;
  }

  /** One device of the per-device view. */
  static Map<String, Object> device(DeviceRolloutProgress p, String nick) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("device", p.device().toString());
    m.put("nick", nick);
    m.put("step", p.step());
    m.put("attempt", p.attempt());
    // The JSON keeps the name the status had before DeviceStatus.QUEUED became WAITING
    // (docs/cli.md).
    m.put("status", p.status() == DeviceStatus.WAITING ? "QUEUED" : p.status().name());
    m.put("view", RolloutFormat.deviceLine(p).substring(p.device().toString().length() + 1));
    m.put("deviceStatus", p.deviceStatus());
    m.put("percent", p.percent());
    m.put("message", p.message());
    m.put("detour", p.detour());
    m.put("rev", p.rev());
    m.put("updatedAt", p.updatedAt().toString());
    return m;
  }

  /** One failure, with the argument {@code retry} takes. */
  static Map<String, Object> failure(Failure f, String nick, List<String> log) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("device", f.device().toString());
    m.put("nick", nick);
    m.put("step", f.step());
    m.put("attempt", f.attempt());
    m.put("rev", f.rev());
    m.put("status", f.status());
    m.put("message", f.message());
    m.put("commitMessage", f.commitMessage());
    m.put("detour", f.detour());
    m.put("retry", f.deviceAtStep());
    m.put("log", log);
    return m;
  }

  static Map<String, Object> config(StepConfig c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time", Durations.format(c.window()));
    m.put("timeout", Durations.format(c.timeout()));
    m.put("minReportedPercent", c.criteria().minReportedBasisPoints() / 100.0);
    m.put("minSuccessPercent", c.criteria().minSuccessBasisPoints() / 100.0);
    if (c.guards().needsApproval()) {
      m.put(
          "approve",
          c.guards().approvers().isEmpty() ? List.of("anyone") : c.guards().approvers());
    }
    if (!c.guards().abortRules().isEmpty()) {
      m.put("abort", io.biggerfleet.model.AbortRule.format(c.guards().abortRules()));
    }
    c.guards().soak().ifPresent(d -> m.put("soak", Durations.format(d)));
    c.guards().logsFail().ifPresent(l -> m.put("logsFail", l));
    if (!c.guards().healthChecks().isEmpty()) {
      m.put("health", c.guards().healthChecks());
    }
    c.pacing().maintenance().ifPresent(w -> m.put("window", w.toString()));
    if (c.pacing().rate().rateText() != null) {
      m.put("rate", c.pacing().rate().rateText());
    }
    if (c.pacing().rate().rampText() != null) {
      m.put("ramp", c.pacing().rate().rampText());
    }
    return m;
  }

  private static double percent(long part, long whole) {
    return SuccessCriteria.basisPoints(part, whole) / 100.0;
  }
}
