package io.biggerfleet.cli;

import io.biggerfleet.FleetClient;
import io.biggerfleet.ImportResult;
import io.biggerfleet.InvalidInputException;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.pantahub.PantahubClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bigger-fleet add-devices}: entrusts devices to the fleet. Without arguments it goes through
 * the hub's resource selector (a browser page where the user ticks the devices the app may manage; the
 * new token sees only those) and imports what the user picked; with device ids, or {@code --all}, it
 * imports by selection on the command line with the current login. Importing again refreshes what the
 * registry changed and keeps fleet tags. One per run.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "add-devices",
    description = "Entrust devices to the fleet: pick them in the browser, or name them.",
    footer = {
      "",
      "Examples:",
      "  bigger-fleet add-devices",
      "  bigger-fleet add-devices --all",
      "  bigger-fleet add-devices DEVICEID-1@cisco.com DEVICEID-5@cisco.com",
      "  bigger-fleet add-devices bathroom-wifi attic-wifi      # by nick",
      "",
      "Exit codes: 0 ok, 1 the hub failed or a device is unknown, 2 usage error."
    })
final class AddDevicesCommand implements Callable<Integer> {
  static final int LISTED = 50;
  static final int PROGRESS_FROM = 1000;

  private final CliSession session;

  @Parameters(
      arity = "0..*",
      paramLabel = "DEVICE",
      description = "Device ids or nicks to import (default: pick in the browser).")
  List<String> devices = new ArrayList<>();

  @Option(
      names = "--all",
      description = "Import every device the login can see, without the browser.")
  boolean all;

  AddDevicesCommand(CliSession session) {
    this.session = session;
  }

  @Override
  public Integer call() {
    if (all && !devices.isEmpty()) {
      throw new InvalidInputException("Give either --all or device ids, not both");
    }
    List<DeviceId> ids = new ArrayList<>();
    for (String d : devices) {
      if (d != null && !d.contains("@") && !d.isBlank()) {
        ids.add(byNick(d.strip()));
        continue;
      }
      try {
        ids.add(DeviceId.parse(d));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("Device '" + TerminalText.echo(String.valueOf(d))
            + "' is not a device id like <id>@<registry>: " + e.getMessage());
      }
    }
    if (!all && ids.isEmpty()) {
      session.requireLogin();
      PantahubClient selector = session.pantahubBuilder().build();
      BrowserFlow.run(
          session,
          selector,
          "Please open the following URL in your browser to select the devices you want to fleet manage:");
      session.out().println();
    }
    FleetClient fleet = session.fleet();
    long started = System.nanoTime();
    ImportResult result = ids.isEmpty() ? fleet.importDevices() : fleet.importDevices(ids);
    if (result.devices().size() >= PROGRESS_FROM) {
      session
          .err()
          .printf(
              "Imported %,d devices in %.1f s.%n",
              result.devices().size(), (System.nanoTime() - started) / 1e9);
    }
    print(fleet, result);
    return ExitCode.OK;
  }

  /** The hub's device with this nick ({@code GET /devices/?nick=...}): unknown is exit 1, ambiguous exit 2. */
  private DeviceId byNick(String nick) {
    session.requireLogin();
    List<io.biggerfleet.spi.RegistryDevice> found = session
        .pantahub()
        .devices()
        .list(
            io.biggerfleet.pantahub.DeviceFilter.builder().equalTo("nick", nick).build());
    if (found.isEmpty()) {
      throw new io.biggerfleet.FleetException(
          "Unknown device '" + TerminalText.echo(nick) + "': the hub " + session.hubKey()
              + " has no device with that nick that this login can see");
    }
    if (found.size() > 1) {
      throw new InvalidInputException("Nick '" + TerminalText.echo(nick) + "' names " + found.size()
          + " devices on the hub; use the id");
    }
    return found.get(0).id();
  }

  private void print(FleetClient fleet, ImportResult result) {
    Map<DeviceId, String> known = new java.util.HashMap<>();
    for (Device d : fleet.devices()) { // one read of the store, not one query per device
      known.put(d.id(), d.nick());
    }
    Map<DeviceId, String> nicks = new LinkedHashMap<>();
    for (DeviceId id : result.devices()) {
      nicks.put(id, known.getOrDefault(id, ""));
    }
    if (session.json()) {
      List<Map<String, Object>> list = new ArrayList<>();
      nicks.forEach((id, nick) -> list.add(Map.of("id", id.toString(), "nick", nick)));
      session.printJson(ActionReport.fields(
          "devices",
          list,
          "added",
          result.added(),
          "updated",
          result.updated(),
          "unchanged",
          result.unchanged()));
      return;
    }
    if (nicks.isEmpty()) {
      session.out().println("No devices to entrust: the hub shows none to this login.");
      return;
    }
    session.out().println("Thanks for entrusting us the following devices:");
    session.out().println();
    int n = 0;
    for (Map.Entry<DeviceId, String> e : nicks.entrySet()) {
      if (n++ == LISTED && nicks.size() > LISTED + 1) {
        session.out().println("... and " + (nicks.size() - LISTED) + " more");
        break;
      }
      session.out().println(TerminalText.line(e.getKey() + " \"" + e.getValue() + "\""));
    }
    session.out().println();
    session
        .out()
        .println(result.added() + " new, " + result.updated() + " updated, " + result.unchanged()
            + " unchanged; " + fleet.deviceCount() + " devices in the fleet.");
    session
        .out()
        .println(
            "You can now use bigger-fleet to organize and manage these. Try 'bigger-fleet addgroup'"
                + " to get a quick start...");
  }
}
