package io.biggerfleet.cli;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.rollout.Durations;
import io.biggerfleet.rollout.Rollouts;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bigger-fleet run}: the long-running reconciler for real use. Every interval it lets the
 * rollout engine do what is due (post steps, read progress, decide gates) and prints a rollout's status
 * line whenever its state or step changes. Runs until Ctrl-C (or {@code --iterations}). One per run.
 */
@Command(mixinStandardHelpOptions = true, name = "run",
    description = "Drive active rollouts until Ctrl-C: tick the engine every interval.",
    footer = {"", "Example:", "  bigger-fleet run --interval 30s",
        "  ROLLOUT5 ACTIVE (Step: 1/2, Running since: 0 minutes; ETA: 5 days)", "",
        "Exit codes: 0 stopped, 1 failed, 2 usage error."})
final class RunCommand implements Callable<Integer> {
  private final CliSession session;

  @Option(names = "--interval", description = "Time between engine ticks (default 10s).")
  String interval = "10s";

  @Option(names = "--iterations", description = "Stop after this many ticks (default: run until Ctrl-C).")
  long iterations = Long.MAX_VALUE;

  RunCommand(CliSession session) {
    this.session = session;
  }

  @Override
  public Integer call() throws InterruptedException {
    Duration every = Durations.parse("--interval", interval);
    if (every.isZero() || every.isNegative()) {
      throw new InvalidInputException("--interval must be positive, was '" + TerminalText.echo(interval) + "'");
    }
    session.longRunning();
    Rollouts rollouts = session.fleet().rollouts();
    Map<String, String> last = new HashMap<>();
    session.out().println("Driving rollouts every " + interval + " (Ctrl-C stops).");
    for (long i = 0; i < iterations; i++) {
      if (i > 0) {
        pause(every);
        session.advanceRollouts();
      }
      for (var r : rollouts.list()) {
        String key = r.state() + "/" + r.run().currentStep();
        if (!key.equals(last.put(r.name(), key))) {
          session.out().println(TerminalText.line(rollouts.statusLine(r.name())));
          session.out().flush();
        }
      }
    }
    return ExitCode.OK;
  }

  /**
   * Waits one interval in slices of at most {@link #KEEP_ALIVE_EVERY}, refreshing the login whenever
   * it is about to expire: a hub token lives an hour (five minutes after a browser login) and can only
   * be refreshed while still valid, so an idle {@code run} must not let it lapse.
   */
  private void pause(Duration every) throws InterruptedException {
    Duration left = every;
    while (!left.isZero() && !left.isNegative()) {
      Duration slice = left.compareTo(KEEP_ALIVE_EVERY) < 0 ? left : KEEP_ALIVE_EVERY;
      session.env().sleeper().sleep(slice);
      left = left.minus(slice);
      session.keepLoginAlive(KEEP_ALIVE_EVERY.multipliedBy(2));
    }
  }

  /** How often an idle {@code run} checks the token's expiry. */
  static final Duration KEEP_ALIVE_EVERY = Duration.ofMinutes(1);
}
