package io.biggerfleet.group.internal;

import io.biggerfleet.group.GroupPath;
import io.biggerfleet.rollout.Rollout;
import io.biggerfleet.rollout.RolloutState;
import io.biggerfleet.spi.FleetStore;
import io.biggerfleet.spi.Versioned;
import java.util.ArrayList;
import java.util.List;

/**
 * Who still needs a group, consulted before it is removed. The hook for rollouts: a group an ACTIVE
 * (or PAUSED) rollout selects must not disappear under it.
 *
 * <p>The default ({@link #activeRollouts}) looks at each running rollout's base selector
 * ({@link Rollout#devices()}): the group is in use when that selector is the group's path, a path
 * below it (a device path or subgroup), or a glob matching it. When rollouts store step selectors,
 * extend {@link #activeRollouts} to look at those too.
 */
@FunctionalInterface
interface GroupUsage {

  /** Names of the rollouts that use {@code path} now; empty when it may be removed. */
  List<String> rolloutsUsing(GroupPath path);

  /** Running rollouts of {@code store} whose selectors name the group. */
  static GroupUsage activeRollouts(FleetStore store) {
    return path -> {
      List<String> out = new ArrayList<>();
      for (Versioned<Rollout> v : store.rollouts()) {
        Rollout r = v.value();
        if ((r.state() == RolloutState.ACTIVE || r.state() == RolloutState.PAUSED
            || r.state() == RolloutState.AWAITING_APPROVAL) && names(r.devices(), path)) {
          out.add(r.name());
        }
      }
      return out;
    };
  }

  /** True if {@code selector} selects by {@code path}: the path itself, below it, or a glob matching it. */
  static boolean names(String selector, GroupPath path) {
    String s = selector.strip();
    if (!s.startsWith("/")) {
      return false;
    }
    if (PathGlob.isGlob(s)) {
      try {
        PathGlob glob = PathGlob.parse(s);
        return glob.matches(path.segments())
            || (glob.lastSegmentMatchesAnything() && glob.matches(path.segments(), "x@x"));
      } catch (io.biggerfleet.InvalidInputException e) {
        return false;
      }
    }
    String p = path.toString();
    return s.equals(p) || s.startsWith(p + "/");
  }
}
