package io.biggerfleet.cli;

import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.rollout.RolloutFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bigger-fleet rollouts NAME --devices}: one line per device of the rollout with where it
 * stands — {@code [QUEUE]}, {@code [POSTED]}, {@code [75%]}, {@code [OK]}, {@code [ERROR: msg]},
 * {@code [ABORT]}, {@code [ROLLBACK]} ({@code DETOUR} first while on a reroute detour) — then the step and the
 * nick, and for a queued device of an ACTIVE rollout whose time is known when it is due
 * ({@code due in 1h12m}). {@code --json}: {@code {"rollout":..., "devices":[...]}} ({@code dueAt} where
 * known). One per run; not thread-safe.
 */
final class RolloutDevicesView {
  private final CliSession session;

  RolloutDevicesView(CliSession session) {
    this.session = session;
  }

  int run(String name) {
    List<DeviceRolloutProgress> devices = session.fleet().rollouts().progress(name);
    DeviceNicks nicks = new DeviceNicks(session.fleet());
    Map<DeviceId, Instant> due = session.fleet().rollouts().dueTimes(name);
    Instant now = session.env().clock().instant();
    if (session.json()) {
      List<Object> list = new ArrayList<>();
      for (DeviceRolloutProgress p : devices) {
        Map<String, Object> m = RolloutJson.device(p, nicks.of(p.device()));
        Instant at = due.get(p.device());
        if (at != null) {
          m.put("dueAt", at.toString());
        }
        list.add(m);
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rollout", name);
      m.put("devices", list);
      session.printJson(m);
      return ExitCode.OK;
    }
    for (DeviceRolloutProgress p : devices) {
      String nick = nicks.of(p.device());
      Instant at = due.get(p.device());
      session
          .out()
          .println(TerminalText.line(RolloutFormat.deviceLine(p) + "  step " + p.step()
              + (nick.isEmpty() ? "" : "  " + nick)
              + (at == null ? "" : "  due " + NextDue.in(at, now))));
    }
    if (devices.isEmpty()) {
      session
          .out()
          .println(
              "No devices in rollout '" + name + "' yet (a DRAFT gets its devices at activation; "
                  + "see bigger-fleet rollouts " + name + " plan).");
    }
    return ExitCode.OK;
  }
}
