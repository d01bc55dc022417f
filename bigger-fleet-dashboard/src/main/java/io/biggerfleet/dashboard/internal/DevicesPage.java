package io.biggerfleet.dashboard.internal;

import io.biggerfleet.FleetException;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.match.MatchIssue;
import io.biggerfleet.match.MatchSyntaxException;
import java.util.Iterator;
import java.util.Optional;
import java.util.SortedSet;

/**
 * {@code /devices?q=SELECTOR}: devices a selector picks — a match expression
 * ({@code Model == "121XPs"}), a group path, a glob or a device id, as everywhere in the API — with
 * their count from the index and {@value #PAGE} devices a page ({@code after=<device id>}); a bad
 * expression shows the parser's message with line, column and caret. {@code /api/count?q=} answers the
 * count (or the error) as JSON for the live count while typing.
 */
final class DevicesPage {
  static final int PAGE = 50;

  private DevicesPage() {}

  static String render(View v, String q, String afterParam) {
    Html h = new Html();
    h.raw("<h1>Devices</h1><form method=\"get\" action=\"/devices\" class=\"search\">")
        .raw(
            "<input type=\"text\" id=\"q\" name=\"q\" size=\"60\" autocomplete=\"off\" spellcheck=\"false\" ")
        .raw(
            "placeholder=\"Model == &quot;121XPs&quot; and Online == true   or a group path, e.g. /co\" value=\"")
        .t(q)
        .raw("\" data-count-url=\"/api/count\"> <button type=\"submit\">Search</button> ")
        .raw("<span id=\"live-count\" class=\"muted\" aria-live=\"polite\"></span>")
        .raw("<pre id=\"q-error\" class=\"caret-error\"></pre></form>");
    String selector = q.isBlank() ? "/" : q;
    SortedSet<DeviceId> ids;
    try {
      ids = v.fleet().selectors().resolve(selector);
    } catch (FleetException e) {
      h.raw("<pre class=\"caret-error\" id=\"search-error\">").t(errorText(e)).raw("</pre>");
      return Layout.page(v, "Devices", "Devices", h);
    }
    h.raw("<p id=\"result-count\">")
        .n(ids.size())
        .raw(ids.size() == 1 ? " device" : " devices")
        .raw("</p>");
    DeviceId after = DeviceId.isValid(afterParam) ? DeviceId.parse(afterParam) : null;
    h.raw(
        "<table class=\"devices\"><thead><tr><th>Device</th><th>Name</th><th>Online</th><th>Revision</th>"
            + "<th>Tags</th></tr></thead><tbody>");
    Iterator<DeviceId> it = ids.iterator();
    DeviceId last = null;
    int shown = 0;
    boolean more = false;
    while (it.hasNext()) {
      DeviceId id = it.next();
      if (after != null && id.compareTo(after) <= 0) {
        continue;
      }
      if (shown == PAGE) {
        more = true;
        break;
      }
      Optional<Device> d = v.fleet().findDevice(id);
      if (d.isEmpty()) {
        continue;
      }
      row(h, d.get());
      last = id;
      shown++;
    }
    h.raw("</tbody></table><p class=\"pager\">");
    if (after != null) {
      h.a("/devices?q=" + Html.u(q), "« first");
    }
    if (more) {
      h.raw(" ")
          .a(
              "/devices?q=" + Html.u(q) + "&after=" + Html.u(last.toString()),
              "next " + PAGE + " »");
    }
    h.raw("</p>");
    return Layout.page(v, "Devices", "Devices", h);
  }

  private static void row(Html h, Device d) {
    h.raw("<tr><td><a href=\"/device?id=")
        .t(Html.u(d.id().toString()))
        .raw("\"><code>")
        .t(d.id())
        .raw("</code></a></td><td>")
        .t(d.nick())
        .raw("</td><td>")
        .raw(d.online() ? "<span class=\"on\">online</span>" : "<span class=\"off\">offline</span>")
        .raw("</td><td><code>")
        .t(d.revision().orElse(""))
        .raw("</code></td><td>")
        .t(String.join(", ", d.tags()))
        .raw("</td></tr>");
  }

  /** {@code /api/count?q=}: {@code {"count":N}} or {@code {"error":"...","caret":"..."}}. */
  static String count(View v, String q) {
    try {
      int n = v.fleet().selectors().resolve(q.isBlank() ? "/" : q).size();
      return "{\"count\":" + n + "}";
    } catch (FleetException e) {
      return "{\"error\":" + Json.str(errorText(e)) + "}";
    }
  }

  /** The message, and for an expression error each issue rendered with its caret. */
  static String errorText(RuntimeException e) {
    if (e instanceof MatchSyntaxException) {
      StringBuilder b = new StringBuilder();
      for (MatchIssue i : ((MatchSyntaxException) e).issues()) {
        b.append(i.render()).append('\n');
      }
      return b.toString().stripTrailing();
    }
    return e.getMessage();
  }
}
