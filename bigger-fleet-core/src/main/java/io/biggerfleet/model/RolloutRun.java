package io.biggerfleet.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a rollout stands while it runs, as the engine keeps it in the store: when it was activated,
 * which step runs (1-based; 0 before activation; {@code steps + 1} is FINAL), when that step started and
 * when its gate falls, when it was paused, when it finished, the last gate's figures, how many devices
 * it holds and the progress-feed cursor per registry. All plain fields, so any store can map them.
 *
 * <p>Immutable and thread-safe. Changed copies come from {@link #toBuilder()}.
 */
public final class RolloutRun {
  private static final RolloutRun NOT_STARTED = new Builder().build();

  private final Instant activatedAt;
  private final int currentStep;
  private final Instant stepStartedAt;
  private final Instant gateAt;
  private final Instant pausedAt;
  private final Instant finishedAt;
  private final int lastReportedBp;
  private final int lastSuccessBp;
  private final int failedStep;
  private final int deviceCount;
  private final Instant nextJoinerCheck;
  private final Map<String, String> cursors;
  private final boolean watching;
  private final String backout;
  private final Instant awaitingSince;
  private final int approvedStep;
  private final String approvedBy;
  private final Instant approvedAt;
  private final String failedBecause;
  private final Instant healthSince;
  private final String healthNote;
  private final long rampMinute;
  private final int rampPosts;

  private RolloutRun(Builder b) {
    this.activatedAt = b.activatedAt;
    this.currentStep = b.currentStep;
    this.stepStartedAt = b.stepStartedAt;
    this.gateAt = b.gateAt;
    this.pausedAt = b.pausedAt;
    this.finishedAt = b.finishedAt;
    this.lastReportedBp = b.lastReportedBp;
    this.lastSuccessBp = b.lastSuccessBp;
    this.failedStep = b.failedStep;
    this.deviceCount = b.deviceCount;
    this.nextJoinerCheck = b.nextJoinerCheck;
    this.cursors = java.util.Collections.unmodifiableMap(new TreeMap<>(b.cursors));
    this.watching = b.watching;
    this.backout = b.backout;
    this.awaitingSince = b.awaitingSince;
    this.approvedStep = b.approvedStep;
    this.approvedBy = b.approvedBy;
    this.approvedAt = b.approvedAt;
    this.failedBecause = b.failedBecause;
    this.healthSince = b.healthSince;
    this.healthNote = b.healthNote;
    this.rampMinute = b.rampMinute;
    this.rampPosts = b.rampPosts;
  }

  /** The run of a rollout that was never activated. */
  public static RolloutRun notStarted() {
    return NOT_STARTED;
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.activatedAt = activatedAt;
    b.currentStep = currentStep;
    b.stepStartedAt = stepStartedAt;
    b.gateAt = gateAt;
    b.pausedAt = pausedAt;
    b.finishedAt = finishedAt;
    b.lastReportedBp = lastReportedBp;
    b.lastSuccessBp = lastSuccessBp;
    b.failedStep = failedStep;
    b.deviceCount = deviceCount;
    b.nextJoinerCheck = nextJoinerCheck;
    b.cursors.putAll(cursors);
    b.watching = watching;
    b.backout = backout;
    b.awaitingSince = awaitingSince;
    b.approvedStep = approvedStep;
    b.approvedBy = approvedBy;
    b.approvedAt = approvedAt;
    b.failedBecause = failedBecause;
    b.healthSince = healthSince;
    b.healthNote = healthNote;
    b.rampMinute = rampMinute;
    b.rampPosts = rampPosts;
    return b;
  }

  public Optional<Instant> activatedAt() {
    return Optional.ofNullable(activatedAt);
  }

  /** 1-based number of the running (or last run) step; 0 before activation. */
  public int currentStep() {
    return currentStep;
  }

  /** When the current step started (shifted by pauses). */
  public Optional<Instant> stepStartedAt() {
    return Optional.ofNullable(stepStartedAt);
  }

  /** When the current step's gate decides at the latest (shifted by pauses, extended by retries). */
  public Optional<Instant> gateAt() {
    return Optional.ofNullable(gateAt);
  }

  /** When the rollout was paused; empty unless PAUSED. */
  public Optional<Instant> pausedAt() {
    return Optional.ofNullable(pausedAt);
  }

  /** When the rollout reached DONE, ERROR or ABORTED. */
  public Optional<Instant> finishedAt() {
    return Optional.ofNullable(finishedAt);
  }

  /** Reported share at the last gate decision, hundredths of a percent; -1 before any gate. */
  public int lastReportedBasisPoints() {
    return lastReportedBp;
  }

  /** Success share among reporters at the last gate decision, hundredths of a percent; -1 before any. */
  public int lastSuccessBasisPoints() {
    return lastSuccessBp;
  }

  /** The step whose gate failed (1-based), or 0. */
  public int failedStep() {
    return failedStep;
  }

  /** Devices in the rollout (membership snapshot plus late joiners). */
  public int deviceCount() {
    return deviceCount;
  }

  /** When FINAL next looks for late joiners; empty when it does not. */
  public Optional<Instant> nextJoinerCheck() {
    return Optional.ofNullable(nextJoinerCheck);
  }

  /** The progress-feed cursor per registry. */
  public Map<String, String> cursors() {
    return cursors;
  }

  /**
   * True while a finished (DONE, ERROR, ABORTED) rollout still has devices to watch or clean up: steps
   * posted but not yet reported (offline devices, left behind), or an abort's cancels not yet made.
   */
  public boolean watching() {
    return watching;
  }

  /**
   * For a step with a rate cap: the start (epoch ms) of the minute of the latest posts, and how many were
   * posted in it — stored with each post batch, so a restarted engine knows this minute's count exactly.
   */
  public long rampMinute() {
    return rampMinute;
  }

  /** Posts recorded in {@link #rampMinute()}. */
  public int rampPosts() {
    return rampPosts;
  }

  /** The backout rollout an ABORTED rollout hands its changed devices to, if it was backed out. */
  public Optional<String> backout() {
    return Optional.ofNullable(backout);
  }

  /** Since when the rollout waits for the current step's approval; empty unless AWAITING_APPROVAL. */
  public Optional<Instant> awaitingSince() {
    return Optional.ofNullable(awaitingSince);
  }

  /** The last step approved (1-based), or 0 when none was. */
  public int approvedStep() {
    return approvedStep;
  }

  /** Who approved {@link #approvedStep()}; empty when none was. */
  public Optional<String> approvedBy() {
    return Optional.ofNullable(approvedBy);
  }

  /** When {@link #approvedStep()} was approved; empty when none was. */
  public Optional<Instant> approvedAt() {
    return Optional.ofNullable(approvedAt);
  }

  /**
   * Why the last gate failed when something other than the success criteria failed it, e.g.
   * {@code abort rule 'failed>1' tripped: 2 of 5 reported failed so}; empty otherwise.
   */
  public Optional<String> failedBecause() {
    return Optional.ofNullable(failedBecause);
  }

  /**
   * When the current step's health phase (soak, health checks) began: the first tick its criteria
   * passed; empty before that or without a health gate.
   */
  public Optional<Instant> healthSince() {
    return Optional.ofNullable(healthSince);
  }

  /** The health gate's last word on the current step ({@code soak: until 14:00 ...}); empty if none. */
  public Optional<String> healthNote() {
    return Optional.ofNullable(healthNote);
  }

  /** Time since activation, up to {@code now} or the finish. */
  public Duration runningFor(Instant now) {
    if (activatedAt == null) {
      return Duration.ZERO;
    }
    return Duration.between(activatedAt, finishedAt != null ? finishedAt : now);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RolloutRun)) {
      return false;
    }
    RolloutRun r = (RolloutRun) o;
    return Objects.equals(activatedAt, r.activatedAt)
        && currentStep == r.currentStep
        && Objects.equals(stepStartedAt, r.stepStartedAt)
        && Objects.equals(gateAt, r.gateAt)
        && Objects.equals(pausedAt, r.pausedAt)
        && Objects.equals(finishedAt, r.finishedAt)
        && lastReportedBp == r.lastReportedBp
        && lastSuccessBp == r.lastSuccessBp
        && failedStep == r.failedStep
        && deviceCount == r.deviceCount
        && Objects.equals(nextJoinerCheck, r.nextJoinerCheck)
        && cursors.equals(r.cursors)
        && watching == r.watching
        && Objects.equals(backout, r.backout)
        && Objects.equals(awaitingSince, r.awaitingSince)
        && approvedStep == r.approvedStep
        && Objects.equals(approvedBy, r.approvedBy)
        && Objects.equals(approvedAt, r.approvedAt)
        && Objects.equals(failedBecause, r.failedBecause)
        && Objects.equals(healthSince, r.healthSince)
        && Objects.equals(healthNote, r.healthNote)
        && rampMinute == r.rampMinute
        && rampPosts == r.rampPosts;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        activatedAt, currentStep, stepStartedAt, gateAt, pausedAt, finishedAt, deviceCount);
  }

  @Override
  public String toString() {
    return "RolloutRun[step " + currentStep + ", started " + stepStartedAt + ", gate " + gateAt
        + ", devices " + deviceCount + "]";
  }

  /** Builds a {@link RolloutRun}. Not thread-safe. */
  public static final class Builder {
    private Instant activatedAt;
    private int currentStep;
    private Instant stepStartedAt;
    private Instant gateAt;
    private Instant pausedAt;
    private Instant finishedAt;
    private int lastReportedBp = -1;
    private int lastSuccessBp = -1;
    private int failedStep;
    private int deviceCount;
    private Instant nextJoinerCheck;
    private final Map<String, String> cursors = new TreeMap<>();
    private boolean watching;
    private String backout;
    private Instant awaitingSince;
    private int approvedStep;
    private String approvedBy;
    private Instant approvedAt;
    private String failedBecause;
    private Instant healthSince;
    private String healthNote;
    private long rampMinute = Long.MIN_VALUE;
    private int rampPosts;

    private Builder() {}

    /** When the current step's health phase began, and its last word; {@code null}s for none. */
    public Builder health(Instant since, String note) {
      healthSince = since;
      healthNote = note;
      return this;
    }

    /** Why the last gate failed, beyond the criteria; {@code null} for none. */
    public Builder failedBecause(String why) {
      failedBecause = why;
      return this;
    }

    /** Since when the current step waits for approval; {@code null} when it does not. */
    public Builder awaitingSince(Instant t) {
      awaitingSince = t;
      return this;
    }

    /** Records that {@code step} was approved by {@code who} at {@code at}. */
    public Builder approved(int step, String who, Instant at) {
      approvedStep = step;
      approvedBy = who;
      approvedAt = at;
      return this;
    }

    public Builder watching(boolean w) {
      watching = w;
      return this;
    }

    /** The rate cap's minute (epoch ms of its start) and the posts recorded in it. */
    public Builder ramp(long minuteStart, int posts) {
      rampMinute = minuteStart;
      rampPosts = posts;
      return this;
    }

    /** The backout rollout's name; {@code null} for none. */
    public Builder backout(String name) {
      backout = name;
      return this;
    }

    public Builder activatedAt(Instant t) {
      activatedAt = t;
      return this;
    }

    public Builder currentStep(int step) {
      currentStep = step;
      return this;
    }

    public Builder stepStartedAt(Instant t) {
      stepStartedAt = t;
      return this;
    }

    public Builder gateAt(Instant t) {
      gateAt = t;
      return this;
    }

    public Builder pausedAt(Instant t) {
      pausedAt = t;
      return this;
    }

    public Builder finishedAt(Instant t) {
      finishedAt = t;
      return this;
    }

    public Builder lastGate(int reportedBp, int successBp) {
      lastReportedBp = reportedBp;
      lastSuccessBp = successBp;
      return this;
    }

    public Builder failedStep(int step) {
      failedStep = step;
      return this;
    }

    public Builder deviceCount(int n) {
      deviceCount = n;
      return this;
    }

    public Builder nextJoinerCheck(Instant t) {
      nextJoinerCheck = t;
      return this;
    }

    /** Sets (or, with {@code null}, clears) the cursor of one registry. */
    public Builder cursor(String registry, String cursor) {
      if (cursor == null) {
        cursors.remove(registry);
      } else {
        cursors.put(registry, cursor);
      }
      return this;
    }

    public RolloutRun build() {
      return new RolloutRun(this);
    }
  }
}
