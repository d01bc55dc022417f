package io.biggerfleet.examples;

import io.biggerfleet.FleetClient;
import io.biggerfleet.ImportResult;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.testing.WalkthroughFleet;
import java.io.PrintStream;

/**
 * Entry point of {@code bigger-fleet.jar}. For now it runs the first part of the walkthrough —
 * importing the walkthrough's eleven devices, listing them, showing attributes, tagging — on
 * in-memory registries and store. The full CLI and the rollout demo replace it as they land.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    String command = args.length == 0 ? "demo" : args[0];
    if (!command.equals("demo")) {
      System.err.println("Unknown command '" + command + "'. Usage: bigger-fleet demo");
      System.exit(2);
    }
    demo(System.out);
  }

  /** Prints a short walkthrough session to {@code out}. */
  public static void demo(PrintStream out) {
    FleetClient fleet = FleetClient.builder()
        .registries(WalkthroughFleet.registries())
        .actor("demo")
        .build();

    out.println("$ bigger-fleet add-devices");
    ImportResult imported = fleet.importDevices();
    out.println("Thanks for entrusting us the following devices:");
    out.println();
    for (DeviceId id : imported.devices()) {
      out.println(id + " \"" + fleet.device(id).nick() + "\"");
    }
    out.println();

    out.println("$ bigger-fleet devices");
    for (Device d : fleet.devices()) {
      out.printf("%-26s %-22s %-3s %s%n", d.id(), "\"" + d.nick() + "\"", d.online() ? "OK" : "OFF",
          d.tags().isEmpty() ? "-" : String.join(",", d.tags()));
    }
    out.println();

    DeviceId pool = DeviceId.parse("DEVICEID-5@cisco.com");
    out.println("$ bigger-fleet tags add " + pool + " canary");
    fleet.tag(pool, "canary");
    out.println("Tag \"canary\" added to " + pool + ".");
    out.println();

    out.println("$ bigger-fleet attributes " + pool);
    out.println(fleet.attributes(pool));
  }
}
