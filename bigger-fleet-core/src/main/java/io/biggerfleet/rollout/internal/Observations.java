package io.biggerfleet.rollout.internal;

import io.biggerfleet.model.DeviceStatus;
import java.util.List;

/**
 * What the executor observed of one rollout before asking the {@link Decider}: the devices' statuses
 * and step order (a read-only view of the engine's {@link DeviceTable}, which mirrors the store), whether a
 * backout's parent is still handing devices over (read from the store by the executor, never by the
 * decider), and the devices whose explicit due time (retry, detour, late joiner) has come.
 *
 * <p>A view, not a copy: valid while the plan does not change, that is for one decision. Not
 * thread-safe: built and read under the engine's lock.
 */
final class Observations {
  private final DeviceTable plan;
  private final boolean parentHandingOver;
  private final List<Integer> explicitlyDue;

  Observations(DeviceTable plan, boolean parentHandingOver, List<Integer> explicitlyDue) {
    this.plan = plan;
    this.parentHandingOver = parentHandingOver;
    this.explicitlyDue = List.copyOf(explicitlyDue);
  }

  /** A view of the plan alone: no parent handing over, nothing explicitly due. */
  static Observations of(DeviceTable plan) {
    return new Observations(plan, false, List.of());
  }

  /** True if this is a backout whose parent still hands devices over (its gate must wait). */
  boolean parentHandingOver() {
    return parentHandingOver;
  }

  /** Devices (plan indices, WAITING) whose explicit due time has come, earliest first. */
  List<Integer> explicitlyDue() {
    return explicitlyDue;
  }

  int devices() {
    return plan.size();
  }

  int total(int step) {
    return plan.total(step);
  }

  int count(int step, DeviceStatus s) {
    return plan.count(step, s);
  }

  int count(DeviceStatus s) {
    return plan.count(s);
  }

  int outstanding() {
    return plan.outstanding();
  }

  DeviceStatus status(int i) {
    return plan.status(i);
  }

  /** The step's devices (plan indices) in post order. */
  int orderOf(int step, int k) {
    return plan.order[step - 1][k];
  }

  int orderLength(int step) {
    return plan.order[step - 1].length;
  }

  int spread(int i) {
    return plan.spread[i];
  }

  /** The next position in the current step's order still to look at. */
  int position() {
    return plan.pos;
  }

  /** Devices of {@code step} that failed for good matching the step's abort rule {@code rule} (0-based). */
  int abortHits(int step, int rule) {
    return plan.abortHits(step, rule);
  }

  boolean hasExplicitDue(int i) {
    return plan.explicitDue.containsKey(i);
  }

  /** Device {@code i}'s local time zone (the rollout's default when it has none or no window is set). */
  java.time.ZoneId zone(int i) {
    return plan.zones == null ? plan.rollout.timezone() : plan.zones.zones[plan.zones.zone[i]];
  }

  /** Device {@code i}'s due time (epoch ms) in the current step's window schedule. */
  long windowDue(int i) {
    return plan.zones.due[i];
  }

  /** Posts recorded since {@code minuteStart} (epoch ms), for rate caps. */
  int postsSince(long minuteStart) {
    return Ramp.postsSince(plan.rollout.run(), minuteStart);
  }

  /**
   * When step {@code s}, started at {@code start}, ends its posts: {@code start + time}, or with a
   * maintenance window the end of the last device zone's spread.
   */
  java.time.Instant spreadEnd(int s, java.time.Instant start) {
    io.biggerfleet.model.MaintenanceWindow w = plan.rollout.pacing(s).window();
    long span = plan.rollout.config(s).window().toMillis();
    if (w == null || plan.zones == null) {
      return start.plusMillis(span);
    }
    return java.time.Instant.ofEpochMilli(plan.zones.spreadEnd(plan, s, w, start, span));
  }
}
