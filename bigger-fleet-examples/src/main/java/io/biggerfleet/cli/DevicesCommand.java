package io.biggerfleet.cli;

import io.biggerfleet.FleetClient;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.Group;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code bigger-fleet devices}: one line per fleet device — id, "nick", status ({@code OK} online,
 * {@code OFFLINE}) and the fleet column: the groups it is in (leaf-most paths), or {@code -} when it is
 * in none yet. One per run.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "devices",
    description = "List the fleet's devices with their status and groups.",
    footer = {
      "",
      "Example:",
      "  bigger-fleet devices",
      "  DEVICEID-1@cisco.com    \"bathroom-wifi\"        OK  -",
      "",
      "Exit codes: 0 ok, 1 failed."
    })
final class DevicesCommand implements Callable<Integer> {
  private final CliSession session;

  DevicesCommand(CliSession session) {
    this.session = session;
  }

  @Override
  public Integer call() {
    FleetClient fleet = session.fleet();
    List<Device> devices = fleet.devices();
    Map<DeviceId, List<String>> groups = groupsOf(fleet);
    if (session.json()) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (Device d : devices) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id().toString());
        m.put("nick", d.nick());
        m.put("status", status(d));
        m.put("groups", groups.getOrDefault(d.id(), List.of()));
        m.put("tags", List.copyOf(d.tags()));
        list.add(m);
      }
      session.printJson(Map.of("devices", list));
      return ExitCode.OK;
    }
    int idWidth = devices.stream()
            .mapToInt(d -> TerminalText.line(d.id().toString()).length())
            .max()
            .orElse(0)
        + 4;
    int nickWidth = devices.stream()
            .mapToInt(d -> TerminalText.line(d.nick()).length())
            .max()
            .orElse(0)
        + 4;
    for (Device d : devices) {
      List<String> g = groups.getOrDefault(d.id(), List.of());
      session
          .out()
          .println(pad(TerminalText.line(d.id().toString()), idWidth)
              + pad("\"" + TerminalText.line(d.nick()) + "\"", nickWidth)
              + pad(status(d), 4)
              + (g.isEmpty() ? "-" : String.join(",", g)));
    }
    return ExitCode.OK;
  }

  private static String status(Device d) {
    return d.online() ? "OK" : "OFFLINE";
  }

  private static String pad(String s, int width) {
    StringBuilder b = new StringBuilder(s);
    while (b.length() < width) {
      b.append(' ');
    }
    return b.toString();
  }

  /** Each device's groups: every group but the root, dropping a group when a child of it also holds the device. */
  private static Map<DeviceId, List<String>> groupsOf(FleetClient fleet) {
    Map<DeviceId, List<String>> out = new HashMap<>();
    for (Group g : fleet.groups()) {
      if (g.path().equals("/")) {
        continue;
      }
      for (DeviceId id : fleet.selectors().resolve(g.path())) {
        List<String> list = out.computeIfAbsent(id, k -> new ArrayList<>());
        list.removeIf(p -> g.path().startsWith(p.endsWith("/") ? p : p + "/"));
        list.add(g.path());
      }
    }
    return out;
  }
}
