package io.biggerfleet.cli;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.NotFoundException;
import io.biggerfleet.model.DeviceRetry;
import io.biggerfleet.model.Durations;
import io.biggerfleet.model.GateFailurePolicy;
import io.biggerfleet.model.LateJoinerPolicy;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.rollout.Rollouts;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code bigger-fleet rollouts add NAME change=... message=... devices=... time=... timeout=... success=...}
 * (plus the optional policies {@code retries=N backoff=10m late-joiners=ignore|join-final
 * on-gate-failure=stop|backout}, and the pacing {@code window="Mon-Fri 01:00-05:00" timezone=Europe/Berlin
 * rate=100/min ramp="5/min x2 every 50"}): stores a new DRAFT and prints
 * {@code Created Rollout "ROLLOUT5". Currently 23 devices in rollout.} Every value is checked before
 * anything is stored; a bad one is one line naming the key (exit 2). One per run; not thread-safe.
 */
final class RolloutAdd {
  static final List<String> KEYS = List.of(
      "change",
      "message",
      "devices",
      "time",
      "timeout",
      "success",
      "retries",
      "backoff",
      "late-joiners",
      "on-gate-failure",
      "window",
      "timezone",
      "rate",
      "ramp");

  private final CliSession session;

  RolloutAdd(CliSession session) {
    this.session = session;
  }

  int run(String name, List<String> args) {
    KeyValueArgs kv = KeyValueArgs.parse("rollouts add " + name, args, KEYS);
    Rollout.Builder b = Rollout.builder(name);
    b.change(kv.require("change", "\"set kernel=prn::pantahub.com:objects:/<sha>\""));
    kv.get("message").ifPresent(b::message);
    kv.get("devices").ifPresent(d -> b.devices(SelectorArg.resolve(session.fleet(), d)));
    kv.get("time").ifPresent(b::time);
    kv.get("timeout").ifPresent(b::timeout);
    kv.get("success").ifPresent(b::success);
    if (kv.get("retries").isPresent() || kv.get("backoff").isPresent()) {
      b.retry(DeviceRetry.of(
          retries(kv.get("retries").orElse("1")),
          kv.get("backoff")
              .map(t -> Durations.parse("backoff", t))
              .orElse(Duration.ofMinutes(10))));
    }
    kv.get("late-joiners").ifPresent(v -> b.lateJoiners(lateJoiners(v)));
    kv.get("on-gate-failure").ifPresent(v -> b.onGateFailure(onGateFailure(v)));
    b.pacing(PacingArgs.of(kv));
    kv.get("timezone").ifPresent(b::timezone);
    Rollouts rollouts = session.fleet().rollouts();
    Rollout r;
    try {
      r = rollouts.create(b.build());
    } catch (NotFoundException e) {
      throw SelectorProblem.of("devices", kv.get("devices").orElse("/"), e);
    }
    int devices = rollouts.plan(r.name()).deviceCount();
    if (session.json()) {
      session.printJson(
          ActionReport.fields("name", r.name(), "state", r.state().name(), "devices", devices));
    } else {
      session
          .out()
          .println("Created Rollout \"" + r.name() + "\". Currently " + devices + " device"
              + (devices == 1 ? "" : "s") + " in rollout.");
    }
    return ExitCode.OK;
  }

  private static int retries(String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          "retries= must be a number of posts per device from 1 to 10, not '"
              + TerminalText.echo(text) + "'");
    }
  }

  private static LateJoinerPolicy lateJoiners(String v) {
    switch (v.strip().toLowerCase(Locale.ROOT)) {
      case "ignore":
        return LateJoinerPolicy.IGNORE;
      case "join-final":
      case "join_final":
        return LateJoinerPolicy.JOIN_FINAL;
      default:
        throw new InvalidInputException(
            "late-joiners= must be ignore or join-final, not '" + TerminalText.echo(v) + "'");
    }
  }

  private static GateFailurePolicy onGateFailure(String v) {
    switch (v.strip().toLowerCase(Locale.ROOT)) {
      case "stop":
        return GateFailurePolicy.STOP;
      case "backout":
      case "back-out":
        return GateFailurePolicy.BACK_OUT;
      default:
        throw new InvalidInputException(
            "on-gate-failure= must be stop or backout, not '" + TerminalText.echo(v) + "'");
    }
  }
}
