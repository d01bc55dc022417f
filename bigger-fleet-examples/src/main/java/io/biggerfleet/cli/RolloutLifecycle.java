package io.biggerfleet.cli;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.rollout.Durations;
import io.biggerfleet.rollout.Rollout;
import io.biggerfleet.rollout.RolloutPlan;
import io.biggerfleet.rollout.Rollouts;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
        rollouts.pause(name);
        out.println("Pausing rollout " + name + "; nothing new will be posted. Resume with: bigger-fleet rollouts "
            + name + " resume");
        return ExitCode.OK;
      case "resume":
        Rollout r = rollouts.resume(name);
        out.println("Resuming rollout " + name + "; the rest of the schedule moved by the paused time. "
            + rollouts.statusLine(r.name()));
        return ExitCode.OK;
      case "abort":
        rollouts.abort(name);
        out.println("Aborting rollout " + name + "; queued devices and steps not picked up are cancelled. "
            + "To also revert devices that took the change: bigger-fleet backout " + name);
        return ExitCode.OK;
      default:
        throw new InvalidInputException("Unknown rollout action '" + TerminalText.echo(action) + "'");
    }
  }

  private int activate(Rollouts rollouts, String name, PrintWriter out) {
    Instant started = Instant.now();
    RolloutPlan preview = rollouts.plan(name);
    boolean big = preview.deviceCount() >= BIG;
    if (big) {
      int steps = preview.steps().size();
      session.err().println("Freezing membership of " + String.format(java.util.Locale.ROOT, "%,d", preview.deviceCount())
          + " devices in " + steps + " step" + (steps == 1 ? "" : "s") + " ...");
      session.err().flush();
    }
    RolloutPlan plan = rollouts.activate(name);
    if (big) {
      session.err().println("... done in " + Durations.format(Duration.ofSeconds(
          Duration.between(started, Instant.now()).getSeconds())) + ".");
    }
    out.println("Activating rollout " + name + "; Scheduled.");
    out.println(plan.deviceCount() + " device" + (plan.deviceCount() == 1 ? "" : "s") + " in " + plan.steps().size()
        + " step" + (plan.steps().size() == 1 ? "" : "s") + "; ETA: "
        + Durations.human(Duration.between(session.env().clock().instant(), plan.end())) + " at the latest. Watch it with: "
        + "bigger-fleet rollouts " + name + " --watch");
    return ExitCode.OK;
  }
}
