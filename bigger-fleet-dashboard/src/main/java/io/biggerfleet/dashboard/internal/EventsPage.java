package io.biggerfleet.dashboard.internal;

import io.biggerfleet.event.FleetEvent;
import java.util.List;

/**
 * {@code /events}: the audit log, newest first, {@value #PAGE} events a page ({@code before=<seq>}
 * pages back). The newest seq is found by probing the store (a few reads), not by reading the log.
 */
final class EventsPage {
  static final int PAGE = 100;

  private EventsPage() {}

  static String render(View v, String beforeParam) {
    long newest = newestSeq(v);
    long before = newest + 1;
    try {
      if (!beforeParam.isEmpty()) {
        before = Math.max(1, Math.min(newest + 1, Long.parseLong(beforeParam)));
      }
    } catch (NumberFormatException e) {
      // ignore: from the newest
    }
    long from = Math.max(0, before - 1 - PAGE);
    List<FleetEvent> events = v.fleet().events(from, (int) (before - 1 - from));
    Html h = new Html();
    h.raw("<h1>Event log</h1><section id=\"events\"")
        .raw(beforeParam.isEmpty() ? " data-live" : "")
        .raw(">")
        .raw("<p class=\"muted\">")
        .n(newest)
        .raw(" events in all.</p><table class=\"events\"><thead><tr><th>#</th>")
        .raw(
            "<th>Time (UTC)</th><th>Event</th><th>Subject</th><th>By</th><th>Message</th></tr></thead><tbody>");
    for (int i = events.size() - 1; i >= 0; i--) {
      FleetEvent e = events.get(i);
      h.raw("<tr><td class=\"num\">")
          .n(e.seq())
          .raw("</td><td>")
          .t(e.time())
          .raw("</td><td><span class=\"etype\">")
          .t(e.type())
          .raw("</span></td><td>")
          .t(e.subject())
          .raw("</td><td>")
          .t(e.actor())
          .raw("</td><td>")
          .t(RolloutPage.clip(e.message()))
          .raw("</td></tr>");
    }
    h.raw("</tbody></table><p class=\"pager\">");
    if (!beforeParam.isEmpty()) {
      h.a("/events", "« newest");
    }
    if (from > 0) {
      h.raw(" ").a("/events?before=" + (from + 1), "older »");
    }
    h.raw("</p></section>");
    return Layout.page(v, "Event log", "Event log", h);
  }

  /** The newest event's seq (seqs are gap-free from 1): exponential then binary search on reads of one event. */
  static long newestSeq(View v) {
    long known = v.feed().lastSeq();
    if (v.fleet().events(known, 1).isEmpty()) {
      return known;
    }
    long lo = known + 1; // exists
    long step = 1;
    long hi = lo + step;
    while (!v.fleet().events(hi - 1, 1).isEmpty()) {
      lo = hi;
      step *= 2;
      hi = lo + step;
    }
    // seq lo exists, seq hi does not
    while (hi - lo > 1) {
      long mid = (lo + hi) >>> 1;
      if (v.fleet().events(mid - 1, 1).isEmpty()) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return lo;
  }
}
