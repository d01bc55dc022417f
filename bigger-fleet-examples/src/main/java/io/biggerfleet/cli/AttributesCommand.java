package io.biggerfleet.cli;

import io.biggerfleet.FleetClient;
import io.biggerfleet.device.Attribute;
import io.biggerfleet.device.Attributes;
import io.biggerfleet.device.Device;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bigger-fleet attributes DEVICE}: a device's attributes as {@code Name: value} lines — reported
 * by the device (system info), set in the registry ({@code Device-*}) and kept by the fleet
 * ({@code Fleet-*}); where two sources set a name, the fleet wins over the registry over the device.
 * One per run.
 */
@Command(mixinStandardHelpOptions = true, name = "attributes",
    description = "Show a device's attributes (device, registry and fleet).",
    footer = {"", "Example:", "  bigger-fleet attributes DEVICEID-1@cisco.com",
        "  Manufacturer: Cisco", "  Model: 121XPs", "  ...", "  Fleet-Tags: canary", "",
        "DEVICE is the device id or its nick.",
        "Exit codes: 0 ok, 1 unknown device, 2 usage error."})
final class AttributesCommand implements Callable<Integer> {
  private final CliSession session;

  @Parameters(index = "0", paramLabel = "DEVICE", description = "Device id or nick.")
  String device;

  @Option(names = "--sources", description = "Show where each value comes from (SYSTEM, REGISTRY, FLEET).")
  boolean sources;

  AttributesCommand(CliSession session) {
    this.session = session;
  }

  @Override
  public Integer call() {
    FleetClient fleet = session.fleet();
    Device d = DeviceArg.resolve(fleet, device);
    Attributes attributes = fleet.attributes(d.id());
    if (session.json()) {
      List<Map<String, String>> list = new ArrayList<>();
      for (Attribute a : attributes.all()) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("name", a.name());
        m.put("value", a.value());
        m.put("source", a.source().name());
        list.add(m);
      }
      session.printJson(Map.of("device", d.id().toString(), "attributes", list));
      return ExitCode.OK;
    }
    for (Attribute a : attributes.all()) {
      session.out().println(a.name() + ": " + a.value() + (sources ? "  (" + a.source() + ")" : ""));
    }
    return ExitCode.OK;
  }
}
