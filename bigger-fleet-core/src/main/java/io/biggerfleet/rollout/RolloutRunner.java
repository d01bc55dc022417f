package io.biggerfleet.rollout;

import io.biggerfleet.event.EventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the rollout engine inside an app: one {@link Rollouts#tick()} at start, then one every
 * interval after the previous one ends (fixed delay, so ticks never overlap), on its own single
 * daemon thread ({@code bigger-fleet-rollouts}) unless a scheduler is given.
 *
 * <pre>{@code
 * try (RolloutRunner runner = RolloutRunner.builder(fleet.rollouts()).interval(Duration.ofSeconds(30))
 *     .listener(report -> metrics.record(report)).start()) {
 *   ... // the app runs; rollouts advance by themselves
 * }   // close(): no new tick starts; a tick in flight is finished first
 * }</pre>
 *
 * <p><b>Stopping.</b> {@link #stop()} returns at once: no new tick starts. {@link #awaitStopped}
 * waits for a tick in flight to finish; {@link #close()} does both (waiting up to the builder's
 * {@link Builder#stopTimeout}), then ends the runner's own thread.
 *
 * <p><b>Errors.</b> A tick that throws (the hub unreachable, the store down) is reported to the
 * listeners through {@link TickReport#error()}; the next tick runs on schedule. A listener that throws
 * is ignored (and never stops the runner).
 *
 * <p><b>Testing.</b> Pass a scheduler that runs tasks when the test moves a
 * {@link io.biggerfleet.ManualClock}; the runner asks it only for {@code schedule(Runnable, delay)}.
 *
 * <p><b>Thread-safety:</b> safe to stop and close from any thread; idempotent.
 */
public final class RolloutRunner implements AutoCloseable {
  private final Rollouts rollouts;
  private final Duration interval;
  private final Duration stopTimeout;
  private final ScheduledExecutorService scheduler;
  private final boolean ownScheduler;
  private final List<Consumer<TickReport>> listeners;
  private final Runnable keepAlive;
  private final Object lock = new Object();
  private final Map<EventType, Long> counting = new EnumMap<>(EventType.class);
  private final RolloutListener counter = this::count;
  private ScheduledFuture<?> next;
  private boolean stopping;
  private boolean inTick;
  private long ticks;

  private RolloutRunner(Builder b) {
    this.rollouts = b.rollouts;
    this.interval = b.interval;
    this.stopTimeout = b.stopTimeout;
    this.ownScheduler = b.scheduler == null;
    this.scheduler = ownScheduler
        ? Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "bigger-fleet-rollouts");
          t.setDaemon(true);
          return t;
        })
        : b.scheduler;
    this.listeners = List.copyOf(b.listeners);
    this.keepAlive = b.keepAlive;
  }

  /** A builder for a runner of {@code rollouts} (e.g. {@code fleet.rollouts()}): every 10 s, own thread. */
  public static Builder builder(Rollouts rollouts) {
    return new Builder(Objects.requireNonNull(rollouts, "rollouts"));
  }

  private RolloutRunner begin() {
    rollouts.addListener(counter);
    synchronized (lock) {
      next = scheduler.schedule(this::tickAndReschedule, 0, TimeUnit.MILLISECONDS);
    }
    return this;
  }

  private void tickAndReschedule() {
    synchronized (lock) {
      if (stopping) {
        return;
      }
      inTick = true;
    }
    try {
      runTick();
    } finally {
      synchronized (lock) {
        inTick = false;
        if (!stopping) {
          try {
            next = scheduler.schedule(
                this::tickAndReschedule, interval.toMillis(), TimeUnit.MILLISECONDS);
          } catch (RejectedExecutionException e) {
            stopping = true; // the scheduler was shut down under us
          }
        }
        lock.notifyAll();
      }
    }
  }

  private void runTick() {
    long start = System.nanoTime();
    int driven = 0;
    RuntimeException error = null;
    try {
      if (keepAlive != null) {
        keepAlive.run();
      }
      driven = rollouts.tick();
    } catch (RuntimeException e) {
      error = e;
    }
    Map<EventType, Long> events;
    synchronized (counting) {
      events = new EnumMap<>(counting);
      counting.clear();
    }
    FleetLoad load = null;
    try {
      load = rollouts.load();
    } catch (RuntimeException e) {
      // reported as null
    }
    long number;
    synchronized (lock) {
      number = ++ticks;
    }
    TickReport report = new TickReport(
        number, Duration.ofNanos(System.nanoTime() - start), driven, events, load, error);
    for (Consumer<TickReport> l : listeners) {
      try {
        l.accept(report);
      } catch (RuntimeException e) {
        // a listener never stops the runner
      }
    }
  }

  private void count(io.biggerfleet.event.FleetEvent e) {
    synchronized (counting) {
      counting.merge(e.type(), 1L, Long::sum);
    }
  }

  /** Ticks completed so far. */
  public long ticks() {
    synchronized (lock) {
      return ticks;
    }
  }

  /** True until {@link #stop()} (or {@link #close()}). */
  public boolean isRunning() {
    synchronized (lock) {
      return !stopping;
    }
  }

  /** No new tick starts; returns at once (a tick in flight goes on: see {@link #awaitStopped}). */
  public void stop() {
    synchronized (lock) {
      if (stopping) {
        return;
      }
      stopping = true;
      if (next != null) {
        next.cancel(false);
      }
    }
    rollouts.removeListener(counter);
  }

  /**
   * Waits until no tick is in flight, at most {@code timeout}; true if none is. Call after {@link #stop()}.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitStopped(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (inTick) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return true;
    }
  }

  /** Stops, waits for the tick in flight (up to the stop timeout), and ends the runner's own thread. */
  @Override
  public void close() {
    stop();
    try {
      awaitStopped(stopTimeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (ownScheduler) {
      scheduler.shutdown();
    }
  }

  @Override
  public String toString() {
    return "RolloutRunner[every " + interval + ", " + ticks() + " ticks"
        + (isRunning() ? "" : ", stopped") + "]";
  }

  /** Configures a {@link RolloutRunner}. Not thread-safe. */
  public static final class Builder {
    private final Rollouts rollouts;
    private Duration interval = Duration.ofSeconds(10);
    private Duration stopTimeout = Duration.ofMinutes(1);
    private ScheduledExecutorService scheduler;
    private final List<Consumer<TickReport>> listeners = new ArrayList<>();
    private Runnable keepAlive;

    private Builder(Rollouts rollouts) {
      this.rollouts = rollouts;
    }

    /**
     * Time from the end of one tick to the start of the next; default 10 s.
     *
     * @throws io.biggerfleet.InvalidInputException if not positive
     */
    public Builder interval(Duration d) {
      Objects.requireNonNull(d, "interval");
      if (d.isZero() || d.isNegative()) {
        throw new io.biggerfleet.InvalidInputException(
            "Runner interval must be positive, was " + d);
      }
      this.interval = d;
      return this;
    }

    /** How long {@link RolloutRunner#close()} waits for a tick in flight; default 1 minute. */
    public Builder stopTimeout(Duration d) {
      this.stopTimeout = Objects.requireNonNull(d, "stop timeout");
      return this;
    }

    /**
     * Runs ticks on this scheduler instead of the runner's own thread (the runner then does not shut
     * it down). Tests pass one driven by a manual clock.
     */
    public Builder scheduler(ScheduledExecutorService s) {
      this.scheduler = Objects.requireNonNull(s, "scheduler");
      return this;
    }

    /** Told after every tick, on the runner's thread (the metrics hook); keep it quick. */
    public Builder listener(Consumer<TickReport> l) {
      listeners.add(Objects.requireNonNull(l, "listener"));
      return this;
    }

    /**
     * Run at the start of every tick, before the engine: keeps the hub session alive even while no
     * rollout needs the hub, e.g. {@code () -> pantahub.auth().currentToken()} (which refreshes the
     * token shortly before it expires). An exception it throws is the tick's error.
     */
    public Builder keepAlive(Runnable r) {
      this.keepAlive = Objects.requireNonNull(r, "keep-alive");
      return this;
    }

    /** Starts ticking: the first tick at once. */
    public RolloutRunner start() {
      return new RolloutRunner(this).begin();
    }
  }
}
