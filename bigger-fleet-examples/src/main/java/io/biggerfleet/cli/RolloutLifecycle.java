package io.biggerfleet.cli;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.model.Durations;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.rollout.RolloutPlan;
import io.biggerfleet.rollout.Rollouts;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code bigger-fleet rollouts NAME activate|pause|resume|abort}: moves the rollout through its
 * lifecycle and says so ({@code Activating rollout ROLLOUT5; Scheduled.}). Activation freezes
 * membership; it prints how many devices in how many steps and the latest finish; for a big rollout
 * it first prints the device count to stderr, since freezing a million devices takes seconds. A move
 * the state table forbids, or an activation that overlaps a running rollout (the conflicting devices
 * are listed), is refused with exit 1 and changes nothing. One per run; not thread-safe.
 */
final class RolloutLifecycle {
  /** From this many devices on, activation reports progress on stderr. */
  static final int BIG = 10_000;

  private final CliSession session;

  RolloutLifecycle(CliSession session) {
    this.session = session;
  }

  int run(String name, String action) {
    Rollouts rollouts = session.fleet().rollouts();
    PrintWriter out = session.out();
    if (List.of("activate", "pause", "resume", "abort").contains(action)) {
      session.requireHubLogin();
    }
    switch (action) {
      case "activate":
        return activate(rollouts, name, out);
      case "pause":
        Rollout paused = rollouts.pause(name);
        ActionReport.print(
            session,
            report(paused, "pause"),
            "Pausing rollout " + name
                + "; nothing new will be posted. Resume with: bigger-fleet rollouts " + name
                + " resume");
        return ExitCode.OK;
      case "resume":
        Rollout r = rollouts.resume(name);
        String status = rollouts.statusLine(r.name());
        Map<String, Object> json = report(r, "resume");
        json.put("status", status);
        ActionReport.print(
            session,
            json,
            "Resuming rollout " + name + "; the rest of the schedule moved by the paused time. "
                + status);
        return ExitCode.OK;
      case "abort":
        Rollout aborted = rollouts.abort(name);
        ActionReport.print(
            session,
            report(aborted, "abort"),
            "Aborting rollout " + name + "; queued devices and steps not picked up are cancelled. "
                + "To also revert devices that took the change: bigger-fleet backout " + name);
        return ExitCode.OK;
      default:
        throw new InvalidInputException(
            "Unknown rollout action '" + TerminalText.echo(action) + "'");
    }
  }

  /** The JSON every lifecycle action prints: the rollout, the action, the state it is in now. */
  private static Map<String, Object> report(Rollout r, String action) {
    return ActionReport.fields(
        "rollout", r.name(), "action", action, "state", r.state().name());
  }

  private int activate(Rollouts rollouts, String name, PrintWriter out) {
    Instant started = Instant.now();
    RolloutPlan preview = rollouts.plan(name);
    boolean big = preview.deviceCount() >= BIG;
    if (big) {
      int steps = preview.steps().size();
      session
          .err()
          .println("Freezing membership of "
              + String.format(java.util.Locale.ROOT, "%,d", preview.deviceCount()) + " devices in "
              + steps + " step" + (steps == 1 ? "" : "s") + " ...");
      session.err().flush();
    }
    RolloutPlan plan = rollouts.activate(name);
    if (big) {
      session
          .err()
          .println("... done in "
              + Durations.format(
                  Duration.ofSeconds(Duration.between(started, Instant.now()).getSeconds()))
              + ".");
    }
    Map<String, Object> json = report(rollouts.get(name), "activate");
    json.put("devices", plan.deviceCount());
    json.put("steps", plan.steps().size());
    json.put("end", plan.end().toString());
    ActionReport.print(
        session,
        json,
        "Activating rollout " + name + "; Scheduled.",
        plan.deviceCount() + " device" + (plan.deviceCount() == 1 ? "" : "s") + " in "
            + plan.steps().size()
            + " step" + (plan.steps().size() == 1 ? "" : "s") + "; ETA: "
            + Durations.human(Duration.between(session.env().clock().instant(), plan.end()))
            + " at the latest. Watch it with: "
            + "bigger-fleet rollouts " + name + " --watch");
    return ExitCode.OK;
  }
}
