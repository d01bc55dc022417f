package io.biggerfleet.dashboard.internal;

import io.biggerfleet.FleetClient;

/**
 * What a page renderer needs: the fleet, the settings, the feed (timeline, last event) and who is
 * looking (a logged-in operator's session, or null). Immutable.
 */
record View(DashboardSettings settings, EventFeed feed, Session session) {

  FleetClient fleet() {
    return settings.fleet();
  }

  /** True if the viewer may act: actions are enabled and the viewer is logged in. */
  boolean canAct() {
    return settings.actionsEnabled() && session != null;
  }

  /** The hidden CSRF field of an action form (only rendered for a logged-in operator). */
  String csrfField() {
    return session == null
        ? ""
        : "<input type=\"hidden\" name=\"" + Guard.CSRF_FIELD + "\" value=\""
            + Html.esc(session.csrf()) + "\">";
  }
}
