package io.biggerfleet.dashboard.internal;

import io.biggerfleet.FleetClient;
import io.biggerfleet.event.EventType;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.rollout.RolloutListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the fleet's event log on one daemon thread: every refresh interval, and at once when the
 * engine reports an event or an operator acts ({@link #wake()}). New events feed the {@link Timeline}
 * and tell every open page to refresh its live regions ({@link SseClients}); it also keeps the
 * overview's {@link FleetCounts} current, off the request path. With a shared store,
 * device and group events make the client reload its group memberships. Thread-safe.
 */
final class EventFeed implements AutoCloseable {
  private static final int PAGE = 10_000;
  private static final long HEARTBEAT_NANOS = TimeUnit.SECONDS.toNanos(15);

  private final FleetClient fleet;
  private final SseClients clients;
  private final boolean sharedStore;
  private final Timeline timeline = new Timeline();
  private final AtomicLong lastSeq = new AtomicLong();
  private final AtomicBoolean wakePending = new AtomicBoolean();
  private final ScheduledExecutorService thread;
  private final RolloutListener engineListener = e -> wake();
  private long lastWrite = System.nanoTime();
  private volatile FleetCounts counts;

  EventFeed(FleetClient fleet, SseClients clients, boolean sharedStore, Duration interval) {
    this.fleet = fleet;
    this.clients = clients;
    this.sharedStore = sharedStore;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bigger-fleet-dashboard-feed");
      t.setDaemon(true);
      return t;
    });
    fleet.rollouts().addListener(engineListener);
    long ms = Math.max(1, interval.toMillis());
    thread.scheduleWithFixedDelay(this::poll, 0, ms, TimeUnit.MILLISECONDS);
  }

  Timeline timeline() {
    return timeline;
  }

  /** The overview's index counts, or null until first computed (on this thread, after start). */
  FleetCounts counts() {
    return counts;
  }

  /** The seq of the newest event read so far. */
  long lastSeq() {
    return lastSeq.get();
  }

  /** Reads the log now (coalesced: many wakes before the read cost one read). */
  void wake() {
    if (wakePending.compareAndSet(false, true)) {
      try {
        thread.execute(() -> {
          wakePending.set(false);
          poll();
        });
      } catch (java.util.concurrent.RejectedExecutionException e) {
        wakePending.set(false); // closing
      }
    }
  }

  private void poll() {
    try {
      boolean changed = false;
      boolean reload = false;
      while (true) {
        List<FleetEvent> page = fleet.events(lastSeq.get(), PAGE);
        for (FleetEvent e : page) {
          timeline.add(e);
          reload |= sharedStore && touchesMembership(e.type());
          lastSeq.set(e.seq());
        }
        changed |= !page.isEmpty();
        if (page.size() < PAGE) {
          break;
        }
      }
      if (reload) {
        fleet.reloadGroups();
      }
      if (changed || counts == null) {
        FleetCounts before = counts;
        counts = FleetCounts.compute(fleet);
        changed |= !counts.equals(before);
      }
      if (changed) {
        clients.broadcast("change", "{\"seq\":" + lastSeq.get() + "}");
        lastWrite = System.nanoTime();
      } else if (System.nanoTime() - lastWrite > HEARTBEAT_NANOS) {
        clients.heartbeat();
        lastWrite = System.nanoTime();
      }
    } catch (RuntimeException e) {
      // a store hiccup: the next round tries again; pages show their own errors
    }
  }

  private static boolean touchesMembership(EventType t) {
    switch (t) {
      case DEVICES_IMPORTED:
      case DEVICE_TAGGED:
      case DEVICE_UNTAGGED:
      case FLEET_ATTRIBUTE_SET:
      case FLEET_ATTRIBUTE_REMOVED:
      case GROUP_ADDED:
      case GROUP_CHANGED:
      case GROUP_REMOVED:
        return true;
      default:
        return false;
    }
  }

  @Override
  public void close() {
    fleet.rollouts().removeListener(engineListener);
    thread.shutdownNow();
  }
}
