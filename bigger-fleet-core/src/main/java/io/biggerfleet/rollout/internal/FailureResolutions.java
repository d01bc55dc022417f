package io.biggerfleet.rollout.internal;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.NotFoundException;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.event.EventType;
import io.biggerfleet.model.Change;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutAction;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.model.RolloutStateException;
import io.biggerfleet.model.RolloutTransition;
import io.biggerfleet.spi.Versioned;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Resolving failed devices of a rollout: retry one, retry all, or reroute them through a detour change.
 * Each is one atomic, versioned store write; a finished rollout (ERROR, DONE) runs again through the
 * {@link RolloutTransition#table() transition table}'s RETRY or REROUTE row. Bad input changes nothing.
 * Runs under the engine's lock.
 */
public final class FailureResolutions {
  private final RolloutCommands commands;
  private final RolloutEngine engine;

  public FailureResolutions(RolloutCommands commands) {
    this.commands = Objects.requireNonNull(commands, "commands");
    this.engine = commands.engine();
  }

  /** Queues a failed device of a rollout again. {@code deviceAtStep} is {@code DEVICE@registry@step}. */
  public Rollout retry(String deviceAtStep) {
    synchronized (engine) {
      Objects.requireNonNull(deviceAtStep, "device@step");
      int at = deviceAtStep.lastIndexOf('@');
      int step;
      DeviceId device;
      try {
        step = Integer.parseInt(deviceAtStep.substring(at + 1));
        device = DeviceId.parse(deviceAtStep.substring(0, at));
      } catch (RuntimeException e) {
        throw new InvalidInputException(
            "retry needs DEVICE@step, e.g. DEVICE-B@pantahub.com@2, not '" + deviceAtStep + "'");
      }
      List<String> in = new ArrayList<>();
      for (Versioned<Rollout> vr : engine.store.rollouts()) {
        engine
            .store
            .progress(vr.value().name(), device)
            .filter(p -> p.value().step() == step && p.value().status() == DeviceStatus.FAILED)
            .ifPresent(p -> in.add(vr.value().name()));
      }
      if (in.isEmpty()) {
        throw new NotFoundException("failed device at step", deviceAtStep);
      }
      if (in.size() > 1) {
        throw new InvalidInputException(deviceAtStep + " failed in several rollouts ("
            + String.join(", ", in) + "); name the rollout");
      }
      return requeue(
          in.get(0), p -> p.device().equals(device) && p.step() == step, false, "retry requested");
    }
  }

  /** Queues every failed device of the rollout again. */
  public Rollout retryAllFailed(String name) {
    synchronized (engine) {
      return requeue(name, p -> true, false, "retry of all failed devices requested");
    }
  }

  /**
   * Sends failed devices on a detour: they first get {@code detour}, then the rollout's change again.
   * {@code devices} empty means every failed device (ALLFAIL).
   */
  public Rollout reroute(String name, Collection<DeviceId> devices, Change detour) {
    synchronized (engine) {
      Objects.requireNonNull(detour, "detour change");
      Versioned<Rollout> vr = commands.find(name);
      Set<String> registries = new TreeSet<>();
      engine.store.progress(name).forEach(p -> registries.add(p.value().device().registry()));
      registries.removeIf(g -> !engine.trails.containsKey(g));
      commands.checkObjects(name, detour, registries);
      Set<DeviceId> only = new TreeSet<>(devices);
      if (!only.isEmpty()) {
        List<String> notFailed = new ArrayList<>();
        for (DeviceId id : only) {
          boolean failed = engine
              .store
              .progress(name, id)
              .map(p -> p.value().status() == DeviceStatus.FAILED)
              .orElse(false);
          if (!failed) {
            notFailed.add(id.toString());
          }
        }
        if (!notFailed.isEmpty()) {
          throw new InvalidInputException("Cannot reroute " + String.join(", ", notFailed)
              + ": not a failed device of '" + name + "'");
        }
      }
      Rollout withDetour = vr.value().toBuilder().detour(detour).build();
      return requeue(
          name,
          withDetour,
          p -> only.isEmpty() || only.contains(p.device()),
          true,
          "rerouted via detour: " + detour);
    }
  }

  private Rollout requeue(
      String name, Predicate<DeviceRolloutProgress> which, boolean detour, String why) {
    return requeue(name, null, which, detour, why);
  }

  private Rollout requeue(
      String name,
      Rollout changed,
      Predicate<DeviceRolloutProgress> which,
      boolean detour,
      String why) {
    Versioned<Rollout> vr = commands.find(name);
    Rollout r = changed != null ? changed : vr.value();
    if (r.kind() == io.biggerfleet.model.RolloutKind.BACKOUT && detour) {
      throw new RolloutStateException("Cannot reroute backout rollout '" + name + "'");
    }
    RolloutAction action = detour ? RolloutAction.REROUTE : RolloutAction.RETRY;
    boolean running = r.state().isRunning();
    if (!running) {
      RolloutTransition.of(
          name, r.state(), action); // refuses DRAFT and ABORTED before anything is read
    }
    Instant now = commands.now();
    Batch b = engine.batch(now);
    List<DeviceId> moved = new ArrayList<>();
    for (Versioned<DeviceRolloutProgress> v : engine.store.progress(name)) {
      DeviceRolloutProgress p = v.value();
      if (p.status() == DeviceStatus.FAILED && which.test(p)) {
        b.put(
            p.toBuilder()
                .status(DeviceStatus.WAITING)
                .dueAt(now)
                .detour(detour)
                .updatedAt(now)
                .message(why + " (was: " + p.deviceStatus() + " " + p.message() + ")")
                .build(),
            v.version());
        b.event(
            EventType.DEVICE_RETRY, p.device().toString(), name + ": step " + p.step() + " " + why);
        moved.add(p.device());
      }
    }
    if (moved.isEmpty()) {
      throw new InvalidInputException(
          "Rollout '" + name + "' has no failed devices to " + (detour ? "reroute" : "retry"));
    }
    if (r.state() == RolloutState.DONE) {
      Map<DeviceId, String> held = engine.holders(name);
      List<String> conflicts = moved.stream()
          .filter(held::containsKey)
          .map(d -> d + " (in " + held.get(d) + ")")
          .collect(Collectors.toList());
      if (!conflicts.isEmpty()) {
        throw new InvalidInputException("Cannot retry in '" + name
            + "': devices are now in another running rollout: " + String.join(", ", conflicts));
      }
    }
    Rollout next = r;
    if (!running) {
      Duration extra = r.config(r.run().currentStep()).timeout().multipliedBy(detour ? 2 : 1);
      Instant gate = now.plus(extra);
      Instant old = r.run().gateAt().orElse(now);
      RolloutTransition t = engine.transition(
          b, r, action, why + " for " + moved.size() + " device" + (moved.size() == 1 ? "" : "s"));
      next = r.toBuilder()
          .transition(t)
          .run(r.run().toBuilder()
              .finishedAt(null)
              .failedStep(0)
              .watching(false)
              .gateAt(old.isAfter(gate) ? old : gate)
              .build())
          .build();
    }
    b.event(
        EventType.ROLLOUT_RESOLUTION,
        name,
        why + ": " + moved.size() + " device" + (moved.size() == 1 ? "" : "s"));
    return commands.write(vr, next, b);
  }
}
