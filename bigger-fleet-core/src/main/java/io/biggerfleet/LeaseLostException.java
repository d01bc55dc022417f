package io.biggerfleet;

/**
 * Thrown when a writer acts on a {@link io.biggerfleet.spi.RolloutLease} it no longer holds: the lease
 * expired, or another instance took the rollout over (its fencing token is newer). The batch or renewal
 * was rejected and nothing was written. The caller must stop driving that rollout.
 */
public class LeaseLostException extends WriteConflictException {
  private static final long serialVersionUID = 1L;

  public LeaseLostException(String message) {
    super(message);
  }
}
