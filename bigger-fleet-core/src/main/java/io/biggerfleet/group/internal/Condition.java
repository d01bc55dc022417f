package io.biggerfleet.group.internal;

import io.biggerfleet.device.Attributes;
import io.biggerfleet.device.Device;
import java.util.Set;

/**
 * A compiled group expression as the membership engine sees it: an exact per-device answer, the
 * attributes it reads (for incremental maintenance) and an index {@link SelectionPlan}. Implementations are
 * immutable and thread-safe.
 */
interface Condition {

  /** The expression text. */
  String expression();

  /** Whether the device matches. */
  boolean matches(Device device);

  /** Whether a device with exactly these attributes matches (used for per-value evaluation). */
  boolean matches(Attributes attributes);

  /** Names of every attribute the expression reads. */
  Set<String> reads();

  /** True if the answer for an unchanged device can change as time passes. */
  boolean dependsOnTime();

  /** The structure for index-based evaluation. */
  SelectionPlan plan();
}
