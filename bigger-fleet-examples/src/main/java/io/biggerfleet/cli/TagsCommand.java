package io.biggerfleet.cli;

import io.biggerfleet.FleetClient;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.group.TagChange;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code bigger-fleet tags add|remove SELECTOR TAG}: adds or removes a fleet tag on every device the
 * selector selects (a group path, a device path like {@code /co/cisco/121XPs/DEVICEID-5@cisco.com}, or
 * a glob like {@code /location/trading-floor/*}; a device nick stands for its id, see {@link SelectorArg}),
 * in one transaction. One per run.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "tags",
    description = "Add or remove a fleet tag on the devices a selector selects.",
    subcommands = {TagsCommand.Add.class, TagsCommand.Remove.class},
    footer = {
      "",
      "Examples:",
      "  bigger-fleet tags add /co/cisco/121XPs/DEVICEID-5@cisco.com canary",
      "  Tag \"canary\" added to DEVICEID-5@cisco.com.",
      "  bigger-fleet tags remove '/location/trading-floor/*' conservative",
      "  Removed tag \"conservative\" from 1 device.",
      "  bigger-fleet tags add bathroom-wifi canary            # a device nick stands for its id",
      "",
      "Exit codes: 0 ok, 1 failed, 2 bad selector or tag (nothing changes)."
    })
final class TagsCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "Missing subcommand: add or remove");
  }

  static int change(CliSession session, String selector, String tag, boolean add) {
    FleetClient fleet = session.fleet();
    selector = SelectorArg.resolve(fleet, selector);
    TagChange c = add ? fleet.tagAll(selector, tag) : fleet.untagAll(selector, tag);
    if (session.json()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("tag", c.tag());
      m.put("added", c.added());
      m.put("selected", c.selected());
      m.put("changed", c.changed().stream().map(DeviceId::toString).collect(Collectors.toList()));
      session.printJson(m);
    } else {
      session.out().println(TerminalText.lines(c.message()));
    }
    return ExitCode.OK;
  }

  /** {@code tags add SELECTOR TAG}. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "add",
      description = "Add a fleet tag.",
      footer = {
        "",
        "Example:",
        "  bigger-fleet tags add /co/cisco/121XPs/DEVICEID-5@cisco.com canary"
      })
  static final class Add implements Callable<Integer> {
    private final CliSession session;

    @Parameters(index = "0", paramLabel = "SELECTOR")
    String selector;

    @Parameters(index = "1", paramLabel = "TAG")
    String tag;

    Add(CliSession session) {
      this.session = session;
    }

    @Override
    public Integer call() {
      return change(session, selector, tag, true);
    }
  }

  /** {@code tags remove SELECTOR TAG}. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "remove",
      aliases = "rm",
      description = "Remove a fleet tag.",
      footer = {
        "",
        "Example:",
        "  bigger-fleet tags remove '/location/trading-floor/*' conservative"
      })
  static final class Remove implements Callable<Integer> {
    private final CliSession session;

    @Parameters(index = "0", paramLabel = "SELECTOR")
    String selector;

    @Parameters(index = "1", paramLabel = "TAG")
    String tag;

    Remove(CliSession session) {
      this.session = session;
    }

    @Override
    public Integer call() {
      return change(session, selector, tag, false);
    }
  }
}
