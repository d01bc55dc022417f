package io.biggerfleet.cli;

import io.biggerfleet.FleetClient;
import io.biggerfleet.FleetException;
import io.biggerfleet.InvalidInputException;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A device named on the command line: its full id ({@code DEVICEID-1@cisco.com}) or its nick
 * ({@code bathroom-wifi}, when exactly one fleet device has it). Stateless.
 */
final class DeviceArg {
  private DeviceArg() {}

  /**
   * The fleet device {@code arg} names.
   *
   * @throws FleetException if the fleet has no such device (exit 1)
   * @throws InvalidInputException if a nick is ambiguous (exit 2)
   */
  static Device resolve(FleetClient fleet, String arg) {
    if (arg.contains("@")) {
      DeviceId id;
      try {
        id = DeviceId.parse(arg);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(
            "Device '" + TerminalText.echo(arg) + "' is not a device id: " + e.getMessage());
      }
      return fleet
          .findDevice(id)
          .orElseThrow(() -> new FleetException("Unknown device '" + TerminalText.echo(arg)
              + "': not in the fleet (import it with: bigger-fleet add-devices)"));
    }
    List<Device> named = withNick(fleet, arg);
    if (named.isEmpty()) {
      throw new FleetException(
          "Unknown device '" + TerminalText.echo(arg) + "': no fleet device has that id or nick");
    }
    if (named.size() > 1) {
      throw ambiguousNick(arg, "", named);
    }
    return named.get(0);
  }

  /** The fleet devices whose nick is {@code nick}. */
  static List<Device> withNick(FleetClient fleet, String nick) {
    return fleet.devices().stream().filter(d -> d.nick().equals(nick)).collect(Collectors.toList());
  }

  /** "Nick 'N'{where} names 2 devices; use the id: a, b" — a nick more than one device has (exit 2). */
  static InvalidInputException ambiguousNick(String nick, String where, List<Device> named) {
    return new InvalidInputException("Nick '" + TerminalText.echo(nick) + "'" + where + " names "
        + named.size() + " devices; use the id: "
        + named.stream().map(d -> d.id().toString()).collect(Collectors.joining(", ")));
  }
}
