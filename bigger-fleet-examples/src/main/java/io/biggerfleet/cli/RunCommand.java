package io.biggerfleet.cli;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.model.Durations;
import io.biggerfleet.pantahub.Sleeper;
import io.biggerfleet.rollout.RolloutRunner;
import io.biggerfleet.rollout.Rollouts;
import io.biggerfleet.rollout.TickReport;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bigger-fleet run}: the long-running reconciler for real use. A {@link RolloutRunner} lets the
 * rollout engine do what is due every interval (post steps, read progress, decide gates); this prints a
 * rollout's status line whenever its state or step changes, and keeps the hub session alive (the token
 * is refreshed before it expires, even while no rollout runs). Runs until Ctrl-C (or {@code --iterations});
 * Ctrl-C lets a tick in flight finish first. The ticks run on the command's thread and wait with the
 * session's {@link Sleeper}, so tests and the demo move a simulated clock instead of waiting.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "run",
    description = "Drive active rollouts until Ctrl-C: tick the engine every interval.",
    footer = {
      "",
      "Example:",
      "  bigger-fleet run --interval 30s",
      "  ROLLOUT5 ACTIVE (Step: 1/2, Running since: 0 minutes; ETA: 5 days)",
      "",
      "Exit codes: 0 stopped, 1 failed, 2 usage error."
    })
final class RunCommand implements Callable<Integer> {
  private final CliSession session;

  @Option(names = "--interval", description = "Time between engine ticks (default 10s).")
  String interval = "10s";

  @Option(
      names = "--iterations",
      description = "Stop after this many ticks (default: run until Ctrl-C).")
  long iterations = Long.MAX_VALUE;

  RunCommand(CliSession session) {
    this.session = session;
  }

  @Override
  public Integer call() throws InterruptedException {
    Duration every = Durations.parse("--interval", interval);
    if (every.isZero() || every.isNegative()) {
      throw new InvalidInputException(
          "--interval must be positive, was '" + TerminalText.echo(interval) + "'");
    }
    session.longRunning();
    Rollouts rollouts = session.fleet().rollouts();
    Map<String, String> last = new HashMap<>();
    session.out().println("Driving rollouts every " + interval + " (Ctrl-C stops).");
    SleeperScheduler scheduler = new SleeperScheduler();
    // No runner keep-alive: the wait between ticks (pause) already refreshes the login every
    // minute.
    RolloutRunner runner = RolloutRunner.builder(rollouts)
        .interval(every)
        .scheduler(scheduler)
        .listener(report -> printChanges(rollouts, report, last))
        .start();
    Thread onCtrlC = new Thread(
        () -> {
          runner.stop();
          try {
            runner.awaitStopped(Duration.ofSeconds(30));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        },
        "bigger-fleet-run-stop");
    Runtime.getRuntime().addShutdownHook(onCtrlC);
    try {
      for (long i = 0; i < iterations && scheduler.runNext(this::pause); i++) {
        // each round: wait the interval, one tick (statuses printed by the listener)
      }
    } finally {
      runner.close();
      scheduler.shutdown();
      try {
        Runtime.getRuntime().removeShutdownHook(onCtrlC);
      } catch (IllegalStateException e) {
        // already shutting down
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

  /** How the scheduler waits for the next tick. */
  @FunctionalInterface
  private interface Waiter {
    void await(Duration d) throws InterruptedException;
  }

  private void printChanges(Rollouts rollouts, TickReport report, Map<String, String> last) {
    report
        .error()
        .ifPresent(e -> session
            .err()
            .println("bigger-fleet: warning: rollouts not advanced: "
                + TerminalText.message(e.getMessage())));
    for (var r : rollouts.list()) {
      String key = r.state() + "/" + r.run().currentStep();
      if (!key.equals(last.put(r.name(), key))) {
        session.out().println(TerminalText.line(rollouts.statusLine(r.name())));
      }
    }
    session.out().flush();
  }

  /**
   * The runner's scheduler on the command's own thread: holds the next tick, and {@link #runNext} waits
   * its delay with the session's {@link Sleeper}, then runs it. Never starts a thread.
   */
  private static final class SleeperScheduler extends ScheduledThreadPoolExecutor {
    private Runnable next;
    private Duration delay = Duration.ZERO;

    SleeperScheduler() {
      super(0);
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(Runnable task, long d, TimeUnit unit) {
      next = task;
      delay = Duration.ofNanos(unit.toNanos(d));
      return new Slot(this);
    }

    /** Waits for and runs the next tick; false when the runner scheduled none (stopped). */
    boolean runNext(Waiter waiter) throws InterruptedException {
      Runnable task;
      Duration wait;
      synchronized (this) {
        task = next;
        wait = delay;
      }
      if (task == null) {
        return false;
      }
      if (!wait.isZero()) {
        waiter.await(wait);
      }
      synchronized (this) {
        if (next != task) {
          return false; // cancelled while waiting
        }
        next = null;
      }
      task.run();
      return true;
    }

    synchronized void cancel() {
      next = null;
    }
  }

  /** The handle of the one scheduled tick; cancelling it drops the tick. */
  private static final class Slot implements ScheduledFuture<Object> {
    private final SleeperScheduler owner;
    private boolean cancelled;

    Slot(SleeperScheduler owner) {
      this.owner = owner;
    }

    @Override
    public boolean cancel(boolean mayInterrupt) {
      cancelled = true;
      owner.cancel();
      return true;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public boolean isDone() {
      return cancelled;
    }

    @Override
    public Object get() {
      return null;
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      return null;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return 0;
    }

    @Override
    public int compareTo(Delayed o) {
      return 0;
    }
  }
}
