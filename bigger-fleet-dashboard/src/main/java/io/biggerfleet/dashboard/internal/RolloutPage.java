package io.biggerfleet.dashboard.internal;

import io.biggerfleet.NotFoundException;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.Durations;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.rollout.Failure;
import io.biggerfleet.rollout.RolloutFormat;
import io.biggerfleet.rollout.StepReport;
import io.biggerfleet.spi.Versioned;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /rollout?name=R}: definition, status, actions, steps with progress bars, gate time and ETA,
 * the timeline chart, failures (the first {@value #FAILURES_SHOWN} with their messages, the first
 * {@value #LOGS_SHOWN} with a log excerpt from the hub), and the per-device table, {@value #PAGE}
 * devices a page from the store ({@code after=<device id>} pages on). Log excerpts are cached per
 * device revision, so live refreshes do not call the hub again. Thread-safe.
 */
final class RolloutPage {
  static final int PAGE = 50;
  static final int FAILURES_SHOWN = 20;
  static final int LOGS_SHOWN = 5;
  static final int LOG_LINES = 8;
  private static final int MESSAGE_CHARS = 240;

  private final Map<String, List<String>> logs =
      java.util.Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<String>> e) {
          return size() > 500;
        }
      });

  String render(View v, String name, String afterParam, String done) {
    Rollout r = v.fleet().rollouts().get(name); // NotFoundException → 404 by the router
    RolloutSummary sum = RolloutSummary.of(v, r);
    Instant now = v.fleet().clock().instant();
    Html h = new Html();
    h.raw("<h1>Rollout ").t(r.name()).raw("</h1>");
    if (!done.isEmpty()) {
      Layout.notice(h, "ok", done);
    }
    h.raw("<dl class=\"facts\"><dt>Change</dt><dd><code>")
        .t(r.change())
        .raw("</code></dd><dt>Message</dt><dd>")
        .t(r.message())
        .raw("</dd><dt>Devices</dt><dd><code>")
        .t(r.devices())
        .raw("</code></dd><dt>Kind</dt><dd>")
        .t(r.kind())
        .raw(r.parent().map(p -> " of " + Html.esc(p)).orElse(""))
        .raw("</dd></dl>");

    h.raw("<section id=\"rollout-status\" data-live><p class=\"status\">");
    OverviewPage.state(h, r.state());
    h.raw(" <span id=\"status-line\">")
        .t(RolloutFormat.statusLine(r, now))
        .raw("</span></p><dl class=\"facts\">");
    r.run().activatedAt().ifPresent(t -> h.raw("<dt>Activated</dt><dd>").t(t).raw("</dd>"));
    if (r.state() == RolloutState.ACTIVE) {
      r.run()
          .gateAt()
          .ifPresent(t -> h.raw("<dt>Gate at</dt><dd>")
              .t(t)
              .raw(" (in ")
              .t(Durations.human(Duration.between(now, t)))
              .raw(")</dd>"));
      h.raw("<dt>ETA</dt><dd>")
          .t(Durations.human(RolloutFormat.eta(r, now)))
          .raw(" at the latest</dd>");
    }
    r.run().finishedAt().ifPresent(t -> h.raw("<dt>Finished</dt><dd>").t(t).raw("</dd>"));
    h.raw("<dt>Progress</dt><dd>");
    Layout.bar(
        h,
        sum.reported(),
        sum.devices(),
        sum.reported() + " of " + sum.devices() + " reported, " + sum.succeeded() + " succeeded, "
            + sum.failed() + " failed");
    h.raw("</dd></dl>");
    Actions.buttons(h, v, r, sum.failed());
    steps(h, r, sum.steps());
    h.raw("</section>");

    h.raw("<section id=\"rollout-timeline\" data-live><h2>Timeline</h2>");
    TimelineChart.render(h, v.feed().timeline().points(r.name()), now, sum.devices());
    h.raw("</section>");

    h.raw("<section id=\"rollout-failures\" data-live><h2>Failures</h2>");
    failures(h, v, r, sum.failed());
    h.raw("</section>");

    h.raw("<section id=\"rollout-devices\" data-live><h2>Devices</h2>");
    devices(h, v, r, afterParam);
    h.raw("</section>");
    return Layout.page(v, "Rollout " + r.name(), "", h);
  }

  private static void steps(Html h, Rollout r, List<StepReport> steps) {
    h.raw(
        "<table class=\"steps\"><thead><tr><th>#</th><th>Devices</th><th>Status</th><th>Window / timeout / "
            + "success</th><th>Rules</th><th>Count</th><th>Reported</th><th>Success</th><th>Gate in</th></tr></thead><tbody>");
    for (StepReport s : steps) {
      h.raw("<tr><td>")
          .t(s.isFinal() ? "FINAL" : Integer.toString(s.number()))
          .raw("</td><td><code>")
          .t(s.selector())
          .raw("</code></td><td><span class=\"step-status\">")
          .t(s.status())
          .raw("</span></td><td>")
          .t(Durations.format(s.config().window()) + " / "
              + Durations.format(s.config().timeout()) + " / " + s.config().criteria())
          .raw("</td><td class=\"rules\">")
          .t(rules(r, s))
          .raw("</td><td class=\"num\">")
          .n(s.devices())
          .raw("</td><td>");
      Layout.bar(h, s.reported(), s.devices(), Layout.pct(s.reported(), s.devices()));
      h.raw("</td><td>");
      Layout.bar(h, s.succeeded(), s.reported(), Layout.pct(s.succeeded(), s.reported()));
      h.raw("</td><td>").t(s.eta().map(Durations::human).orElse("–")).raw("</td></tr>");
    }
    h.raw("</tbody></table>");
  }

  /**
   * The step's approval, abort and health rules and the window and rate it posts under (its own, else the
   * rollout's), as the CLI prints them; "–" if none.
   */
  static String rules(Rollout r, StepReport s) {
    List<String> parts = new java.util.ArrayList<>();
    if (!s.config().guards().isNone()) {
      parts.add(s.config().guards().toString());
    }
    io.biggerfleet.model.Pacing pacing = r.pacing(s.number());
    if (!pacing.isNone()) {
      parts.add(pacing.toString());
    }
    return parts.isEmpty() ? "–" : String.join("; ", parts);
  }

  private void failures(Html h, View v, Rollout r, long failedCount) {
    if (failedCount == 0) {
      h.raw("<p class=\"muted\">No failures.</p>");
      return;
    }
    List<Failure> failures = v.fleet().rollouts().failures(r.name());
    h.raw("<p>")
        .n(failures.size())
        .raw(failures.size() == 1 ? " failed device" : " failed devices")
        .raw(failures.size() > FAILURES_SHOWN ? "; the first " + FAILURES_SHOWN + ":" : ":")
        .raw("</p><ul class=\"failures\">");
    int i = 0;
    for (Failure f : failures.subList(0, Math.min(failures.size(), FAILURES_SHOWN))) {
      h.raw("<li><a href=\"/device?id=")
          .t(Html.u(f.device().toString()))
          .raw("\"><code>")
          .t(f.deviceAtStep())
          .raw("</code></a> <span class=\"state state-error\">")
          .t(f.status())
          .raw("</span> ")
          .raw("<span class=\"failure-message\">")
          .t(clip(f.message()))
          .raw("</span>")
          .raw(" <span class=\"muted\">attempt ")
          .n(f.attempt())
          .raw(", rev ")
          .n(f.rev())
          .raw(f.detour() ? ", detour" : "")
          .raw("</span> ");
      if (v.canAct()) {
        Actions.button(h, v, "retry", r.name(), f.deviceAtStep(), "Retry");
      }
      if (i++ < LOGS_SHOWN) {
        List<String> log = log(v, f);
        if (!log.isEmpty()) {
          h.raw("<pre class=\"log\">");
          for (String line : log) {
            h.t(clip(line)).raw("\n");
          }
          h.raw("</pre>");
        }
      }
      h.raw("</li>");
    }
    h.raw("</ul>");
  }

  private List<String> log(View v, Failure f) {
    String key = f.rollout() + "|" + f.device() + "|" + f.rev();
    List<String> cached = logs.get(key);
    if (cached != null) {
      return cached;
    }
    List<String> lines;
    try {
      lines = List.copyOf(v.fleet().rollouts().errorLog(f, LOG_LINES));
    } catch (RuntimeException e) {
      return List.of("(log not available: " + e.getMessage() + ")");
    }
    logs.put(key, lines);
    return lines;
  }

  private static void devices(Html h, View v, Rollout r, String afterParam) {
    DeviceId after =
        afterParam.isEmpty() || !DeviceId.isValid(afterParam) ? null : DeviceId.parse(afterParam);
    List<Versioned<DeviceRolloutProgress>> page =
        v.fleet().store().progress(r.name(), after, PAGE + 1);
    if (page.isEmpty()) {
      h.raw("<p class=\"muted\">")
          .t(r.state() == RolloutState.DRAFT ? "Devices are chosen at activation." : "No devices.")
          .raw("</p>");
      return;
    }
    h.raw(
        "<table class=\"devices\"><thead><tr><th>Device</th><th>Step</th><th>Attempt</th><th>Status</th>"
            + "<th>Reported</th><th>Message</th><th>Updated</th></tr></thead><tbody>");
    List<Versioned<DeviceRolloutProgress>> rows =
        new ArrayList<>(page.subList(0, Math.min(PAGE, page.size())));
    for (Versioned<DeviceRolloutProgress> row : rows) {
      DeviceRolloutProgress p = row.value();
      h.raw("<tr><td><a href=\"/device?id=")
          .t(Html.u(p.device().toString()))
          .raw("\"><code>")
          .t(p.device())
          .raw("</code></a></td><td class=\"num\">")
          .t(p.step() == r.stepCount() ? "FINAL" : Integer.toString(p.step()))
          .raw("</td><td class=\"num\">")
          .n(p.attempt())
          .raw("</td><td><span class=\"dstatus dstatus-")
          .t(p.status().name().toLowerCase(java.util.Locale.ROOT))
          .raw("\">")
          .t(p.status())
          .raw(p.detour() ? " (detour)" : "")
          .raw("</span></td><td>")
          .t(p.deviceStatus().isEmpty() ? "" : p.deviceStatus() + " " + p.percent() + "%")
          .raw("</td><td>")
          .t(clip(p.message()))
          .raw("</td><td>")
          .t(p.updatedAt())
          .raw("</td></tr>");
    }
    h.raw("</tbody></table><p class=\"pager\">");
    if (after != null) {
      h.a("/rollout?name=" + Html.u(r.name()), "« first");
    }
    if (page.size() > PAGE) {
      h.raw(" ")
          .a(
              "/rollout?name=" + Html.u(r.name()) + "&after="
                  + Html.u(rows.get(rows.size() - 1).value().device().toString()),
              "next " + PAGE + " »");
    }
    h.raw("</p>");
  }

  static String clip(String s) {
    return s.length() <= MESSAGE_CHARS ? s : s.substring(0, MESSAGE_CHARS) + "…";
  }

  static boolean isNotFound(RuntimeException e) {
    return e instanceof NotFoundException;
  }
}
