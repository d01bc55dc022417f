package io.biggerfleet.examples;

import io.biggerfleet.FleetClient;
import io.biggerfleet.ImportResult;
import io.biggerfleet.ManualClock;
import io.biggerfleet.group.Listing;
import io.biggerfleet.testing.WalkthroughFleet;
import java.io.PrintWriter;

/**
 * Embedding example: import the devices a user entrusted, group them with attribute-match expressions,
 * tag a group, list it. Runs on the walkthrough's eleven devices in two fake registries and the
 * in-memory store; in an app the registry is {@code PantahubClient.devices()} and the store a
 * {@code JdbcFleetStore}.
 *
 * <pre>{@code java -cp bigger-fleet.jar io.biggerfleet.examples.ImportAndGroupExample}</pre>
 */
public final class ImportAndGroupExample {
  private ImportAndGroupExample() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    run(out);
    out.flush();
  }

  /** Runs the example, printing what it does; returns the listing of the 121XPs group. */
  public static Listing run(PrintWriter out) {
    FleetClient fleet = FleetClient.builder()
        .registries(WalkthroughFleet.registries())
        .clock(ManualClock.at("2026-03-02T09:00:00Z"))
        .actor("example")
        .build();

    ImportResult imported = fleet.importDevices();
    out.println(
        "Imported " + imported.devices().size() + " devices (" + imported.added() + " new).");

    fleet.addGroup("/", "/co/cisco", "Manufacturer==\"Cisco\"").lines().forEach(out::println);
    fleet
        .addGroup("/co/cisco", "/co/cisco/121XPs", "Model==\"121XPs\"")
        .lines()
        .forEach(out::println);
    fleet
        .addGroup("/", "/location/trading-floor", "registry:Device-Site==\"trading-floor\"")
        .lines()
        .forEach(out::println);

    out.println(fleet.tagAll("/location/trading-floor/*", "conservative").message());
    Listing cisco = fleet.ls("/co/cisco/121XPs");
    cisco.lines().forEach(out::println);
    return cisco;
  }
}
