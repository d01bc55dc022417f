package io.biggerfleet.rollout;

import io.biggerfleet.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler for tests: tasks run on the test's thread, in due order, when {@link #advance} moves the
 * {@link ManualClock} past their time. Supports what {@link RolloutRunner} uses:
 * {@code schedule(Runnable, delay, unit)}.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
  private final ManualClock clock;
  private final List<Task> tasks = new ArrayList<>();
  final List<Duration> requestedDelays = new ArrayList<>();
  private boolean shutdown;

  ManualScheduler(ManualClock clock) {
    this.clock = clock;
  }

  /** Moves the clock by {@code d}, running every task that falls due on the way, at its time. */
  void advance(Duration d) {
    Instant end = clock.instant().plus(d);
    while (true) {
      Task t = tasks.stream()
          .filter(x -> !x.cancelled && !x.due.isAfter(end))
          .min(Comparator.comparing(x -> x.due))
          .orElse(null);
      if (t == null) {
        break;
      }
      tasks.remove(t);
      if (t.due.isAfter(clock.instant())) {
        clock.advance(Duration.between(clock.instant(), t.due));
      }
      t.run.run();
    }
    if (end.isAfter(clock.instant())) {
      clock.advance(Duration.between(clock.instant(), end));
    }
  }

  int pending() {
    return (int) tasks.stream().filter(t -> !t.cancelled).count();
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    if (shutdown) {
      throw new java.util.concurrent.RejectedExecutionException("shut down");
    }
    Duration d = Duration.ofNanos(unit.toNanos(delay));
    requestedDelays.add(d);
    Task t = new Task(clock.instant().plus(d), command);
    tasks.add(t);
    return t;
  }

  private static final class Task implements ScheduledFuture<Object> {
    final Instant due;
    final Runnable run;
    boolean cancelled;

    Task(Instant due, Runnable run) {
      this.due = due;
      this.run = run;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return 0;
    }

    @Override
    public int compareTo(Delayed o) {
      return 0;
    }

    @Override
    public boolean cancel(boolean mayInterrupt) {
      cancelled = true;
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
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long initialDelay, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void shutdown() {
    shutdown = true;
  }

  @Override
  public List<Runnable> shutdownNow() {
    shutdown = true;
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean isTerminated() {
    return shutdown;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return true;
  }

  @Override
  public void execute(Runnable command) {
    schedule(command, 0, TimeUnit.NANOSECONDS);
  }
}
