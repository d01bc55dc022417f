package io.biggerfleet.rollout;

import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.Durations;
import io.biggerfleet.model.Pacing;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutRun;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.model.SuccessCriteria;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text the walkthrough shows for rollouts, for the CLI and for logs: one status line per rollout,
 * the per-step detail view, per-device lines and failure entries. Stateless and thread-safe; time
 * comes in as an argument.
 *
 * <pre>
 * ROLLOUT1 DRAFT (Step 0/5, ETA: 5 days)
 * ROLLOUT2 ACTIVE (Step: 2/5, Running since: 1 day; ETA: 3 days)
 * ROLLOUT3 DONE (Succeeded @ Aug 12, 2016 - 21:12:22 UTC with 95,99.7%)
 * ROLLOUT4 ERROR (Failed @ Step: 3/5, ERROR: 80,80%)
 * </pre>
 */
public final class RolloutFormat {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern(
          "MMM d, yyyy - HH:mm:ss 'UTC'", Locale.ENGLISH)
      .withZone(ZoneOffset.UTC);

  private RolloutFormat() {}

  /** The one-line summary of {@code r} at {@code now}. */
  public static String statusLine(Rollout r, Instant now) {
    return statusLine(r, now, r.plannedSpan());
  }

  /**
   * The one-line summary of {@code r} at {@code now}, a DRAFT showing {@code draftEta} as its ETA (e.g.
   * from the plan preview, which follows device-local maintenance windows; {@link #statusLine(Rollout,
   * Instant)} gives the planned span).
   */
  public static String statusLine(Rollout r, Instant now, Duration draftEta) {
    RolloutRun run = r.run();
    int n = r.stepCount();
    int cur = run.currentStep();
    switch (r.state()) {
      case DRAFT:
        return r.name() + " DRAFT (Step 0/" + n + ", ETA: " + Durations.human(draftEta) + ")";
      case ACTIVE:
        return r.name() + " ACTIVE (Step: " + cur + "/" + n + ", Running since: "
            + Durations.humanElapsed(run.runningFor(now)) + "; ETA: " + Durations.human(eta(r, now))
            + run.healthSince()
                .flatMap(t -> run.healthNote())
                .map(h -> "; health: " + h)
                .orElse("") + ")";
      case AWAITING_APPROVAL:
        return r.name() + " AWAITING_APPROVAL (Step: " + cur + "/" + n + ", Waiting since: "
            + Durations.humanElapsed(Duration.between(run.awaitingSince().orElse(now), now))
            + "; may approve: "
            + r.config(Math.max(1, cur)).guards().approversText() + "; ETA after approval: "
            + Durations.human(eta(r, now)) + ")";
      case PAUSED:
        return r.name() + " PAUSED (Step: " + cur + "/" + n + ", Paused since: "
            + Durations.humanElapsed(Duration.between(run.pausedAt().orElse(now), now)) + ")";
      case DONE:
        return r.name() + " DONE (Succeeded @ " + WHEN.format(run.finishedAt().orElse(now))
            + " with " + figures(run) + ")";
      case ERROR:
        return r.name() + " ERROR (Failed @ Step: " + run.failedStep() + "/" + n + ", ERROR: "
            + figures(run) + run.failedBecause().map(w -> "; " + w).orElse("") + ")";
      case ABORTED:
      default:
        return r.name() + " ABORTED (Aborted @ Step: " + cur + "/" + n + ", "
            + WHEN.format(run.finishedAt().orElse(now))
            + run.backout().map(b -> "; backed out by " + b).orElse("")
            + run.failedBecause().map(w -> "; " + w).orElse("") + ")";
    }
  }

  /** {@code 95,99.7%}: reported and success shares of the last gate. */
  private static String figures(RolloutRun run) {
    return SuccessCriteria.percentText(Math.max(0, run.lastReportedBasisPoints())) + ","
        + SuccessCriteria.percentText(Math.max(0, run.lastSuccessBasisPoints())) + "%";
  }

  /**
   * Time left at the latest: the current step until its gate, plus every later step's span. While the
   * rollout waits for an approval, as if it were given now (the current step's whole span).
   */
  public static Duration eta(Rollout r, Instant now) {
    int cur = Math.max(1, r.run().currentStep());
    Duration d = r.state() == RolloutState.AWAITING_APPROVAL
        ? r.config(cur).span()
        : r.run()
            .gateAt()
            .map(g -> Duration.between(now, g))
            .orElse(r.config(cur).span());
    if (d.isNegative()) {
      d = Duration.ZERO;
    }
    for (int s = cur + 1; s <= r.stepCount(); s++) {
      d = d.plus(r.config(s).span());
    }
    return d;
  }

