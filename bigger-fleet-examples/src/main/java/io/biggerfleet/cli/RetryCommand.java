package io.biggerfleet.cli;

import io.biggerfleet.InvalidInputException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bigger-fleet retry DEVICE@STEP | --all ROLLOUT} (see {@link RetryAction}). One per run; not thread-safe. */
@Command(
    mixinStandardHelpOptions = true,
    name = "retry",
    description =
        "Retry a failed device of a rollout (DEVICE@STEP, as 'failures' lists it), or all failed devices.",
    footer = {
      "",
      "Examples:",
      "  bigger-fleet retry DEVICE-B@pantahub.com@2",
      "  Thanks. Scheduled a retry",
      "  bigger-fleet retry --all ROLLOUT5",
      "",
      "Exit codes: 0 ok, 1 no such failed device or rollout, 2 usage error."
    })
final class RetryCommand implements Callable<Integer> {
  private final CliSession session;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DEVICE@STEP",
      description = "The failed device and its step.")
  String deviceAtStep;

  @Option(
      names = "--all",
      paramLabel = "ROLLOUT",
      description = "Retry every failed device of ROLLOUT.")
  String all;

  RetryCommand(CliSession session) {
    this.session = session;
  }

  @Override
  public Integer call() {
    if ((all == null) == (deviceAtStep == null)) {
      throw new InvalidInputException(
          "retry needs either DEVICE@STEP (e.g. DEVICE-B@pantahub.com@2) or --all ROLLOUT");
    }
    RetryAction retry = new RetryAction(session);
    return all != null ? retry.all(all) : retry.one(deviceAtStep);
  }
}
