/**
 * The audit log: {@link io.biggerfleet.event.FleetEvent} and its {@link io.biggerfleet.event.EventType types}.
 *
 * <p>Null-marked: nothing here takes or returns null unless it says {@code @Nullable}.
 */
@NullMarked
package io.biggerfleet.event;

import org.jspecify.annotations.NullMarked;
