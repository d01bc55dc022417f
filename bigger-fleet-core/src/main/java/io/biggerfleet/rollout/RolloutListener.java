package io.biggerfleet.rollout;

import io.biggerfleet.event.FleetEvent;

/**
 * Monitoring hook: told of every rollout event right after the engine stored it (step started, device
 * posted, device result, gate passed or failed, state changes). Called on the thread that drives the
 * engine; keep it quick. An exception thrown by a listener is caught and counted, and never breaks
 * the engine. The events' {@link FleetEvent#seq()} is 0 here; the stored copies carry it.
 */
@FunctionalInterface
public interface RolloutListener {
  void onEvent(FleetEvent event);
}
