package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The summary rows of {@code /trails/summary}. Production feeds them through an asynchronous pipeline,
 * so they lag behind the trails; with a positive {@code lag} the simulator does the same: a change to a
 * trail reaches its row only {@code lag} later. With zero lag rows are computed live. Guarded by the
 * hub lock. Not API.
 */
final class Summaries {
  private record Pending(Instant due, DeviceRec device) {}

  private final Duration lag;
  private final Map<String, ObjectNode> published = new HashMap<>();
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();

  Summaries(Duration lag) {
    this.lag = lag;
  }

  /** Notes that a device's trail changed at {@code now}. */
  void changed(DeviceRec d, Instant now) {
    if (!lag.isZero()) {
      pending.add(new Pending(now.plus(lag), d));
    }
  }

  /** The row of {@code d} as the summary service would show it at {@code now}. */
  ObjectNode row(Hub hub, DeviceRec d, TrailRec t, Instant now, boolean owner) {
    if (lag.isZero()) {
      return Views.summary(d, t, now, owner);
    }
    while (!pending.isEmpty() && !pending.peek().due.isAfter(now)) {
      DeviceRec changed = pending.poll().device;
      TrailRec ct = hub.trails.get(changed.id);
      if (ct != null) {
        published.put(changed.id, Views.summary(changed, ct, now, true));
      }
    }
    ObjectNode row =
        published.computeIfAbsent(d.id, k -> Views.summary(d, t, now, true)).deepCopy();
    if (!owner) {
      row.put("real-ip", "");
    }
    return row;
  }
}
