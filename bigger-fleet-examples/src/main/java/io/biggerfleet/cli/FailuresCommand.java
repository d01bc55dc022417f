package io.biggerfleet.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code bigger-fleet failures ROLLOUT} (see {@link FailuresView}). One per run; not thread-safe. */
@Command(
    mixinStandardHelpOptions = true,
    name = "failures",
    description = "List the failed devices of a rollout with their error message.",
    footer = {
      "",
      "Example:",
      "  bigger-fleet failures ROLLOUT5",
      "  DEVICE-B@pantahub.com@2  \"update App to X\"",
      "  Error Message: \"app checksum mismatch - download corrupted.\"",
      "",
      "The first column (DEVICE@STEP) is what 'bigger-fleet retry' takes.",
      "Exit codes: 0 ok, 1 unknown rollout, 2 usage error."
    })
final class FailuresCommand implements Callable<Integer> {
  private final CliSession session;

  @Parameters(index = "0", paramLabel = "ROLLOUT", description = "The rollout.")
  String rollout;

  FailuresCommand(CliSession session) {
    this.session = session;
  }

  @Override
  public Integer call() {
    return new FailuresView(session).run(rollout);
  }
}
