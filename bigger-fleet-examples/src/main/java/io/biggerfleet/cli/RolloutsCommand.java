package io.biggerfleet.cli;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.model.Durations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bigger-fleet rollouts} (also spelled {@code rollout}): lists, drafts, shows, edits and drives
 * rollouts. The words after it select the form (see the usage text); each form is its own small class
 * ({@link RolloutList}, {@link RolloutAdd}, {@link RolloutDetail}, {@link RolloutDevicesView},
 * {@link RolloutPlanView}, {@link RolloutWatch}, {@link RolloutStepAdd}, {@link RolloutStepDelete},
 * {@link RolloutDelete}, {@link RolloutLifecycle}, {@link FailuresView}, {@link RetryAction},
 * {@link RerouteAction}, {@link BackoutAction}). Picocli subcommands do not fit the walkthrough's
 * {@code rollouts NAME ACTION key=value...} shape, so the words are dispatched here.
 *
 * <p>One per run; not thread-safe.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "rollouts",
    aliases = "rollout",
    description = "List, draft, show, activate and watch rollouts.",
    customSynopsis = {
      "bigger-fleet rollouts [--json]",
      "  rollouts add NAME change=... [message=...] [devices=/] [time=1d] [timeout=1h]",
      "      [success=100%%,100%%] [retries=N] [backoff=10m]",
      "      [late-joiners=ignore|join-final] [on-gate-failure=stop|backout]",
      "      [window=\"Mon-Fri 01:00-05:00\"] [timezone=UTC] [rate=N/min] [ramp=\"5/min x2 every 50\"]",
      "  rollouts NAME [--devices | --watch [--interval=5s]] [--json]",
      "  rollouts NAME plan [--json]",
      "  rollouts NAME stepadd devices=... [time=...] [timeout=...] [success=...] [approve=true|NAMES] [abort=RULES]",
      "      [soak=2h] [logs-fail=RE] [window=...] [rate=...] [ramp=...]",
      "  rollouts NAME step-delete N",
      "  rollouts NAME activate|pause|resume|abort|backout|delete",
      "  rollouts NAME failures [--json]"
    },
    footer = {
      "",
      "Examples:",
      "  bigger-fleet rollouts",
      "  bigger-fleet rollouts add ROLLOUT5 \\",
      "      change=\"set kernel=prn::pantahub.com:objects:/<sha>\" \\",
      "      message=\"update kernel across device fleet\" \\",
      "      devices=/ time=5d timeout=12h success=85%%,99%%",
      "  bigger-fleet rollouts ROLLOUT5 stepadd devices=/specialsets/canary \\",
      "      time=4h timeout=1h success=100%%,100%%",
      "  bigger-fleet rollouts ROLLOUT5",
      "  bigger-fleet rollout ROLLOUT5 step-delete 1",
      "  bigger-fleet rollouts ROLLOUT5 activate",
      "  bigger-fleet rollouts ROLLOUT5 --watch",
      "  bigger-fleet rollouts ROLLOUT5 --devices",
      "",
      "Durations: 30s, 90m, 12h, 5d, 1d12h.",
      "Success: min-reported%%,min-success%% (e.g. 85%%,99%%).",
      "Editing (stepadd, step-delete, delete) needs a DRAFT; otherwise exit 1",
      "and nothing changes.",
      "Exit codes: 0 ok, 1 failed (unknown rollout, not allowed in its state,",
      "conflict), 2 bad input."
    })
final class RolloutsCommand implements Callable<Integer> {
  private final CliSession session;

  @Parameters(
      arity = "0..*",
      paramLabel = "WORDS",
      description = "See the synopsis: [add] NAME [ACTION] [key=value...]")
  List<String> words = new ArrayList<>();

  @Option(
      names = "--devices",
      description = "Per-device view: [OK], [QUEUE], [75%%], [ERROR: ...], [ABORT], [ROLLBACK].")
  boolean devices;

  @Option(
      names = "--watch",
      description =
          "Re-render per-step progress bars while the rollout runs (ACTIVE, PAUSED, AWAITING_APPROVAL) "
              + "(exit 0 if DONE, 1 if ERROR or ABORTED).")
  boolean watch;

  @Option(
      names = "--interval",
      paramLabel = "<duration>",
      defaultValue = "5s",
      description = "Time between --watch refreshes (default ${DEFAULT-VALUE}).")
  String interval;

  RolloutsCommand(CliSession session) {
    this.session = session;
  }

  @Override
  public Integer call() {
    if (words.isEmpty()) {
      noViewOptions("rollouts");
      return new RolloutList(session).run();
    }
    String first = words.get(0);
    if (first.equalsIgnoreCase("add")) {
      noViewOptions("rollouts add");
      if (words.size() < 2) {
        throw new InvalidInputException(
            "rollouts add needs a NAME, e.g. rollouts add ROLLOUT5 change=\"set kernel=<sha>\"");
      }
      return new RolloutAdd(session).run(words.get(1), words.subList(2, words.size()));
    }
    String name = first;
    if (words.size() == 1) {
      if (watch && devices) {
        throw new InvalidInputException("rollouts " + name + ": use either --devices or --watch");
      }
      if (watch) {
        return new RolloutWatch(session).run(name, Durations.parse("--interval", interval));
      }
      if (devices) {
        return new RolloutDevicesView(session).run(name);
      }
      return new RolloutDetail(session).run(name);
    }
    String action = words.get(1).toLowerCase(Locale.ROOT);
    List<String> rest = words.subList(2, words.size());
    noViewOptions("rollouts " + name + " " + action);
    switch (action) {
      case "stepadd":
      case "step-add":
        return new RolloutStepAdd(session).run(name, rest);
      case "step-delete":
      case "stepdelete":
      case "step-del":
        if (rest.size() != 1) {
          throw new InvalidInputException(
              "rollouts " + name + " step-delete needs one step number, e.g. step-delete 1");
        }
        return new RolloutStepDelete(session).run(name, rest.get(0));
      case "plan":
        noMore(name, action, rest);
        return new RolloutPlanView(session).run(name);
      case "devices":
        noMore(name, action, rest);
        return new RolloutDevicesView(session).run(name);
      case "watch":
        noMore(name, action, rest);
        return new RolloutWatch(session).run(name, Durations.parse("--interval", interval));
      case "activate":
      case "pause":
      case "resume":
      case "abort":
        noMore(name, action, rest);
        return new RolloutLifecycle(session).run(name, action);
      case "backout":
        noMore(name, action, rest);
        return new BackoutAction(session).run(name);
      case "delete":
        noMore(name, action, rest);
        return new RolloutDelete(session).run(name);
      case "failures":
        noMore(name, action, rest);
        return new FailuresView(session).run(name);
      default:
        throw new InvalidInputException(
            "rollouts " + name + ": unknown action '" + TerminalText.echo(words.get(1))
                + "'; actions: plan, "
                + "stepadd, step-delete, activate, pause, resume, abort, backout, delete, failures, devices, watch");
    }
  }

  private void noViewOptions(String form) {
    if (devices || watch) {
      throw new InvalidInputException(form + ": --devices and --watch go with 'rollouts NAME'");
    }
  }

  private static void noMore(String name, String action, List<String> rest) {
    if (!rest.isEmpty()) {
      throw new InvalidInputException("rollouts " + name + " " + action
          + " takes no further arguments, got '" + String.join(" ", rest) + "'");
    }
  }
}
