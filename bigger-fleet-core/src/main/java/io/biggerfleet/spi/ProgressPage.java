package io.biggerfleet.spi;

import java.util.List;
import java.util.Objects;

/**
 * One page of the fleet-wide progress feed: the steps whose progress changed after the cursor, oldest
 * first, and the cursor to poll next (unchanged when the page is empty). Immutable and thread-safe.
 */
public final class ProgressPage {
  private final List<TrailStep> steps;
  private final String nextCursor;

  public ProgressPage(List<TrailStep> steps, String nextCursor) {
    this.steps = List.copyOf(steps);
    this.nextCursor = Objects.requireNonNull(nextCursor, "next cursor");
  }

  /** Changed steps, oldest change first. States are not included. */
  public List<TrailStep> steps() {
    return steps;
  }

  /** Opaque cursor for the next poll. */
  public String nextCursor() {
    return nextCursor;
  }

  @Override
  public String toString() {
    return "ProgressPage[" + steps.size() + " steps, next=" + nextCursor + "]";
  }
}
