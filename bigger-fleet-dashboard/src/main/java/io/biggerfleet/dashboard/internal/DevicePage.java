package io.biggerfleet.dashboard.internal;

import io.biggerfleet.NotFoundException;
import io.biggerfleet.device.Attribute;
import io.biggerfleet.device.AttributeSource;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.Group;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.spi.Versioned;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /device?id=ID}: one device — name, liveness, revision, fleet tags, every attribute with its
 * source (device, registry, fleet), the groups it is in, and its history in every rollout that
 * included it. Device values are untrusted: all of it is escaped.
 */
final class DevicePage {
  static final int MAX_GROUPS = 500;

  private DevicePage() {}

  static String render(View v, String idParam) {
    if (!DeviceId.isValid(idParam)) {
      throw new NotFoundException("device", idParam);
    }
    DeviceId id = DeviceId.parse(idParam);
    Device d = v.fleet().device(id);
    Html h = new Html();
    h.raw("<h1>Device <code>")
        .t(d.id())
        .raw("</code></h1><dl class=\"facts\"><dt>Name</dt><dd>")
        .t(d.nick())
        .raw("</dd><dt>Online</dt><dd>")
        .raw(d.online() ? "<span class=\"on\">online</span>" : "<span class=\"off\">offline</span>")
        .raw("</dd><dt>Last seen</dt><dd>")
        .t(d.lastSeen().map(Object::toString).orElse("never"))
        .raw("</dd><dt>Revision</dt><dd><code>")
        .t(d.revision().orElse("unknown"))
        .raw("</code></dd><dt>Tags</dt><dd>");
    if (d.tags().isEmpty()) {
      h.raw("<span class=\"muted\">none</span>");
    }
    for (String t : d.tags()) {
      h.raw("<span class=\"tag\">").t(t).raw("</span> ");
    }
    h.raw(
        "</dd></dl><h2>Attributes</h2><table class=\"attributes\"><thead><tr><th>Name</th><th>Value</th>"
            + "<th>Source</th></tr></thead><tbody>");
    for (Map.Entry<AttributeSource, List<Attribute>> e :
        d.attributes().bySource().entrySet()) {
      for (Attribute a : e.getValue()) {
        h.raw("<tr><td>")
            .t(a.name())
            .raw("</td><td><code>")
            .t(RolloutPage.clip(a.value()))
            .raw("</code></td><td>")
            .raw("<span class=\"source\">")
            .t(e.getKey())
            .raw("</span></td></tr>");
      }
    }
    h.raw("</tbody></table><h2>Groups</h2><ul class=\"plain\" id=\"device-groups\">");
    int shown = 0;
    for (Group g : v.fleet().groups()) {
      if (shown >= MAX_GROUPS) {
        break;
      }
      if (v.fleet().selectors().resolve(g.path()).contains(id)) {
        h.raw("<li>").a("/devices?q=" + Html.u(g.path()), g.path()).raw("</li>");
        shown++;
      }
    }
    if (shown == 0) {
      h.raw("<li class=\"muted\">In no group.</li>");
    }
    h.raw(
        "</ul><h2>Rollout history</h2><table class=\"history\" id=\"device-rollouts\"><thead><tr><th>Rollout</th>"
            + "<th>Step</th><th>Attempt</th><th>Status</th><th>Message</th><th>Updated</th></tr></thead><tbody>");
    boolean any = false;
    for (Rollout r : v.fleet().rollouts().list()) {
      Optional<Versioned<DeviceRolloutProgress>> p = v.fleet().store().progress(r.name(), id);
      if (p.isEmpty()) {
        continue;
      }
      any = true;
      DeviceRolloutProgress x = p.get().value();
      h.raw("<tr><td>")
          .a("/rollout?name=" + Html.u(r.name()), r.name())
          .raw("</td><td class=\"num\">")
          .t(x.step() == r.stepCount() ? "FINAL" : Integer.toString(x.step()))
          .raw("</td><td class=\"num\">")
          .n(x.attempt())
          .raw("</td><td>")
          .t(x.status())
          .raw("</td><td>")
          .t(RolloutPage.clip(x.message()))
          .raw("</td><td>")
          .t(x.updatedAt())
          .raw("</td></tr>");
    }
    if (!any) {
      h.raw("<tr><td colspan=\"6\" class=\"muted\">In no rollout.</td></tr>");
    }
    h.raw("</tbody></table>");
    return Layout.page(v, "Device " + d.nick(), "Devices", h);
  }
}
