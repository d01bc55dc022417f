package io.biggerfleet.rollout.internal;

import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.model.RolloutTransition;
import io.biggerfleet.rollout.RolloutListener;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link RolloutListener}s of an engine, and telling them what a written batch did: its events,
 * then its state changes. A listener that throws is counted ({@link #failures()}) and never stops the
 * engine or the other listeners.
 *
 * <p>Thread-safe: listeners may be added and removed while the engine publishes.
 */
final class RolloutListeners {
  private final List<RolloutListener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong failures = new AtomicLong();

  void add(RolloutListener l) {
    listeners.add(Objects.requireNonNull(l, "listener"));
  }

  void remove(RolloutListener l) {
    listeners.remove(l);
  }

  /** How many times a listener threw. */
  long failures() {
    return failures.get();
  }

  /** Tells listeners of a written batch: its events, then its state changes. */
  void publish(Batch b) {
    publish(b.events);
    for (Map.Entry<String, RolloutTransition> t : b.transitions) {
      for (RolloutListener l : listeners) {
        try {
          l.onTransition(t.getKey(), t.getValue());
        } catch (RuntimeException ex) {
          failures.incrementAndGet();
        }
      }
    }
  }

  void publish(List<FleetEvent> events) {
    for (FleetEvent e : events) {
      for (RolloutListener l : listeners) {
        try {
          l.onEvent(e);
        } catch (RuntimeException ex) {
          failures.incrementAndGet();
        }
      }
    }
  }
}
