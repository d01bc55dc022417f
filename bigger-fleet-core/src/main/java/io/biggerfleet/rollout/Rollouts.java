package io.biggerfleet.rollout;

import io.biggerfleet.device.DeviceId;
import io.biggerfleet.group.SelectorResolver;
import io.biggerfleet.model.Change;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutStateException;
import io.biggerfleet.model.RolloutStep;
import io.biggerfleet.model.StepGuards;
import io.biggerfleet.rollout.internal.FailureResolutions;
import io.biggerfleet.rollout.internal.RolloutCommands;
import io.biggerfleet.rollout.internal.RolloutDrafts;
import io.biggerfleet.rollout.internal.RolloutEngine;
import io.biggerfleet.rollout.internal.RolloutQueries;
import io.biggerfleet.spi.DeviceTrails;
import io.biggerfleet.spi.FleetStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Rollouts of one fleet: draft, preview, activate, watch, pause, resume, abort, and resolve failures
 * (retry, reroute, backout). Get it from {@link io.biggerfleet.FleetClient#rollouts()}.
 *
 * <pre>{@code
 * Rollouts rollouts = fleet.rollouts();
 * rollouts.create(Rollout.builder("ROLLOUT5").change("set kernel=" + sha).message("new kernel")
 *     .devices("/").time("5d").timeout("12h").success("85%,99%").build());
 * rollouts.addStep("ROLLOUT5", "/specialsets/canary", "4h", "1h", "100%,100%");
 * rollouts.activate("ROLLOUT5");
 * while (...) { rollouts.tick(); }   // or call tick() from a scheduler
 * }</pre>
 *
 * <p><b>Engine.</b> Nothing runs in the background: {@link #tick()} does one round of work (post what
 * is due, read progress, decide gates) with time from the injected clock. Call it from a scheduler in
 * production, or after moving a {@link io.biggerfleet.ManualClock} in tests.
 *
 * <p><b>Thread-safety:</b> safe for concurrent use; calls are serialized on an internal lock.
 *
 * <p><b>Errors:</b> bad input → {@link io.biggerfleet.InvalidInputException}; unknown rollout or device
 * → {@link io.biggerfleet.NotFoundException}; a move the state table forbids →
 * {@link RolloutStateException}; an overlapping activation → {@link RolloutConflictException}. In every
 * case nothing was stored.
 */
public final class Rollouts {
  private final RolloutCommands commands;
  private final RolloutDrafts drafts;
  private final RolloutQueries queries;
  private final FailureResolutions resolutions;
  private final Clock clock;

  private Rollouts(RolloutEngine engine, Clock clock) {
    this.commands = new RolloutCommands(engine);
    this.drafts = new RolloutDrafts(commands);
    this.queries = new RolloutQueries(engine);
    this.resolutions = new FailureResolutions(commands);
    this.clock = clock;
  }

  /**
   * Rollouts over this store, clock, trails (by registry) and selector resolver. {@code actor} is who
   * the event log names for operator actions.
   */
  public static Rollouts over(
      FleetStore store,
      Clock clock,
      Map<String, DeviceTrails> trails,
      SelectorResolver resolver,
      String actor) {
    return over(store, clock, trails, resolver, actor, RolloutLeasing.local());
  }

  /**
   * Rollouts as {@link #over(FleetStore, Clock, Map, SelectorResolver, String)}, taking turns with other
   * engine instances on the same store through {@code leasing} (see {@link RolloutLeasing}).
   */
  public static Rollouts over(
      FleetStore store,
      Clock clock,
      Map<String, DeviceTrails> trails,
      SelectorResolver resolver,
      String actor,
      RolloutLeasing leasing) {
    RolloutEngine engine = new RolloutEngine(store, clock, trails, resolver, actor, leasing);
    return new Rollouts(engine, clock);
  }

  // ------------------------------------------------------------------ drafting

  /** Stores a new DRAFT (built with {@link Rollout#builder}); its selectors must resolve now. */
  public Rollout create(Rollout draft) {
    return drafts.create(draft);
  }

  /**
   * Adds a step to a DRAFT; {@code null} for time, timeout or success takes the rollout's default.
   * Example: {@code addStep("ROLLOUT5", "/specialsets/canary", "4h", "1h", "100%,100%")}.
   */
  public Rollout addStep(
      String rollout, String devices, String time, String timeout, String success) {
    return drafts.addStep(rollout, devices, time, timeout, success);
  }

  public Rollout addStep(String rollout, RolloutStep step) {
    return drafts.addStep(rollout, step);
  }

  /** Deletes planned step {@code number} (1-based) of a DRAFT. */
  public Rollout deleteStep(String rollout, int number) {
    return drafts.deleteStep(rollout, number);
  }

  /** Deletes a DRAFT rollout. */
  public Rollout delete(String rollout) {
    return drafts.delete(rollout);
  }

  /** Per step: devices and latest time span (for a DRAFT, as if activated now). */
  public RolloutPlan plan(String rollout) {
    return queries.plan(rollout);
  }

  // ------------------------------------------------------------------ lifecycle

  /**
   * Activates a DRAFT: membership is frozen, referenced objects must exist, and no device may be in
   * another running rollout ({@link RolloutConflictException} lists them). Returns the frozen plan.
   */
  public RolloutPlan activate(String rollout) {
    return commands.activate(rollout);
  }

  /** Pauses an ACTIVE rollout: nothing new is posted; results keep being recorded. */
  public Rollout pause(String rollout) {
    return commands.pause(rollout);
  }

  /** Resumes a PAUSED rollout; the remaining schedule shifts by the paused time. */
  public Rollout resume(String rollout) {
    return commands.resume(rollout);
  }

  /**
   * Approves the step {@code rollout} waits on in AWAITING_APPROVAL on behalf of {@code who}: the step
   * starts now, the rest of the schedule (ETA, due times) shifts by the time held, and who and when are
   * recorded in the run and the event log ({@code STEP_APPROVED}). {@code step} 0 means whichever step
   * it waits on; another number must name that step (a guard against approving the wrong one).
   *
   * @throws RolloutStateException if the rollout does not wait for an approval, or {@code who} may not
   *     approve its step
   * @throws io.biggerfleet.InvalidInputException if {@code step} is not the waiting step; nothing changed
   */
  public Rollout approve(String rollout, int step, String who) {
    return commands.approve(rollout, step, who);
  }

  /**
   * Registers a health check under {@code name}; a step added with {@code health=name} (see
   * {@link StepGuards#parse(String, String, String, String)}) asks it at its gate, after the step's
   * criteria pass (see {@link io.biggerfleet.spi.HealthCheck} for threading, idempotency and errors).
   * Register before adding such a step: adding one that names an unknown check is refused. Returns this.
   */
  public Rollouts healthCheck(String name, io.biggerfleet.spi.HealthCheck check) {
    commands.engine().registerHealthCheck(name, check);
    return this;
  }

  /** Aborts: nothing more is posted; queued devices and steps not picked up end ABORT. */
  public Rollout abort(String rollout) {
    return commands.abort(rollout);
  }

  /**
   * Backs a rollout out: it ends ABORTED; devices that never took the change end ABORT; devices that
   * took it get their pre-rollout state from a new backout rollout (returned), and end ROLLBACK.
   */
  public Rollout backout(String rollout) {
    return commands.backout(rollout);
  }

  // ------------------------------------------------------------------ failures

  /** Failed devices of a rollout. */
  public List<Failure> failures(String rollout) {
    return queries.failures(rollout);
  }

  /** Retries one failed device: {@code DEVICE-B@pantahub.com@2} (device, then step). */
  public Rollout retry(String deviceAtStep) {
    return resolutions.retry(deviceAtStep);
  }

  /** Retries every failed device of the rollout. */
  public Rollout retryAllFailed(String rollout) {
    return resolutions.retryAllFailed(rollout);
  }

  /**
   * Reroutes failed devices: {@code target} is {@code ALLFAIL} or a comma-separated list of device ids;
   * they first get {@code detourChange} (parsed like a {@link Change}), then the rollout's change again.
   */
  public Rollout reroute(String rollout, String target, String detourChange) {
    Objects.requireNonNull(target, "target");
    Change detour = Change.parse(detourChange);
    List<DeviceId> devices = new ArrayList<>();
    if (!target.strip().toUpperCase(Locale.ROOT).equals("ALLFAIL")) {
      for (String s : target.split(",")) {
        devices.add(DeviceId.parse(s.strip()));
      }
    }
    return resolutions.reroute(rollout, devices, detour);
  }

  /** Reroutes the given failed devices (empty = all failed) through {@code detour}. */
  public Rollout reroute(String rollout, Collection<DeviceId> devices, Change detour) {
    return resolutions.reroute(rollout, devices, detour);
  }

  /** The head of a failed device's log for the failed revision (empty if the registry keeps none). */
  public List<String> errorLog(Failure failure, int maxLines) {
    return queries.errorLog(failure, maxLines);
  }

  // ------------------------------------------------------------------ reading

  public Rollout get(String rollout) {
    return queries.get(rollout);
  }

  /** Every rollout, sorted by name. */
  public List<Rollout> list() {
    return queries.list();
  }

  /** Every device of the rollout with where it stands, sorted by device. */
  public List<DeviceRolloutProgress> progress(String rollout) {
    return queries.progress(rollout);
  }

  /**
   * When each queued device of an ACTIVE rollout is due to be posted, earliest first: the devices of
   * the current step at their place in its window, and retried, rerouted or late-joining devices at
   * their own time (devices of later steps wait for a gate and are left out; not ACTIVE: empty).
   */
  public Map<DeviceId, Instant> dueTimes(String rollout) {
    return queries.dueTimes(rollout);
  }

  /** Devices still posted but unreported after the rollout finished (offline ones, left behind). */
  public List<DeviceRolloutProgress> leftBehind(String rollout) {
    return queries.leftBehind(rollout);
  }

  /** Per-step status of the rollout. */
  public List<StepReport> steps(String rollout) {
    return queries.steps(rollout);
  }

  /** The status line of one rollout, e.g. {@code ROLLOUT2 ACTIVE (Step: 2/5, ...)}. */
  public String statusLine(String rollout) {
    return statusLine(get(rollout), clock.instant());
  }

  /** The status lines of every rollout. */
  public List<String> statusLines() {
    List<String> out = new ArrayList<>();
    for (Rollout r : list()) {
      out.add(statusLine(r, clock.instant()));
    }
    return out;
  }

  private String statusLine(Rollout r, Instant now) {
    return queries.statusLine(r, now);
  }

  /** The detail view of one rollout: {@code Status: ...} and a line per step. */
  public List<String> describe(String rollout) {
    return RolloutFormat.detailLines(get(rollout), steps(rollout));
  }

  // ------------------------------------------------------------------ engine

  /** One round of the engine over every running rollout. Returns how many rollouts it drove. */
  public int tick() {
    return commands.engine().tick();
  }

  /** One round of the engine over one rollout. */
  public boolean tick(String rollout) {
    return commands.engine().tick(rollout);
  }

  /**
   * Stops this engine abruptly, as if its process were killed — for crash tests, and for embedders
   * that must stop at once (a shutdown deadline, a lost host).
   *
   * <p>Work in flight is abandoned where it stands: a store write, post, cancel or lease change already
   * under way lands or not, as it would in a crash, but its result is discarded and this instance makes
   * no further effect — it does not even record that effect. Leases it holds are not released (another
   * instance takes the rollout over when they expire). A new {@code Rollouts} over the same store and
   * trails then recovers exactly as after a crash: devices left in POSTING are looked up by their step
   * marker before anything is posted again (docs/rollouts.md, "Crashes").
   *
   * <p>Safe to call from any thread and at any time, also from inside a store, trails or listener call
   * this engine is making (crash tests stop it that way, between two effects). Returns at once; a tick
   * running on another thread ends at its next store or trails call. To wait for that, call
   * {@link #tick()}: it takes the engine's lock, so it returns once the running tick has ended.
   * Idempotent. Afterwards {@link #tick()} does nothing and returns 0 ({@link #tick(String)} false);
   * every method that reads or writes the store throws {@link IllegalStateException}.
   */
  public void abandon() {
    commands.engine().abandon();
  }

  /** Fleet load: devices per status over the rollouts being driven, updates in flight. */
  public FleetLoad load() {
    return commands.engine().load();
  }

  public void addListener(RolloutListener listener) {
    commands.engine().addListener(listener);
  }

  public void removeListener(RolloutListener listener) {
    commands.engine().removeListener(listener);
  }

  @Override
  public String toString() {
    return "Rollouts[" + list().size() + " rollouts]";
  }
}
