/**
 * The device model: {@link io.biggerfleet.device.DeviceId}, {@link io.biggerfleet.device.Device}, {@link io.biggerfleet.device.Attributes} with per-value {@link io.biggerfleet.device.AttributeSource sources}, built-in attribute names and the rules for fleet tags. All values are immutable and thread-safe.
 *
 * <p>Null-marked: nothing here takes or returns null unless it says {@code @Nullable}.
 */
@NullMarked
package io.biggerfleet.device;

import org.jspecify.annotations.NullMarked;
