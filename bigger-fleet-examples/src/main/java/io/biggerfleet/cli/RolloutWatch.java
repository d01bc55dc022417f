package io.biggerfleet.cli;

import io.biggerfleet.FleetException;
import io.biggerfleet.rollout.Rollout;
import io.biggerfleet.rollout.RolloutFormat;
import io.biggerfleet.rollout.RolloutState;
import io.biggerfleet.rollout.Rollouts;
import io.biggerfleet.rollout.StepReport;
import io.biggerfleet.rollout.SuccessCriteria;
import java.time.Duration;
import java.util.List;

/**
 * {@code bigger-fleet rollouts NAME --watch [--interval 5s]}: prints the status line and a progress
 * bar per step, then, while the rollout is ACTIVE or PAUSED, waits {@code interval} through the
 * environment's {@link Sleeper}, lets the engine do what is due ({@code tick}) and prints the view
 * again when it changed (a blank line between views). Ends when the rollout leaves ACTIVE/PAUSED: exit 0 for DONE (or a rollout that was not
 * running), 1 for ERROR or ABORTED. One per run; not thread-safe.
 */
final class RolloutWatch {
  private final CliSession session;

  RolloutWatch(CliSession session) {
    this.session = session;
  }

  int run(String name, Duration interval) {
    session.longRunning();
    Rollouts rollouts = session.fleet().rollouts();
    Sleeper sleeper = session.env().sleeper();
    Rollout r = rollouts.get(name);
    boolean wasRunning = running(r);
    String last = render(r, rollouts.steps(name));
    session.out().print(last);
    session.out().flush();
    while (running(r)) {
      try {
        sleeper.sleep(interval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FleetException("Stopped watching rollout '" + name + "' (interrupted); it keeps running");
      }
      session.advanceRollouts();
      r = rollouts.get(name);
      String frame = render(r, rollouts.steps(name));
      if (!frame.equals(last)) {
        session.out().println();
        session.out().print(frame);
        session.out().flush();
        last = frame;
      }
    }
    if (!wasRunning) {
      return ExitCode.OK;
    }
    session.out().println("Rollout " + name + " ended " + r.state() + ".");
    return r.state() == RolloutState.DONE ? ExitCode.OK : ExitCode.FAILED;
  }

  private static boolean running(Rollout r) {
    return r.state() == RolloutState.ACTIVE || r.state() == RolloutState.PAUSED;
  }

  /** One frame: the status line and a bar per step, each line ending with a newline. */
  private String render(Rollout r, List<StepReport> steps) {
    StringBuilder out = new StringBuilder();
    out.append(RolloutFormat.statusLine(r, session.env().clock().instant())).append('\n');
    int width = 0;
    for (StepReport s : steps) {
      width = Math.max(width, label(s).length());
    }
    for (StepReport s : steps) {
      StringBuilder b = new StringBuilder("  ").append(pad(label(s), width)).append(' ')
          .append(ProgressBar.of(s.reported(), s.devices())).append(' ')
          .append(pad(SuccessCriteria.percentText(SuccessCriteria.basisPoints(s.reported(), s.devices())), 5, true))
          .append("% reported, ")
          .append(SuccessCriteria.percentText(SuccessCriteria.basisPoints(s.succeeded(), s.reported())))
          .append("% success (").append(s.reported()).append('/').append(s.devices()).append(") ").append(s.status());
      s.eta().filter(e -> s.status().equals("INPROGRESS")).ifPresent(e -> b.append(", gate in ")
          .append(io.biggerfleet.rollout.Durations.human(e)));
      out.append(b).append('\n');
    }
    return out.toString();
  }

  private static String label(StepReport s) {
    return s.number() + ". " + (s.isFinal() ? "ALL" : "'" + s.selector() + "'");
  }

  private static String pad(String s, int width) {
    return pad(s, width, false);
  }

  private static String pad(String s, int width, boolean left) {
    String spaces = " ".repeat(Math.max(0, width - s.length()));
    return left ? spaces + s : s + spaces;
  }
}
