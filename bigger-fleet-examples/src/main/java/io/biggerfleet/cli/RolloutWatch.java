package io.biggerfleet.cli;

import io.biggerfleet.FleetException;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.model.SuccessCriteria;
import io.biggerfleet.pantahub.Sleeper;
import io.biggerfleet.rollout.RolloutFormat;
import io.biggerfleet.rollout.Rollouts;
import io.biggerfleet.rollout.StepReport;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * {@code bigger-fleet rollouts NAME --watch [--interval 5s]}: prints the status line and a progress
 * bar per step, then, while the rollout runs (ACTIVE, PAUSED or AWAITING_APPROVAL), keeps the hub login
 * alive for the wait and waits {@code interval} through the environment's {@link Sleeper}, lets the
 * engine do what is due ({@code tick}) and prints the view again when it changed: state, step or a step's line; not for the status line's clock alone (a blank
 * line between views). Under a view of an ACTIVE rollout it says which
 * post is due next ({@code next: gardenpool-wifi in 1h12m}); while nothing changes it prints a heartbeat
 * line at most once a {@link #HEARTBEAT} of clock time ({@code ... 10:14:00 UTC, no change; next: ...}),
 * so a quiet watch is visibly alive. Ends when the rollout stops running: exit 0 for DONE (or a rollout
 * that was not running), 1 for ERROR or ABORTED. One per run; not thread-safe.
 */
final class RolloutWatch {
  /** The least clock time between two heartbeat lines of a watch where nothing changes. */
  static final Duration HEARTBEAT = Duration.ofMinutes(1);

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

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
    String frame = render(r, rollouts.steps(name));
    String last = changeKey(r, frame);
    session.out().print(frame);
    printNext(r);
    Instant lastLine = session.env().clock().instant();
    while (running(r)) {
      // A watch may outlive the hub token (60 min by default): refresh it while it is still valid
      // for
      // the wait, as `run` does, so a long --interval does not end in "log in again".
      session.keepLoginAlive(interval.plusMinutes(2));
      try {
        sleeper.sleep(interval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FleetException(
            "Stopped watching rollout '" + name + "' (interrupted); it keeps running");
      }
      session.advanceRollouts();
      r = rollouts.get(name);
      frame = render(r, rollouts.steps(name));
      Instant now = session.env().clock().instant();
      if (!changeKey(r, frame).equals(last)) {
        session.out().println();
        session.out().print(frame);
        printNext(r);
        last = changeKey(r, frame);
        lastLine = now;
      } else if (Duration.between(lastLine, now).compareTo(HEARTBEAT) >= 0) {
        session
            .out()
            .println("... " + CLOCK.format(now) + ", no change"
                + (r.state() == RolloutState.ACTIVE
                    ? NextDue.line(session, name)
                        .map(n -> "; " + n)
                        .orElse("; waiting for device reports")
                    : r.state() == RolloutState.PAUSED ? "; paused" : "; waiting for approval"));
        session.out().flush();
        lastLine = now;
      }
    }
    if (!wasRunning) {
      return ExitCode.OK;
    }
    session.out().println("Rollout " + name + " ended " + r.state() + ".");
    return r.state() == RolloutState.DONE ? ExitCode.OK : ExitCode.FAILED;
  }

  /**
   * What makes a new view worth printing: the state, the step and the step lines, not the status line's
   * clock ("Running since: 4 minutes" changes every refresh and is no news).
   */
  private static String changeKey(Rollout r, String frame) {
    return r.state() + " " + r.run().currentStep() + "\n"
        + frame.substring(frame.indexOf('\n') + 1);
  }

  /** The next due post under a view of an ACTIVE rollout, if one is queued; then flushes. */
  private void printNext(Rollout r) {
    if (r.state() == RolloutState.ACTIVE) {
      NextDue.line(session, r.name()).ifPresent(session.out()::println);
    }
    session.out().flush();
  }

  private static boolean running(Rollout r) {
    return r.state().isRunning();
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
      StringBuilder b = new StringBuilder("  ")
          .append(pad(label(s), width))
          .append(' ')
          .append(ProgressBar.of(s.reported(), s.devices()))
          .append(' ')
          .append(pad(
              SuccessCriteria.percentText(SuccessCriteria.basisPoints(s.reported(), s.devices())),
              5,
              true))
          .append("% reported, ")
          .append(
              SuccessCriteria.percentText(SuccessCriteria.basisPoints(s.succeeded(), s.reported())))
          .append("% success (")
          .append(s.reported())
          .append('/')
          .append(s.devices())
          .append(") ")
          .append(s.status());
      s.eta()
          .filter(e -> s.status().equals("INPROGRESS"))
          .ifPresent(e -> b.append(", gate in ").append(io.biggerfleet.model.Durations.human(e)));
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
