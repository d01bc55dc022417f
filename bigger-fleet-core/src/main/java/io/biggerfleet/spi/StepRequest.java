package io.biggerfleet.spi;

import io.biggerfleet.model.TrailState;
import java.util.Objects;

/**
 * What to post as a new step: the complete new state, the commit message and the marker that makes
 * the post findable after a crash. Immutable and thread-safe.
 *
 * @param state the complete new state
 * @param commitMessage the step's commit message
 * @param marker what makes the post findable after a crash
 */
public record StepRequest(TrailState state, String commitMessage, StepMarker marker) {

  /** @throws NullPointerException if an argument is null */
  public StepRequest {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(commitMessage, "commit message");
    Objects.requireNonNull(marker, "marker");
  }

  @Override
  public String toString() {
    return "StepRequest[" + marker + ", \"" + commitMessage + "\", "
        + state.entries().size() + " keys]";
  }
}
