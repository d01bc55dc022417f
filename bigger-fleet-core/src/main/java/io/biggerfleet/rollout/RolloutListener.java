package io.biggerfleet.rollout;

import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.model.RolloutTransition;

/**
 * Monitoring hook: told of every rollout event right after the engine stored it (step started, device
 * posted, device result, gate passed or failed, state changes). Called on the thread that drives the
 * engine; keep it quick. An exception thrown by a listener is caught and counted, and never breaks
 * the engine. The events' {@link FleetEvent#seq()} is 0 here; the stored copies carry it.
 */
@FunctionalInterface
public interface RolloutListener {
  /** Told of each rollout event, right after it was stored. */
  void onEvent(FleetEvent event);

  /**
   * Told of each state change of a rollout, typed, right after it was stored (and after the
   * {@link io.biggerfleet.event.EventType#ROLLOUT_STATE_CHANGED} event that records it in words).
   * Does nothing by default.
   *
   * @param rollout the rollout's name
   * @param transition the row of {@link RolloutTransition#table()} it moved along
   */
  default void onTransition(String rollout, RolloutTransition transition) {}
}
