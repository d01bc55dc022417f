package io.biggerfleet.examples;

import io.biggerfleet.FleetClient;
import io.biggerfleet.ImportResult;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.testing.WalkthroughFleet;
import java.io.PrintWriter;

/**
 * The first part of the walkthrough — importing the walkthrough's eleven devices, listing them,
 * tagging, showing attributes — on in-memory registries and store, printed as a user would see it.
 * Run by {@code bigger-fleet demo} until the full rollout demo on the simulator lands.
 */
public final class QuickDemo {
  private QuickDemo() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    demo(out);
    out.flush();
  }

  /** Prints a short walkthrough session to {@code out}. */
  public static void demo(PrintWriter out) {
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
    out.flush();
  }
}
