package io.biggerfleet.cli;

import io.biggerfleet.FleetException;
import io.biggerfleet.rollout.Failure;
import io.biggerfleet.rollout.RolloutFormat;
import io.biggerfleet.rollout.Rollouts;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bigger-fleet failures ROLLOUT}: the failed devices of a rollout as the walkthrough shows them,
 * a blank line between entries:
 *
 * <pre>
 * DEVICE-B@pantahub.com@2  "update App to X"
 * Error Message: "app checksum mismatch - download corrupted."
 * </pre>
 *
 * followed by the device's nick and the head of its error log for that revision when the hub keeps
 * one, and a hint how to retry or reroute. {@code --json}: {@code {"rollout":..., "failures":[...]}}.
 * One per run; not thread-safe.
 */
final class FailuresView {
  static final int LOG_LINES = 5;

  private final CliSession session;

  FailuresView(CliSession session) {
    this.session = session;
  }

  int run(String name) {
    Rollouts rollouts = session.fleet().rollouts();
    List<Failure> failures = rollouts.failures(name);
    DeviceNicks nicks = new DeviceNicks(session.fleet());
    if (session.json()) {
      List<Object> list = new ArrayList<>();
      for (Failure f : failures) {
        list.add(RolloutJson.failure(f, nicks.of(f.device()), log(rollouts, f)));
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rollout", name);
      m.put("failures", list);
      session.printJson(m);
      return ExitCode.OK;
    }
    PrintWriter out = session.out();
    if (failures.isEmpty()) {
      out.println("No failed devices in rollout '" + name + "'.");
      return ExitCode.OK;
    }
    for (Failure f : failures) {
      RolloutFormat.failureLines(f).forEach(l -> out.println(TerminalText.line(l)));
      String nick = nicks.of(f.device());
      if (!nick.isEmpty() || f.detour()) {
        out.println("Device: " + TerminalText.line(nick)
            + (f.detour() ? " (failed on the reroute detour)" : ""));
      }
      for (String line : log(rollouts, f)) {
        out.println("Log: " + TerminalText.line(line));
      }
      out.println();
    }
    out.println(failures.size() + " failed device" + (failures.size() == 1 ? "" : "s")
        + ". Retry one with: "
        + "bigger-fleet retry " + failures.get(0).deviceAtStep()
        + "; all with: bigger-fleet retry --all " + name
        + "; or reroute them: bigger-fleet reroute " + name + " ALLFAIL change=...");
    return ExitCode.OK;
  }

  /** The head of the device's error log; a hub that cannot give it only leaves it out. */
  private List<String> log(Rollouts rollouts, Failure f) {
    if (f.rev() < 0) {
      return List.of();
    }
    try {
      return rollouts.errorLog(f, LOG_LINES);
    } catch (FleetException | UnsupportedOperationException e) {
      return List.of();
    }
  }
}
