/**
 * Extension points: {@link io.biggerfleet.spi.DeviceRegistry} (where devices come from), {@link io.biggerfleet.spi.DeviceTrails} (posting steps and watching progress) and {@link io.biggerfleet.spi.FleetStore} (what the fleet keeps, with versioned atomic writes), with their value types. See docs/spi.md.
 *
 * <p>Null-marked: nothing here takes or returns null unless it says {@code @Nullable}.
 */
@NullMarked
package io.biggerfleet.spi;

import org.jspecify.annotations.NullMarked;
