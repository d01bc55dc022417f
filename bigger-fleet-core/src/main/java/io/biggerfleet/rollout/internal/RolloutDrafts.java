package io.biggerfleet.rollout.internal;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.event.EventType;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutRun;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.model.RolloutStep;
import io.biggerfleet.model.StepConfig;
import io.biggerfleet.spi.Versioned;
import java.time.Instant;
import java.util.Objects;

/**
 * Editing rollouts while they are DRAFTs: create, add and delete steps, delete the draft. Each edit is
 * one versioned store write with a {@code ROLLOUT_CREATED}/{@code ROLLOUT_CHANGED}/{@code
 * ROLLOUT_DELETED} event; bad input (a selector that does not parse, an unknown health check, a step
 * number out of range, a rollout that is no longer a DRAFT) changes nothing. Runs under the engine's
 * lock, like {@link RolloutCommands}, whose store access it shares.
 */
public final class RolloutDrafts {
  private final RolloutCommands commands;
  private final RolloutEngine engine;

  public RolloutDrafts(RolloutCommands commands) {
    this.commands = Objects.requireNonNull(commands, "commands");
    this.engine = commands.engine();
  }

  public Rollout create(Rollout draft) {
    synchronized (engine) {
      Objects.requireNonNull(draft, "rollout");
      if (draft.state() != RolloutState.DRAFT
          || !draft.run().equals(RolloutRun.notStarted())
          || draft.parent().isPresent()) {
        throw new InvalidInputException(
            "A new rollout must be a fresh DRAFT built with Rollout.builder(name)");
      }
      if (engine.store.rollout(draft.name()).isPresent()) {
        throw new InvalidInputException("A rollout named '" + draft.name() + "' already exists");
      }
      engine.resolver.resolve(draft.devices());
      for (RolloutStep s : draft.steps()) {
        engine.resolver.resolve(s.selector());
      }
      Instant now = commands.now(); // one reading: the record's time and its event's agree
      Rollout r = draft.toBuilder().createdAt(now).build();
      Batch b = engine.batch(now);
      b.event(
          EventType.ROLLOUT_CREATED,
          r.name(),
          "Created rollout '" + r.name() + "' over '" + r.devices() + "': " + r.change());
      b.writes.putRollout(r, 0);
      engine.store.write(b.writes.build());
      engine.publish(b);
      return r;
    }
  }

  /** Adds a step; null texts take the rollout's defaults. */
  public Rollout addStep(
      String name, String selector, String time, String timeout, String success) {
    synchronized (engine) {
      Versioned<Rollout> vr = commands.find(name);
      StepConfig d = vr.value().defaults();
      StepConfig cfg = StepConfig.of(
          time == null ? d.window() : io.biggerfleet.model.Durations.parse("time", time),
          timeout == null ? d.timeout() : io.biggerfleet.model.Durations.parse("timeout", timeout),
          success == null ? d.criteria() : io.biggerfleet.model.SuccessCriteria.parse(success));
      return addStep(vr, RolloutStep.of(selector, cfg));
    }
  }

  public Rollout addStep(String name, RolloutStep step) {
    synchronized (engine) {
      return addStep(commands.find(name), step);
    }
  }

  private Rollout addStep(Versioned<Rollout> vr, RolloutStep step) {
    Rollout r = vr.value();
    RolloutCommands.requireDraft(r, "add a step to");
    for (String h : step.config().guards().healthChecks()) {
      if (!engine.hasHealthCheck(h)) {
        throw new InvalidInputException(
            "health: no health check named '" + h + "' is registered (Rollouts.healthCheck)");
      }
    }
    engine.resolver.resolve(step.selector());
    Rollout next = r.toBuilder().step(step).build();
    Batch b = engine.batch(commands.now());
    b.event(EventType.ROLLOUT_CHANGED, r.name(), "Added step " + next.steps().size() + " " + step);
    return commands.write(vr, next, b);
  }

  public Rollout deleteStep(String name, int number) {
    synchronized (engine) {
      Versioned<Rollout> vr = commands.find(name);
      Rollout r = vr.value();
      RolloutCommands.requireDraft(r, "delete a step of");
      if (number < 1 || number > r.steps().size()) {
        throw new InvalidInputException("Rollout '" + name + "' has "
            + (r.steps().isEmpty()
                ? "no steps to delete"
                : "steps 1 to " + r.steps().size()) + "; cannot delete step " + number
            + " (FINAL cannot be deleted)");
      }
      Rollout.Builder nb = r.toBuilder().clearSteps();
      for (int i = 0; i < r.steps().size(); i++) {
        if (i != number - 1) {
          nb.step(r.steps().get(i));
        }
      }
      Batch b = engine.batch(commands.now());
      b.event(
          EventType.ROLLOUT_CHANGED,
          name,
          "Deleted step " + number + " " + r.steps().get(number - 1));
      return commands.write(vr, nb.build(), b);
    }
  }

  public Rollout delete(String name) {
    synchronized (engine) {
      Versioned<Rollout> vr = commands.find(name);
      RolloutCommands.requireDraft(vr.value(), "delete");
      Batch b = engine.batch(commands.now());
      b.event(EventType.ROLLOUT_DELETED, name, "Deleted DRAFT rollout '" + name + "'");
      b.writes.deleteRollout(name, vr.version());
      engine.store.write(b.writes.build());
      engine.publish(b);
      return vr.value();
    }
  }
}
