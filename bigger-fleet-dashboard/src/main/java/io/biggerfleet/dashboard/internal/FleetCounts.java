package io.biggerfleet.dashboard.internal;

import io.biggerfleet.FleetClient;
import io.biggerfleet.model.Group;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The overview's index counts — online devices and the members of each top-level group — computed
 * by the {@link EventFeed} off the request path (after start and whenever the event log moves), so
 * the overview never waits for the index: on a million devices the first evaluation of
 * {@code Online == true} builds that attribute's index, which takes seconds. Immutable.
 */
record FleetCounts(long online, Map<String, Long> groups) {
  static final int MAX_GROUPS = 50;

  static FleetCounts compute(FleetClient fleet) {
    long online = fleet.selectors().resolve("Online == true").size();
    Map<String, Long> groups = new LinkedHashMap<>();
    for (Group g : fleet.groups()) {
      if (g.parent().equals("/") && groups.size() < MAX_GROUPS) {
        groups.put(g.path(), (long) fleet.selectors().resolve(g.path()).size());
      }
    }
    return new FleetCounts(online, Map.copyOf(groups));
  }
}
