package io.biggerfleet.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code bigger-fleet reroute ROLLOUT ALLFAIL|DEVICES change=...} (see {@link RerouteAction}). One per run; not thread-safe. */
@Command(
    mixinStandardHelpOptions = true,
    name = "reroute",
    description =
        "Send failed devices of a rollout on a detour: first the detour change, then the rollout's change again.",
    footer = {
      "",
      "Examples:",
      "  bigger-fleet reroute ROLLOUT5 ALLFAIL change=\"set firmware=<sha>\"",
      "  Rerouting ALLFAIL.",
      "  bigger-fleet reroute ROLLOUT5 DEVICE-B@pantahub.com,DEVICE-C@pantahub.com \\",
      "      change=\"set firmware=<sha>\"",
      "",
      "Exit codes: 0 ok, 1 unknown rollout or device not failed,",
      "2 bad change or usage error."
    })
final class RerouteCommand implements Callable<Integer> {
  private final CliSession session;

  @Parameters(index = "0", paramLabel = "ROLLOUT", description = "The rollout.")
  String rollout;

  @Parameters(
      index = "1",
      paramLabel = "ALLFAIL|DEVICES",
      description = "ALLFAIL, or failed device ids separated by commas.")
  String target;

  @Parameters(
      index = "2..*",
      paramLabel = "change=...",
      description = "The detour change, e.g. change=\"set firmware=<sha>\".")
  List<String> args = new ArrayList<>();

  RerouteCommand(CliSession session) {
    this.session = session;
  }

  @Override
  public Integer call() {
    return new RerouteAction(session).run(rollout, target, args);
  }
}
