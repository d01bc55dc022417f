package io.biggerfleet.spi;

import io.biggerfleet.model.TrailState;
import java.util.Objects;

/**
 * What to post as a new step: the complete new state, the commit message and the marker that makes
 * the post findable after a crash. Immutable and thread-safe.
 */
public final class StepRequest {
  private final TrailState state;
  private final String commitMessage;
  private final StepMarker marker;

  public StepRequest(TrailState state, String commitMessage, StepMarker marker) {
    this.state = Objects.requireNonNull(state, "state");
    this.commitMessage = Objects.requireNonNull(commitMessage, "commit message");
    this.marker = Objects.requireNonNull(marker, "marker");
  }

  public TrailState state() {
    return state;
  }

  public String commitMessage() {
    return commitMessage;
  }

  public StepMarker marker() {
    return marker;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof StepRequest)) {
      return false;
    }
    StepRequest r = (StepRequest) o;
    return r.state.equals(state) && r.commitMessage.equals(commitMessage) && r.marker.equals(marker);
  }

  @Override
  public int hashCode() {
    return Objects.hash(state, commitMessage, marker);
  }

  @Override
  public String toString() {
    return "StepRequest[" + marker + ", \"" + commitMessage + "\", " + state.entries().size() + " keys]";
  }
}
