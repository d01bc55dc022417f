package io.biggerfleet.dashboard.internal;

import io.biggerfleet.model.Durations;
import io.biggerfleet.model.Group;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.rollout.RolloutFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /}: device count, online count and devices per top-level group (from the index, as the
 * {@link EventFeed} keeps them in {@link FleetCounts}: "…" until first counted), the rollouts that hold
 * devices (active, paused, failed) with progress bars from the engine's plan, then the others. Nothing
 * here reads per device.
 */
final class OverviewPage {
  static final int MAX_GROUPS = FleetCounts.MAX_GROUPS;
  static final int MAX_OTHER_ROLLOUTS = 50;

  private OverviewPage() {}

  static String render(View v) {
    Html h = new Html();
    h.raw("<h1>Fleet overview</h1>");
    long devices = v.fleet().deviceCount();
    FleetCounts counts = v.feed().counts(); // null for the first moments after start: shown as "…"
    List<Group> groups = v.fleet().groups();
    List<Rollout> rollouts = v.fleet().rollouts().list();
    List<Rollout> active = new ArrayList<>();
    List<Rollout> other = new ArrayList<>();
    for (Rollout r : rollouts) {
      (r.state().holdsDevices() ? active : other).add(r);
    }
    h.raw("<div id=\"overview-counts\" class=\"cards\" data-live>");
    card(h, "Devices", devices, null);
    if (counts == null) {
      h.raw(
              "<div class=\"card\"><div class=\"card-label\">Online</div><div class=\"card-value\">…</div>")
          .raw("<div class=\"card-note\">counting</div></div>");
    } else {
      card(h, "Online", counts.online(), Layout.pct(counts.online(), devices) + " of the fleet");
    }
    card(h, "Groups", groups.size(), null);
    card(h, "Active rollouts", active.size(), rollouts.size() + " in all");
    h.raw("</div>");

    h.raw("<section id=\"overview-rollouts\" data-live><h2>Active rollouts</h2>");
    if (active.isEmpty()) {
      h.raw("<p class=\"muted\">No rollout is running.</p>");
    } else {
      h.raw(
          "<table class=\"rollouts\"><thead><tr><th>Rollout</th><th>State</th><th>Step</th><th>Reported</th>"
              + "<th>Success</th><th>ETA</th></tr></thead><tbody>");
      Instant now = v.fleet().clock().instant();
      for (Rollout r : active) {
        RolloutSummary s = RolloutSummary.of(v, r);
        h.raw("<tr><td>").a("/rollout?name=" + Html.u(r.name()), r.name()).raw("</td><td>");
        state(h, r.state());
        h.raw("</td><td>").n(r.run().currentStep()).raw("/").n(r.stepCount()).raw("</td><td>");
        Layout.bar(
            h,
            s.reported(),
            s.devices(),
            Layout.pct(s.reported(), s.devices()) + " (" + s.reported() + "/" + s.devices() + ")");
        h.raw("</td><td>");
        Layout.bar(h, s.succeeded(), s.reported(), Layout.pct(s.succeeded(), s.reported()));
        h.raw("</td><td>")
            .t(r.state() == RolloutState.ACTIVE ? Durations.human(RolloutFormat.eta(r, now)) : "–")
            .raw("</td></tr>");
      }
      h.raw("</tbody></table>");
    }
    if (!other.isEmpty()) {
      h.raw("<h2>Other rollouts</h2><ul class=\"plain\">");
      Instant now = v.fleet().clock().instant();
      for (Rollout r : other.subList(0, Math.min(other.size(), MAX_OTHER_ROLLOUTS))) {
        h.raw("<li>").a("/rollout?name=" + Html.u(r.name()), r.name()).raw(" ");
        state(h, r.state());
        h.raw(" <span class=\"muted\">").t(RolloutFormat.statusLine(r, now)).raw("</span></li>");
      }
      h.raw("</ul>");
      if (other.size() > MAX_OTHER_ROLLOUTS) {
        h.raw("<p class=\"muted\">")
            .n(other.size() - MAX_OTHER_ROLLOUTS)
            .raw(" more not shown.</p>");
      }
    }
    h.raw("</section>");

    h.raw("<section id=\"overview-groups\" data-live><h2>Devices by group</h2>");
    List<Group> top = new ArrayList<>();
    for (Group g : groups) {
      if (g.parent().equals("/")) {
        top.add(g);
      }
    }
    if (top.isEmpty()) {
      h.raw("<p class=\"muted\">No groups yet. Add one with <code>bigger-fleet addgroup</code> or "
          + "<code>FleetClient.addGroup</code>.</p>");
    } else {
      h.raw("<table><thead><tr><th>Group</th><th>Devices</th><th></th></tr></thead><tbody>");
      for (Group g : top.subList(0, Math.min(top.size(), MAX_GROUPS))) {
        Long n = counts == null ? null : counts.groups().get(g.path());
        h.raw("<tr><td>")
            .a("/devices?q=" + Html.u(g.path()), g.path())
            .raw("</td><td class=\"num\">");
        if (n == null) {
          h.raw("…</td><td>");
        } else {
          h.n(n).raw("</td><td>");
          Layout.bar(h, n, devices, Layout.pct(n, devices));
        }
        h.raw("</td></tr>");
      }
      h.raw("</tbody></table><p>").a("/groups", "The whole group tree").raw("</p>");
    }
    h.raw("</section>");
    return Layout.page(v, "Overview", "Overview", h);
  }

  private static void card(Html h, String label, long value, String note) {
    h.raw("<div class=\"card\"><div class=\"card-label\">")
        .t(label)
        .raw("</div><div class=\"card-value\" data-count=\"")
        .t(label)
        .raw("\">")
        .n(value)
        .raw("</div>");
    if (note != null) {
      h.raw("<div class=\"card-note\">").t(note).raw("</div>");
    }
    h.raw("</div>");
  }

  static void state(Html h, RolloutState s) {
    h.raw("<span class=\"state state-")
        .t(s.name().toLowerCase(java.util.Locale.ROOT))
        .raw("\">")
        .t(s)
        .raw("</span>");
  }
}
