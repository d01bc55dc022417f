package io.biggerfleet.dashboard.internal;

/**
 * The page frame: head (vendored CSS and script, nothing from another site), the navigation, who is
 * logged in (or the read-only badge, or the login link), then the page's body.
 */
final class Layout {
  private static final String[][] NAV = {
    {"/", "Overview"}, {"/devices", "Devices"}, {"/groups", "Groups"}, {"/events", "Event log"}
  };

  private Layout() {}

  static String page(View v, String title, String active, Html body) {
    Html h = new Html();
    h.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .raw("<title>")
        .t(title)
        .raw(" · ")
        .t(v.settings().title())
        .raw("</title>")
        .raw("<link rel=\"stylesheet\" href=\"/assets/dashboard.css\">")
        .raw("<script src=\"/assets/dashboard.js\" defer></script>")
        .raw("</head><body><header><span class=\"brand\">")
        .t(v.settings().title())
        .raw("</span><nav>");
    for (String[] n : NAV) {
      h.raw("<a href=\"")
          .raw(n[0])
          .raw("\"")
          .raw(n[1].equals(active) ? " class=\"active\"" : "")
          .raw(">")
          .raw(n[1])
          .raw("</a>");
    }
    h.raw("</nav><span class=\"who\">");
    if (!v.settings().actionsEnabled()) {
      h.raw(
          "<span class=\"badge\" title=\"Start the dashboard with an auth hook to enable actions\">read-only</span>");
    } else if (v.session() == null) {
      h.raw("<a href=\"/login\">Operator login</a>");
    } else {
      h.raw("operator <b>")
          .t(v.session().operator())
          .raw("</b> <form method=\"post\" action=\"/logout\" class=\"inline\">")
          .raw(v.csrfField())
          .raw("<button type=\"submit\" class=\"link\">log out</button></form>");
    }
    h.raw(
            "</span><span id=\"live-status\" class=\"live\" title=\"Live updates\">●</span></header><main>")
        .raw(body.toString())
        .raw("</main></body></html>\n");
    return h.toString();
  }

  /** An error or notice box; {@code message} is escaped. */
  static void notice(Html h, String kind, String message) {
    h.raw("<p class=\"notice ").raw(kind).raw("\" role=\"status\">").t(message).raw("</p>");
  }

  /** A {@code <progress>} bar with its label (no inline style: the CSP forbids it). */
  static void bar(Html h, long value, long max, String label) {
    h.raw("<span class=\"bar\"><progress max=\"")
        .raw(Long.toString(Math.max(1, max)))
        .raw("\" value=\"")
        .raw(Long.toString(Math.max(0, Math.min(value, Math.max(1, max)))))
        .raw("\"></progress> <span class=\"bar-label\">")
        .t(label)
        .raw("</span></span>");
  }

  /** {@code 12.5%} of {@code part / whole}, or {@code 0%}. */
  static String pct(long part, long whole) {
    return whole <= 0 ? "0%" : String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * part / whole);
  }
}
