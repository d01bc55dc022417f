package io.biggerfleet.dashboard.internal;

import io.biggerfleet.model.Group;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * {@code /groups}: the group tree in path order (a group under the groups whose paths contain it),
 * each with the group it refines, its expression and its member count from the index; the first
 * {@value #MAX} groups.
 */
final class GroupsPage {
  static final int MAX = 1000;
  private static final int MAX_INDENT = 8;

  private GroupsPage() {}

  static String render(View v) {
    List<Group> groups = v.fleet().groups();
    long all = v.fleet().deviceCount();
    Html h = new Html();
    h.raw("<h1>Groups</h1><section id=\"groups-tree\" data-live><ul class=\"tree\">")
        .raw("<li class=\"depth-0\"><a href=\"/devices?q=%2F\">/</a> <span class=\"count\">")
        .n(all)
        .raw("</span> <span class=\"muted\">every device</span></li>");
    Deque<String> ancestors = new ArrayDeque<>();
    for (Group g : groups.subList(0, Math.min(groups.size(), MAX))) {
      while (!ancestors.isEmpty() && !g.path().startsWith(ancestors.peek() + "/")) {
        ancestors.pop();
      }
      int depth = Math.min(MAX_INDENT, ancestors.size() + 1);
      ancestors.push(g.path());
      long n = v.fleet().selectors().resolve(g.path()).size();
      h.raw("<li class=\"depth-")
          .raw(Integer.toString(depth))
          .raw("\">")
          .a("/devices?q=" + Html.u(g.path()), g.path())
          .raw(" <span class=\"count\">")
          .n(n)
          .raw("</span> <span class=\"muted\">refines ")
          .t(g.parent())
          .raw(":</span> <code class=\"expr\">")
          .t(g.expression())
          .raw("</code></li>");
    }
    h.raw("</ul>");
    if (groups.size() > MAX) {
      h.raw("<p class=\"muted\">").n(groups.size() - MAX).raw(" more groups not shown.</p>");
    }
    h.raw("</section>");
    return Layout.page(v, "Groups", "Groups", h);
  }
}
