package io.biggerfleet.dashboard.internal;

import io.biggerfleet.event.EventType;
import io.biggerfleet.event.FleetEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Posted, succeeded and failed devices over time, per rollout, counted per minute from the event log
 * as the {@link EventFeed} reads it: {@code DEVICE_POSTED} events are posts, {@code DEVICE_RESULT}
 * events are results (their message, {@code "<rollout>: step 1 attempt 1 SUCCEEDED (DONE)"}, names the
 * rollout and the outcome; {@code "<rollout>: cannot post: ..."} is a failure). Memory is one small
 * array per rollout and minute with activity. Thread-safe.
 */
final class Timeline {
  static final int POSTED = 0;
  static final int SUCCEEDED = 1;
  static final int FAILED = 2;

  /** One minute of one rollout: its start and the posted, succeeded and failed counts. */
  record Point(Instant minute, long posted, long succeeded, long failed) {}

  private final Map<String, TreeMap<Long, long[]>> byRollout = new HashMap<>();

  synchronized void add(FleetEvent e) {
    int kind;
    if (e.type() == EventType.DEVICE_POSTED) {
      kind = POSTED;
    } else if (e.type() == EventType.DEVICE_RESULT) {
      String m = e.message();
      if (m.contains(" SUCCEEDED ")) {
        kind = SUCCEEDED;
      } else if (m.contains(" FAILED ") || m.contains(": cannot post:")) {
        kind = FAILED;
      } else {
        return;
      }
    } else {
      return;
    }
    int colon = e.message().indexOf(": ");
    if (colon <= 0) {
      return;
    }
    String rollout = e.message().substring(0, colon);
    long minute = e.time().getEpochSecond() / 60;
    byRollout.computeIfAbsent(rollout, k -> new TreeMap<>())
        .computeIfAbsent(minute, k -> new long[3])[kind]++;
  }

  /** The rollout's minutes with activity, oldest first (per-minute counts, not cumulative). */
  synchronized List<Point> points(String rollout) {
    TreeMap<Long, long[]> m = byRollout.get(rollout);
    if (m == null) {
      return List.of();
    }
    List<Point> out = new ArrayList<>(m.size());
    m.forEach((minute, c) ->
        out.add(new Point(Instant.ofEpochSecond(minute * 60), c[POSTED], c[SUCCEEDED], c[FAILED])));
    return out;
  }
}
