package io.biggerfleet.cli;

import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * When the next posts of a rollout are due, in the words of {@code --watch} and {@code --devices}:
 * {@code next: gardenpool-wifi in 1h12m}, {@code due in 45s}, {@code due now}. Stateless.
 */
final class NextDue {
  private NextDue() {}

  /**
   * {@code next: NICK in 1h12m} for the earliest queued device of an ACTIVE rollout whose time is
   * known; empty when nothing is queued for the current step (waiting for reports or a gate).
   */
  static Optional<String> line(CliSession session, String rollout) {
    Map<DeviceId, Instant> due = session.fleet().rollouts().dueTimes(rollout);
    if (due.isEmpty()) {
      return Optional.empty();
    }
    Map.Entry<DeviceId, Instant> first = due.entrySet().iterator().next();
    String nick = new DeviceNicks(session.fleet()).of(first.getKey());
    String who = nick.isEmpty() ? first.getKey().toString() : nick;
    String more = due.size() > 1 ? " (" + due.size() + " devices queued)" : "";
    return Optional.of("next: " + TerminalText.line(who) + " "
        + in(first.getValue(), session.env().clock().instant()) + more);
  }

  /** {@code in 1h12m} (whole minutes from a minute on, else seconds), or {@code now} when it is due. */
  static String in(Instant due, Instant now) {
    Duration d = Duration.between(now, due);
    if (d.isNegative() || d.isZero()) {
      return "now";
    }
    if (d.compareTo(Duration.ofMinutes(1)) < 0) {
      return "in " + Durations.format(d.plusSeconds(d.getNano() > 0 ? 1 : 0).withNanos(0));
    }
    return "in " + Durations.format(d.truncatedTo(ChronoUnit.MINUTES));
  }
}
