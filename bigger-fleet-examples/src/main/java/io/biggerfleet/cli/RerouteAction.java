package io.biggerfleet.cli;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.rollout.Rollouts;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bigger-fleet reroute ROLLOUT ALLFAIL|DEV1,DEV2 change="set firmware=<sha>"}: the chosen failed
 * devices take a detour — first the detour change, then the rollout's change again — and the rollout
 * runs again. Prints {@code Rerouting ALLFAIL.} and how many devices take the detour. One per run; not
 * thread-safe.
 */
final class RerouteAction {
  static final List<String> KEYS = List.of("change");

  private final CliSession session;

  RerouteAction(CliSession session) {
    this.session = session;
  }

  int run(String rollout, String target, List<String> args) {
    KeyValueArgs kv = KeyValueArgs.parse("reroute " + rollout, args, KEYS);
    String detour =
        kv.require("change", "\"set firmware=<sha>\" (the detour change failed devices get first)");
    if (target.isBlank()) {
      throw new InvalidInputException(
          "reroute needs ALLFAIL or a comma-separated list of failed devices");
    }
    Rollouts rollouts = session.fleet().rollouts();
    int failed = rollouts.failures(rollout).size();
    session.requireHubLogin();
    boolean all = target.strip().equalsIgnoreCase("ALLFAIL");
    String devices = all ? "ALLFAIL" : withDeviceIds(target);
    Rollout r = rollouts.reroute(rollout, devices, detour);
    int n = all ? failed : devices.split(",").length;
    ActionReport.print(
        session,
        ActionReport.fields(
            "rollout",
            r.name(),
            "action",
            "reroute",
            "state",
            r.state().name(),
            "rerouted",
            n,
            "detour",
            detour),
        "Rerouting " + (all ? "ALLFAIL" : target.strip()) + ".",
        n + " device" + (n == 1 ? "" : "s") + " of '" + rollout + "' " + (n == 1 ? "takes" : "take")
            + " the detour '" + detour
            + "' first, then the rollout's change again. Watch with: bigger-fleet rollouts "
            + rollout + " --devices");
    return ExitCode.OK;
  }

  /** A comma-separated list of device ids and nicks as device ids (a nick names one fleet device). */
  private String withDeviceIds(String list) {
    List<String> ids = new ArrayList<>();
    for (String item : list.split(",")) {
      String d = item.strip();
      ids.add(
          d.contains("@") || d.isEmpty()
              ? d
              : DeviceArg.resolve(session.fleet(), d).id().toString());
    }
    return String.join(",", ids);
  }
}
