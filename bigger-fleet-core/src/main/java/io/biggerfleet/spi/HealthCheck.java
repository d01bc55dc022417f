package io.biggerfleet.spi;

import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.DeviceRolloutProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A health check a step's gate asks before it lets the rollout move on: with the step's devices,
 * counts and times it answers {@link Verdict#pass PASS}, {@link Verdict#waitFor WAIT} (ask again on a
 * later tick) or {@link Verdict#fail FAIL}, with a reason shown in the status line and the gate event.
 * It may also name devices that failed the check (e.g. fell back to the old revision): the engine marks
 * them FAILED with the check's reason — they then show in {@code failures} and count against the
 * step's success criteria — before the gate decides again. A FAIL, or criteria no longer met, fails
 * the gate like any failed gate (ERROR, or automatic backout with policy {@code BACK_OUT}).
 *
 * <p>Built in: the soak ({@code soak=2h}: devices that reported success must still be seen and run the
 * new revision after the soak time) and the log check ({@code logs-fail=segfault|panic}). An embedder
 * plugs its own (a metrics query, say) by name with {@code Rollouts.healthCheck(name, check)}
 * ({@code fleetClient.rollouts().healthCheck(...)}) and names it on a step ({@code StepGuards.parse(null,
 * null, null, name)}); see docs/rollouts.md "Health gates".
 *
 * <p><b>When:</b> only once the step's success criteria would pass; the first ask starts the health
 * phase ({@link Context#since()}), and the gate waits while any check says WAIT.
 *
 * <p><b>Threading:</b> called from the engine's tick, under its lock, one call at a time per engine;
 * an implementation shared by several engines must be thread-safe. Keep calls short: a slow check
 * delays every rollout the engine drives (do the heavy work elsewhere and read its result).
 *
 * <p><b>Idempotency:</b> the engine asks again on every tick while the answer is WAIT, and again after
 * a crash or restart; {@link #check} must have no effects the engine relies on and must give the same
 * answer for the same inputs and outside world.
 *
 * <p><b>Errors:</b> an exception thrown by {@link #check} is not a FAIL: the engine treats it as WAIT
 * with the exception's message as the reason and asks again next tick (a flaky metrics backend must not
 * back out a healthy rollout). Messages must not contain credentials.
 */
@FunctionalInterface
public interface HealthCheck {

  /** Judges the step now. */
  Verdict check(Context context);

  /** What a check answers. */
  enum Outcome {
    /** Healthy: the gate may move on. */
    PASS,
    /** Not decided yet: ask again later. */
    WAIT,
    /** Unhealthy: the gate fails. */
    FAIL
  }

  /**
   * A check's answer: its outcome, a short reason ({@code soak: 2 of 2 devices on rev 4 and seen}), and
   * devices that failed the check (marked FAILED by the engine with the reason). Immutable.
   *
   * @param outcome PASS, WAIT or FAIL
   * @param reason shown in the status line and events
   * @param failed devices that failed the check; may be empty
   */
  record Verdict(Outcome outcome, String reason, List<Failed> failed) {
    /** Copies the list; checks parts are given. */
    public Verdict {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(reason, "reason");
      failed = List.copyOf(failed);
    }

    public static Verdict pass(String reason) {
      return new Verdict(Outcome.PASS, reason, List.of());
    }

    public static Verdict waitFor(String reason) {
      return new Verdict(Outcome.WAIT, reason, List.of());
    }

    public static Verdict fail(String reason) {
      return new Verdict(Outcome.FAIL, reason, List.of());
    }
  }

  /**
   * A device that failed a check, and why ({@code fell back to rev 3 after reporting DONE on rev 4}).
   *
   * @param device the device
   * @param why the failure message its record gets
   */
  record Failed(DeviceId device, String why) {
    /** Checks parts are given. */
    public Failed {
      Objects.requireNonNull(device, "device");
      Objects.requireNonNull(why, "why");
    }
  }

  /**
   * What a check sees: the rollout and step, the step's device counts, when the step started, when the
   * health phase began, the time now, the step's succeeded devices (read lazily from the store on first
   * call) and the trails of each registry. Not thread-safe; valid for one call.
   */
  final class Context {
    private final String rollout;
    private final int step;
    private final int total;
    private final int succeeded;
    private final int failed;
    private final Instant stepStartedAt;
    private final Instant since;
    private final Instant now;
    private final Supplier<List<DeviceRolloutProgress>> succeededDevices;
    private final Function<DeviceId, DeviceTrails> trails;
    private @Nullable List<DeviceRolloutProgress> loaded;

    /** For the engine (and tests of checks). */
    public Context(
        String rollout,
        int step,
        int total,
        int succeeded,
        int failed,
        Instant stepStartedAt,
        Instant since,
        Instant now,
        Supplier<List<DeviceRolloutProgress>> succeededDevices,
        Function<DeviceId, DeviceTrails> trails) {
      this.rollout = Objects.requireNonNull(rollout, "rollout");
      this.step = step;
      this.total = total;
      this.succeeded = succeeded;
      this.failed = failed;
      this.stepStartedAt = Objects.requireNonNull(stepStartedAt, "stepStartedAt");
      this.since = Objects.requireNonNull(since, "since");
      this.now = Objects.requireNonNull(now, "now");
      this.succeededDevices = Objects.requireNonNull(succeededDevices, "succeededDevices");
      this.trails = Objects.requireNonNull(trails, "trails");
    }

    public String rollout() {
      return rollout;
    }

    /** The step (1-based). */
    public int step() {
      return step;
    }

    /** Devices of the step. */
    public int total() {
      return total;
    }

    /** Devices of the step that succeeded. */
    public int succeeded() {
      return succeeded;
    }

    /** Devices of the step that failed for good. */
    public int failed() {
      return failed;
    }

    public Instant stepStartedAt() {
      return stepStartedAt;
    }

    /** When the health phase began: the first tick at which the step's criteria passed. */
    public Instant since() {
      return since;
    }

    public Instant now() {
      return now;
    }

    /** Time since {@link #since()}. */
    public Duration elapsed() {
      return Duration.between(since, now);
    }

    /** The step's SUCCEEDED device records (read from the store once, on first call). */
    public List<DeviceRolloutProgress> succeededDevices() {
      List<DeviceRolloutProgress> l = loaded;
      if (l == null) {
        l = List.copyOf(succeededDevices.get());
        loaded = l;
      }
      return l;
    }

    /** The trails serving {@code device}'s registry. */
    public DeviceTrails trails(DeviceId device) {
      return trails.apply(device);
    }
  }
}
