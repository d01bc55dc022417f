package io.biggerfleet.cli;

import io.biggerfleet.FleetClient;
import io.biggerfleet.device.Device;
import io.biggerfleet.match.Explanation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code bigger-fleet explain GROUP DEVICE}: why a device is in a group or not. One block per group from
 * the top of the tree down to GROUP, every term of its expression with its result and the value the
 * device had — and, for a name without a source prefix, where that value came from, so a value the device
 * reports itself is visible as such. One per run.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "explain",
    description =
        "Show why a device is in a group or not: every term, the value it read and its source.",
    footer = {
      "",
      "Example:",
      "  bigger-fleet explain /co/cisco/121XPs gardenpool-wifi",
      "  yes  /co/cisco/121XPs has DEVICEID-5@cisco.com",
      "    yes  /co/cisco/121XPs",
      "      yes  Manufacturer==\"Cisco\" Model==\"121XPs\"",
      "        yes  Manufacturer==\"Cisco\"    [Manufacturer = \"Cisco\" (reported by the device)]",
      "        yes  Model==\"121XPs\"    [Model = \"121XPs\" (reported by the device)]",
      "",
      "DEVICE is the device id or its nick. A value 'reported by the device' can be changed by the device,",
      "and with it the device's groups; select on registry:NAME or fleet:NAME where that matters.",
      "Exit codes: 0 ok (in the group or not), 1 unknown group or device, 2 usage error."
    })
final class ExplainCommand implements Callable<Integer> {
  private final CliSession session;

  @Parameters(index = "0", paramLabel = "GROUP", description = "Group path, e.g. /co/cisco/121XPs.")
  String group;

  @Parameters(index = "1", paramLabel = "DEVICE", description = "Device id or nick.")
  String device;

  ExplainCommand(CliSession session) {
    this.session = session;
  }

  @Override
  public Integer call() {
    FleetClient fleet = session.fleet();
    Device d = DeviceArg.resolve(fleet, device);
    Explanation e = fleet.explain(group, d.id());
    if (session.json()) {
      session.printJson(json(e));
    } else {
      for (String line : e.toString().split("\n", -1)) {
        session.out().println(TerminalText.line(line));
      }
    }
    return ExitCode.OK;
  }

  /** {@code {"text":..,"matched":..,"observed":..,"parts":[..]}}, the tree as printed. */
  static Map<String, Object> json(Explanation e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("text", e.text());
    m.put("matched", e.matched());
    m.put("observed", e.observed());
    List<Map<String, Object>> parts = new ArrayList<>();
    for (Explanation c : e.children()) {
      parts.add(json(c));
    }
    m.put("parts", parts);
    return m;
  }
}
