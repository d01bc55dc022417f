package io.biggerfleet.cli;

import io.biggerfleet.model.Rollout;
import io.biggerfleet.rollout.Rollouts;
import java.util.List;

/**
 * {@code bigger-fleet retry DEVICE@STEP} ({@code Thanks. Scheduled a retry}) and
 * {@code bigger-fleet retry --all ROLLOUT}: queues failed devices again with the next attempt; an ERROR
 * or DONE rollout becomes ACTIVE again at that step. A device that did not fail at that step is
 * refused (exit 1). One per run; not thread-safe.
 */
final class RetryAction {
  private final CliSession session;

  RetryAction(CliSession session) {
    this.session = session;
  }

  int one(String deviceAtStep) {
    String target = withDeviceId(deviceAtStep.strip());
    session.requireHubLogin();
    Rollout r = session.fleet().rollouts().retry(target);
    ActionReport.print(
        session,
        ActionReport.fields(
            "rollout",
            r.name(),
            "action",
            "retry",
            "state",
            r.state().name(),
            "retried",
            1,
            "devices",
            List.of(target)),
        "Thanks. Scheduled a retry");
    return ExitCode.OK;
  }

  /** {@code devbox3-wifi@1} → {@code <id>@<registry>@1}; a full id, or no step at all, stays as given. */
  private String withDeviceId(String deviceAtStep) {
    int at = deviceAtStep.lastIndexOf('@');
    if (at <= 0 || deviceAtStep.substring(0, at).contains("@")) {
      return deviceAtStep;
    }
    return DeviceArg.resolve(session.fleet(), deviceAtStep.substring(0, at)).id()
        + deviceAtStep.substring(at);
  }

  int all(String rollout) {
    Rollouts rollouts = session.fleet().rollouts();
    int failed = rollouts.failures(rollout).size();
    if (failed == 0) {
      ActionReport.print(
          session,
          ActionReport.fields(
              "rollout",
              rollout,
              "action",
              "retry",
              "state",
              rollouts.get(rollout).state().name(),
              "retried",
              0,
              "devices",
              List.of()),
          "No failed devices in rollout '" + rollout + "'; nothing to retry.");
      return ExitCode.OK;
    }
    session.requireHubLogin();
    List<String> devices =
        rollouts.failures(rollout).stream().map(f -> f.device().toString()).toList();
    Rollout r = rollouts.retryAllFailed(rollout);
    ActionReport.print(
        session,
        ActionReport.fields(
            "rollout",
            r.name(),
            "action",
            "retry",
            "state",
            r.state().name(),
            "retried",
            failed,
            "devices",
            devices),
        "Thanks. Scheduled a retry of " + failed + " failed device" + (failed == 1 ? "" : "s")
            + " of '" + rollout + "'.");
    return ExitCode.OK;
  }
}
