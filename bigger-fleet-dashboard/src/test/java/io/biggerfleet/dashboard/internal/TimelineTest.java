package io.biggerfleet.dashboard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.event.EventType;
import io.biggerfleet.event.FleetEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimelineTest {
  static final Instant T = Instant.parse("2026-03-02T09:00:10Z");

  static FleetEvent event(EventType type, int secondsLater, String message) {
    return FleetEvent.of(T.plusSeconds(secondsLater), type, "D@hub.io", "engine", message);
  }

  @Test
  void postsAndResults_areCountedPerRolloutAndMinute_fromTheEngineMessages() {
    Timeline t = new Timeline();
    t.add(event(EventType.DEVICE_POSTED, 0, "R1: posted step 1/2 attempt 1 as rev 3"));
    t.add(event(EventType.DEVICE_POSTED, 20, "R1: posted step 1/2 attempt 1 as rev 4"));
    t.add(event(EventType.DEVICE_POSTED, 0, "R2: posted step 1/1 attempt 1 as rev 4"));
    t.add(event(EventType.DEVICE_RESULT, 70, "R1: step 1 attempt 1 SUCCEEDED (DONE)"));
    t.add(event(EventType.DEVICE_RESULT, 75, "R1: step 1 attempt 1 FAILED (ERROR: disk full)"));
    t.add(event(EventType.DEVICE_RESULT, 80, "R1: cannot post: Device D@hub.io not found"));
    t.add(event(EventType.DEVICE_RETRY, 90, "R1: step 1 attempt 1 ERROR; next attempt due now"));
    t.add(event(EventType.GATE_PASSED, 95, "Gate passed at 100,100%"));

    assertThat(t.points("R1"))
        .containsExactly(
            new Timeline.Point(Instant.parse("2026-03-02T09:00:00Z"), 2, 0, 0),
            new Timeline.Point(Instant.parse("2026-03-02T09:01:00Z"), 0, 1, 2));
    assertThat(t.points("R2")).hasSize(1);
    assertThat(t.points("R3")).isEmpty();
  }
}