  /** The detail view: {@code Status: ACTIVE} and one line per step. */
  public static List<String> detailLines(Rollout r, List<StepReport> steps) {
    List<String> out = new ArrayList<>();
    out.add("Status: " + r.state());
    boolean draft = r.state() == RolloutState.DRAFT;
    for (StepReport s : steps) {
      String label = s.isFinal() && draft
          ? "FINAL. ALL"
          : s.number() + ". " + (s.isFinal() ? "ALL" : "'" + s.selector() + "'");
      StringBuilder b = new StringBuilder(label).append(" - status: ").append(s.status());
      if (draft) {
        b.append("; config: ").append(s.config());
      } else if (!s.status().equals("QUEUE")
          && !(s.status().equals("ABORTED") && s.reported() == 0)) {
        s.eta().ifPresent(e -> b.append(", ETA ").append(compact(e)));
        b.append(", progress: ")
            .append(
                SuccessCriteria.percentText(SuccessCriteria.basisPoints(s.reported(), s.devices())))
            .append("%, success: ")
            .append(SuccessCriteria.percentText(
                SuccessCriteria.basisPoints(s.succeeded(), s.reported())))
            .append('%');
      }
      Pacing pc =
          r.pacing(s.number()); // the effective window and rate (a step's own, else the rollout's)
      if (!pc.isNone() && !(draft && pc.equals(s.config().pacing()))) {
        b.append("; ")
            .append(pc)
            .append(pc.window() != null ? " local (default zone " + r.timezone() + ")" : "");
      }
      out.add(b.toString());
    }
    return out;
  }

  /** {@code 3h}, {@code 2d}, {@code 45m}: the largest unit, rounded up. */
  static String compact(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s >= 86400) {
      return (s + 86399) / 86400 + "d";
    }
    if (s >= 3600) {
      return (s + 3599) / 3600 + "h";
    }
    return (s + 59) / 60 + "m";
  }

  /**
   * One device: {@code DEVICEID-5@cisco.com [OK]}, {@code [QUEUE]}, {@code [POSTED]}, {@code [75%]},
   * {@code [ERROR: msg]}, {@code [ABORT]}, {@code [ROLLBACK]}; a device on a reroute detour shows
   * {@code DETOUR} first.
   */
  public static String deviceLine(DeviceRolloutProgress p) {
    String tag;
    switch (p.status()) {
      case WAITING:
        tag = "QUEUE";
        break;
      case POSTING:
      case POSTED:
        tag = "POSTED";
        break;
      case IN_PROGRESS:
        tag = p.percent() + "%";
        break;
      case SUCCEEDED:
        tag = "OK";
        break;
      case FAILED:
        tag = "ERROR: " + (p.message().isEmpty() ? p.deviceStatus() : p.message());
        break;
      case ABORTED:
        tag = "ABORT";
        break;
      case ROLLED_BACK:
      default:
        tag = "ROLLBACK";
    }
    return p.device() + " [" + (p.detour() ? "DETOUR " : "") + tag + "]";
  }

  /**
   * A failure as the walkthrough lists it:
   *
   * <pre>
   * DEVICE-B@pantahub.com@2  "update App to X"
   * Error Message: "app checksum mismatch - download corrupted."
   * </pre>
   */
  public static List<String> failureLines(Failure f) {
    return List.of(
        f.deviceAtStep() + "  \"" + f.commitMessage() + "\"",
        "Error Message: \"" + (f.message().isEmpty() ? f.status() : f.message()) + "\"");
  }

  /** The plan preview: one line per step with device count and latest time span. */
  public static List<String> planLines(RolloutPlan plan) {
    List<String> out = new ArrayList<>();
    for (RolloutPlan.Step s : plan.steps()) {
      out.add((s.isFinal() ? "FINAL. ALL" : s.number() + ". '" + s.selector() + "'") + " - "
          + s.deviceCount()
          + " device" + (s.deviceCount() == 1 ? "" : "s") + ", " + WHEN.format(s.start()) + " to "
          + WHEN.format(s.gateAt()) + " at the latest (" + s.config() + ")");
    }
    out.add("Total: " + plan.deviceCount() + " devices");
    return out;
  }
}
