package io.biggerfleet.model;

import io.biggerfleet.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A named, multi-step plan that applies a {@link Change} to the trails of selected devices, and where
 * it stands ({@link #run()}).
 *
 * <p>Definition: unique name, change, commit message, base device selector, defaults (time window,
 * timeout, success criteria — also the implicit FINAL step's configuration), ordered steps, and
 * policies (automatic retry, late joiners, gate failure). Every text input is parsed when given to the
 * {@link Builder}, so a typo fails at once with a clear message.
 *
 * <pre>{@code
 * Rollout r = Rollout.builder("ROLLOUT5")
 *     .change("set kernel=prn::pantahub.com:objects:/" + sha)
 *     .message("update kernel across device fleet")
 *     .devices("/")
 *     .time("5d").timeout("12h").success("85%,99%")
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Rollout {
  /** Longest rollout name. */
  public static final int MAX_NAME_LENGTH = 64;
  /** Most planned steps (FINAL not counted). */
  public static final int MAX_STEPS = 50;

  private final RolloutValues v;

  private Rollout(Builder b) {
    this.v = new RolloutValues(
        b.name,
        b.kind,
        b.parent,
        b.state,
        b.change,
        b.detour,
        b.message,
        b.devices,
        b.defaults(),
        b.steps,
        b.retry,
        b.lateJoiners,
        b.onGateFailure,
        b.createdAt,
        b.run,
        b.timezone);
  }

  /** A builder for a new DRAFT rollout named {@code name}. */
  public static Builder builder(String name) {
    return new Builder(checkName(name));
  }

  /**
   * Checks a rollout name: 1 to {@value #MAX_NAME_LENGTH} characters of letters, digits, {@code . _ - #}.
   *
   * @throws InvalidInputException naming the problem
   */
  public static String checkName(String name) {
    return RolloutInputs.name(name);
  }

  /** A builder holding this rollout's values. */
  public Builder toBuilder() {
    Builder b = new Builder(v.name());
    b.kind = v.kind();
    b.parent = v.parent();
    b.state = v.state();
    b.change = v.change();
    b.detour = v.detour();
    b.message = v.message();
    b.devices = v.devices();
    b.defaults = v.defaults();
    b.pacing = v.defaults().pacing();
    b.steps.addAll(v.steps());
    b.retry = v.retry();
    b.lateJoiners = v.lateJoiners();
    b.onGateFailure = v.onGateFailure();
    b.createdAt = v.createdAt();
    b.run = v.run();
    b.timezone = v.timezone();
    return b;
  }

  public String name() {
    return v.name();
  }

  public RolloutKind kind() {
    return v.kind();
  }

  /** For a backout rollout, the rollout it reverts. */
  public Optional<String> parent() {
    return Optional.ofNullable(v.parent());
  }

  public RolloutState state() {
    return v.state();
  }

  public Change change() {
    return v.change();
  }

  /** The detour change rerouted devices get first, if a reroute was requested. */
  public Optional<Change> detour() {
    return Optional.ofNullable(v.detour());
  }

  /** Commit message of every step the rollout posts. */
  public String message() {
    return v.message();
  }

  /** Base device selector, e.g. {@code /}. */
  public String devices() {
    return v.devices();
  }

  /** Default time window, timeout and criteria: new steps start from them; FINAL uses them. */
  public StepConfig defaults() {
    return v.defaults();
  }

  /** The planned steps, FINAL not included. */
  public List<RolloutStep> steps() {
    return v.steps();
  }

  /** Number of steps including FINAL. */
  public int stepCount() {
    return v.steps().size() + 1;
  }

  /** The configuration of step {@code n} (1-based; {@link #stepCount()} is FINAL). */
  public StepConfig config(int n) {
    if (n < 1 || n > stepCount()) {
      throw new InvalidInputException(
          "Rollout '" + v.name() + "' has steps 1 to " + stepCount() + ", not " + n);
    }
    return n == stepCount() ? v.defaults() : v.steps().get(n - 1).config();
  }

  public DeviceRetry retry() {
    return v.retry();
  }

  public LateJoinerPolicy lateJoiners() {
    return v.lateJoiners();
  }

  public GateFailurePolicy onGateFailure() {
    return v.onGateFailure();
  }

  public Instant createdAt() {
    return v.createdAt();
  }

  /** Where the rollout stands. */
  public RolloutRun run() {
    return v.run();
  }

  /**
   * Where step {@code n} may post and how fast: the step's own {@link Pacing}, falling back field by
   * field to the rollout's ({@link #defaults()}; FINAL uses the rollout's).
   */
  public Pacing pacing(int n) {
    return config(n).pacing().orElse(v.defaults().pacing());
  }

  /** The time zone of devices without a (known) {@code Timezone} attribute; default UTC. */
  public java.time.ZoneId timezone() {
    return v.timezone();
  }

  /** The longest the whole plan takes: the sum of every step's window and timeout. */
  public Duration plannedSpan() {
    Duration d = Duration.ZERO;
    for (int i = 1; i <= stepCount(); i++) {
      d = d.plus(config(i).span());
    }
    return d;
  }

  /** A copy with another run. */
  public Rollout withRun(RolloutRun newRun) {
    return toBuilder().run(newRun).build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Rollout && ((Rollout) o).v.equals(v);
  }

  @Override
  public int hashCode() {
    return Objects.hash(v.name(), v.state(), v.change(), v.devices(), v.steps(), v.run());
  }

  @Override
  public String toString() {
    return v.name() + " " + v.state() + " (devices=" + v.devices() + ", change=" + v.change() + ", "
        + stepCount() + " steps)";
  }

  /**
   * Configures a {@link Rollout}. Text setters parse at once and throw {@link InvalidInputException}
   * on a bad value. Not thread-safe.
   */
  public static final class Builder {
    private final String name;
    private RolloutKind kind = RolloutKind.CHANGE;
    private String parent;
    private RolloutState state = RolloutState.DRAFT;
    private Change change;
    private Change detour;
    private String message = "";
    private String devices = "/";
    private Duration window = Duration.ofDays(1);
    private Duration timeout = Duration.ofHours(1);
    private SuccessCriteria criteria = SuccessCriteria.ofBasisPoints(10_000, 10_000);
    private StepConfig defaults;
    private StepGuards guards = StepGuards.none();
    private final List<RolloutStep> steps = new ArrayList<>();
    private DeviceRetry retry = DeviceRetry.none();
    private LateJoinerPolicy lateJoiners = LateJoinerPolicy.IGNORE;
    private GateFailurePolicy onGateFailure = GateFailurePolicy.STOP;
    private Instant createdAt = Instant.EPOCH;
    private RolloutRun run = RolloutRun.notStarted();
    private java.time.ZoneId timezone = java.time.ZoneOffset.UTC;
    private Pacing pacing = Pacing.NONE;

    private Builder(String name) {
      this.name = name;
    }

    /** The change, parsed now (see {@link Change#parse}). */
    public Builder change(String text) {
      return change(Change.parse(text));
    }

    public Builder change(Change c) {
      this.change = Objects.requireNonNull(c, "change");
      return this;
    }

    /** The detour change of a reroute; {@code null} clears it. */
    public Builder detour(Change c) {
      this.detour = c;
      return this;
    }

    /** The commit message of every posted step. */
    public Builder message(String text) {
      this.message = RolloutInputs.message(text);
      return this;
    }

    /** The base device selector; default {@code /} (every device). */
    public Builder devices(String selector) {
      this.devices = RolloutInputs.selector(selector);
      return this;
    }

    /** Default time window, e.g. {@code 5d}; default 1d. */
    public Builder time(String text) {
      return time(Durations.parse("time", text));
    }

    public Builder time(Duration d) {
      this.window = d;
      defaults = null;
      return this;
    }

    /** Default timeout, e.g. {@code 12h}; default 1h. */
    public Builder timeout(String text) {
      return timeout(Durations.parse("timeout", text));
    }

    public Builder timeout(Duration d) {
      this.timeout = d;
      defaults = null;
      return this;
    }

    /** Default success criteria, e.g. {@code 85%,99%}; default 100%,100%. */
    public Builder success(String text) {
      return success(SuccessCriteria.parse(text));
    }

    public Builder success(SuccessCriteria c) {
      this.criteria = Objects.requireNonNull(c, "success");
      defaults = null;
      return this;
    }

    /**
     * The rollout's maintenance window and rate cap (also FINAL's, and every step's fallback).
     */
    public Builder pacing(Pacing p) {
      this.pacing = Objects.requireNonNull(p, "pacing");
      defaults = null;
      return this;
    }

    /**
     * The time zone of devices without a known {@code Timezone} attribute, e.g. {@code Europe/Berlin} or
     * {@code Asia/Hong Kong} (spaces read as underscores); default UTC.
     *
     * @throws InvalidInputException if the zone is unknown
     */
    public Builder timezone(String text) {
      this.timezone = RolloutInputs.timezone(text);
      return this;
    }

    public Builder timezone(java.time.ZoneId zone) {
      this.timezone = Objects.requireNonNull(zone, "timezone");
      return this;
    }

    /** Adds a planned step (before FINAL). */
    public Builder step(RolloutStep step) {
      steps.add(Objects.requireNonNull(step, "step"));
      return this;
    }

    /** Removes every planned step. */
    public Builder clearSteps() {
      steps.clear();
      return this;
    }

    public Builder retry(DeviceRetry policy) {
      this.retry = Objects.requireNonNull(policy, "retry");
      return this;
    }

    public Builder lateJoiners(LateJoinerPolicy policy) {
      this.lateJoiners = Objects.requireNonNull(policy, "late joiners");
      return this;
    }

    public Builder onGateFailure(GateFailurePolicy policy) {
      this.onGateFailure = Objects.requireNonNull(policy, "on gate failure");
      return this;
    }

    /** Set by the fleet when the rollout is stored. */
    public Builder createdAt(Instant t) {
      this.createdAt = Objects.requireNonNull(t, "createdAt");
      return this;
    }

    /**
     * Moves the rollout along one row of {@link RolloutTransition#table()}: the only way the fleet changes
     * a rollout's state.
     *
     * @throws RolloutStateException if the builder's state is not the transition's {@code from}, or the
     *     transition is not a row of the table
     */
    public Builder transition(RolloutTransition t) {
      this.state = RolloutInputs.transition(name, state, t);
      return this;
    }

    /**
     * For stores and tests that rebuild a <em>stored</em> rollout: its state as it was stored. Not a way to
     * change a rollout's state — that is {@link #transition}, which checks the table.
     */
    public Builder restoredState(RolloutState s) {
      this.state = Objects.requireNonNull(s, "state");
      return this;
    }

    /** Set by the fleet: a backout rollout reverting {@code parentName}. */
    public Builder backoutOf(String parentName) {
      this.kind = RolloutKind.BACKOUT;
      this.parent = Objects.requireNonNull(parentName, "parent");
      return this;
    }

    /** Set by the engine. */
    public Builder run(RolloutRun r) {
      this.run = Objects.requireNonNull(r, "run");
      return this;
    }

    /**
     * @throws InvalidInputException if no change was given or there are too many steps
     */
    public Rollout build() {
      RolloutInputs.buildable(name, change != null, steps.size());
      defaults = defaults();
      return new Rollout(this);
    }

    /** The defaults this builder would give the rollout (for steps that leave values out). */
    public StepConfig defaults() {
      return defaults != null
          ? defaults
          : StepConfig.of(window, timeout, criteria).withGuards(guards).withPacing(pacing);
    }

    /** Sets all three defaults at once. */
    public Builder defaults(StepConfig c) {
      Objects.requireNonNull(c, "defaults");
      this.window = c.window();
      this.timeout = c.timeout();
      this.criteria = c.criteria();
      this.pacing = c.pacing();
      this.guards = c.guards();
      this.defaults = c;
      return this;
    }
  }
}
