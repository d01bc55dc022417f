package io.biggerfleet.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * What a registry knows of a device's life right now: when it was last seen (any request it made:
 * progress, log upload, heartbeat) and the revision of its trail it runs. Pantahub: the device's
 * last-seen time and its {@code pantavisor.revision} device-meta.
 *
 * <p>Immutable and thread-safe.
 *
 * @param lastSeen when the device was last heard of
 * @param runningRev the trail revision it runs ({@code -1} if unknown)
 */
public record DeviceLiveness(Instant lastSeen, int runningRev) {
  /** Checks the time is given. */
  public DeviceLiveness {
    Objects.requireNonNull(lastSeen, "lastSeen");
  }
}
