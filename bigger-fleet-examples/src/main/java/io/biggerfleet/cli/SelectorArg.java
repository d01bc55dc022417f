package io.biggerfleet.cli;

import io.biggerfleet.FleetClient;
import io.biggerfleet.InvalidInputException;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.Group;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A selector typed on the command line, where a device nick may stand for its device id: a bare nick
 * ({@code bathroom-wifi}) or the last segment of a device path ({@code /home/bathroom-wifi}). The nick
 * is replaced by the id of the one fleet device that has it, so what is stored (a rollout's
 * {@code devices=}) names the device by its id, which cannot change. A group path, a glob, a device id
 * and a match expression pass through unchanged: an existing group wins over a nick of the same name, and
 * text that is not nick-shaped (spaces, quotes, operators) is never taken for one. Stateless.
 */
final class SelectorArg {
  /** What a nick can look like and an expression cannot: no spaces, quotes, operators or brackets. */
  private static final Pattern NICK = Pattern.compile("[A-Za-z0-9._-]+");

  private SelectorArg() {}

  /**
   * {@code selector} with a device nick in it replaced by that device's id.
   *
   * @throws InvalidInputException if the nick names more than one fleet device (exit 2)
   */
  static String resolve(FleetClient fleet, String selector) {
    String s = selector.strip();
    if (!s.startsWith("/")) {
      return NICK.matcher(s).matches() && !DeviceId.isValid(s) ? byNick(fleet, s, s, "") : s;
    }
    int slash = s.lastIndexOf('/');
    String last = s.substring(slash + 1);
    if (!NICK.matcher(last).matches() || isGroupPath(fleet, s)) {
      return s;
    }
    return byNick(fleet, s, last, slash == 0 ? "" : s.substring(0, slash) + "/");
  }

  private static String byNick(FleetClient fleet, String whole, String nick, String groupPrefix) {
    List<Device> named = DeviceArg.withNick(fleet, nick);
    if (named.isEmpty()) {
      return whole; // not a nick: a group path or an expression, resolved (and reported) as before
    }
    if (named.size() > 1) {
      throw DeviceArg.ambiguousNick(nick, " in selector '" + TerminalText.echo(whole) + "'", named);
    }
    return groupPrefix + named.get(0).id();
  }

  /** A group's path, or a path with groups below it (both select group members, not a device). */
  private static boolean isGroupPath(FleetClient fleet, String path) {
    for (Group g : fleet.groups()) {
      String p = g.path();
      if (p.equals(path) || p.startsWith(path + "/")) {
        return true;
      }
    }
    return false;
  }
}
