/**
 * The audit log: {@link io.biggerfleet.event.FleetEvent} and its {@link io.biggerfleet.event.EventType types}.
 */
package io.biggerfleet.event;
