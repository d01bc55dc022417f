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
@Command(
    mixinStandardHelpOptions = true,
    name = "attributes",
    description = "Show a device's attributes (device, registry and fleet).",
    footer = {
      "",
      "Example:",
      "  bigger-fleet attributes DEVICEID-1@cisco.com",
      "  Manufacturer: Cisco",
      "  Model: 121XPs",
      "  ...",
      "  Fleet-Tags: canary",
      "",
      "DEVICE is the device id or its nick.",
      "Exit codes: 0 ok, 1 unknown device, 2 usage error."
    })
final class AttributesCommand implements Callable<Integer> {
  /** The walkthrough's order; other names follow, grouped by source. */
  private static final List<String> ORDER = List.of(
      "Manufacturer",
      "Model",
      "CPU",
      "Mem",
      "Flash",
      "Timezone",
      "Country",
      "State",
      "Region",
      "Device-Name",
      "Device-Location",
      "Device-Tags",
      "Fleet-Tags");

  private final CliSession session;

  @Parameters(index = "0", paramLabel = "DEVICE", description = "Device id or nick.")
  String device;

  @Option(
      names = "--sources",
      description = "Show where each value comes from: SYSTEM (reported by the device, "
          + "which can change it), REGISTRY (set by the owner) or FLEET (kept by bigger-fleet).")
  boolean sources;

  AttributesCommand(CliSession session) {
    this.session = session;
  }

  /**
   * The walkthrough's names first, in its order; then the device's other reported names, the
   * registry's, the fleet's (each alphabetically); raw dotted device keys ({@code pantahub.online}) last.
   */
  static List<Attribute> walkthroughOrder(Attributes all) {
    List<Attribute> sorted = new ArrayList<>(all.all());
    sorted.sort(
        java.util.Comparator.comparingInt(AttributesCommand::rank).thenComparing(Attribute::name));
    return sorted;
  }

  private static int rank(Attribute a) {
    int i = ORDER.indexOf(a.name());
    if (i >= 0) {
      return i;
    }
    if (a.name().contains(".")) {
      return 1000;
    }
    return 100 + a.source().ordinal();
  }

  @Override
  public Integer call() {
    FleetClient fleet = session.fleet();
    Device d = DeviceArg.resolve(fleet, device);
    List<Attribute> attributes = walkthroughOrder(fleet.attributes(d.id()));
    if (session.json()) {
      List<Map<String, String>> list = new ArrayList<>();
      for (Attribute a : attributes) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("name", a.name());
        m.put("value", a.value());
        m.put("source", a.source().name());
        list.add(m);
      }
      session.printJson(ActionReport.fields("device", d.id().toString(), "attributes", list));
      return ExitCode.OK;
    }
    io.biggerfleet.device.Attributes all = fleet.attributes(d.id());
    for (Attribute a : attributes) {
      String line = a.name() + ": " + a.value();
      if (sources) {
        line += "  (" + sourceLabel(a.source()) + shadowed(all, a) + ")";
      }
      session.out().println(TerminalText.line(line));
    }
    if (sources) {
      session.out().println();
      session
          .out()
          .println(
              "SYSTEM values are reported by the device itself: it can change them, and so the groups that "
                  + "select on them. Select on registry:NAME or fleet:NAME where that matters (see docs/groups.md).");
    }
    return ExitCode.OK;
  }

  static String sourceLabel(io.biggerfleet.device.AttributeSource source) {
    switch (source) {
      case SYSTEM:
        return "SYSTEM, reported by the device";
      case REGISTRY:
        return "REGISTRY, set by the owner on the hub";
      default:
        return "FLEET, kept by bigger-fleet";
    }
  }

  /** What lower-priority sources say for the same name (the device may report a name the owner also set). */
  private static String shadowed(io.biggerfleet.device.Attributes all, Attribute winner) {
    StringBuilder b = new StringBuilder();
    for (io.biggerfleet.device.AttributeSource s : io.biggerfleet.device.AttributeSource.values()) {
      if (s != winner.source()) {
        all.get(winner.name(), s)
            .ifPresent(
                v -> b.append("; ").append(s).append(" says \"").append(v).append('"'));
      }
    }
    return b.toString();
  }
}
