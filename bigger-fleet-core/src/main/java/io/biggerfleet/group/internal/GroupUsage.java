package io.biggerfleet.group.internal;

import io.biggerfleet.group.GroupPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Who still needs a group, consulted before it is removed: a group a running rollout selects must not
 * disappear under it. The group engine knows nothing of rollouts; the composition root
 * ({@code FleetClient}) hands it the running rollouts' selectors through {@link #bySelectors}.
 *
 * <p>Implementations are called from the thread removing a group and must be thread-safe.
 */
@FunctionalInterface
public interface GroupUsage {

  /** Names of the rollouts that use {@code path} now; empty when it may be removed. */
  List<String> rolloutsUsing(GroupPath path);

  /**
   * Usage read from {@code selectors} (rollout name → its base selector, for the rollouts that must
   * keep their groups), asked afresh each time: the group is in use when a selector is the group's path,
   * a path below it (a device path or subgroup), or a glob matching it.
   */
  static GroupUsage bySelectors(Supplier<Map<String, String>> selectors) {
    return path -> {
      List<String> out = new ArrayList<>();
      selectors.get().forEach((rollout, selector) -> {
        if (names(selector, path)) {
          out.add(rollout);
        }
      });
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
