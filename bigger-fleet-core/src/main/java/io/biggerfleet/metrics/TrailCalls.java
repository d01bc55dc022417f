package io.biggerfleet.metrics;

import java.time.Duration;

/**
 * Listener for calls to the hub through {@link MeteredTrails}: which operation ({@code post},
 * {@code latest}, {@code progressSince} …), how long it took, and the error it threw, if any. Called on
 * the calling thread (the engine's); keep it quick and never throw.
 */
@FunctionalInterface
public interface TrailCalls {
  /**
   * One call ended.
   *
   * @param registry the trails' registry
   * @param operation the {@link io.biggerfleet.spi.DeviceTrails} method name
   * @param took wall-clock time of the call
   * @param error what it threw, or null
   */
  void called(String registry, String operation, Duration took, RuntimeException error);

  /** The kind of an error for a metric tag: its class's simple name, e.g. {@code PantahubUnauthorizedException}. */
  static String kind(RuntimeException error) {
    return error == null ? "none" : error.getClass().getSimpleName();
  }
}
