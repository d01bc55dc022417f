package io.biggerfleet.cli;

import io.biggerfleet.model.Rollout;
import io.biggerfleet.rollout.Rollouts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code bigger-fleet rollouts}: one status line per rollout, as the walkthrough shows them
 * ({@code ROLLOUT2 ACTIVE (Step: 2/5, Running since: 1 day; ETA: 3 days)}), or with {@code --json}
 * {@code {"rollouts":[...]}}. One per run; not thread-safe.
 */
final class RolloutList {
  private final CliSession session;

  RolloutList(CliSession session) {
    this.session = session;
  }

  int run() {
    Rollouts rollouts = session.fleet().rollouts();
    if (session.json()) {
      Instant now = session.env().clock().instant();
      List<Object> list = new ArrayList<>();
      for (Rollout r : rollouts.list()) {
        list.add(RolloutJson.summary(r, now));
      }
      session.printJson(Map.of("rollouts", list));
      return ExitCode.OK;
    }
    List<String> lines = rollouts.statusLines();
    if (lines.isEmpty()) {
      session
          .out()
          .println(
              "No rollouts yet. Create one with: bigger-fleet rollouts add NAME change=... devices=/");
    }
    lines.forEach(l -> session.out().println(TerminalText.line(l)));
    return ExitCode.OK;
  }
}
