package io.biggerfleet.pantahub.sim;

import io.biggerfleet.pantahub.sim.internal.Simulation;
import java.util.Objects;

/**
 * Steers one simulated device on demand, on top of the scenario's rules: take it offline and back, and
 * decide how its update ends — fail, succeed, hang, or roll back after reporting DONE (pantavisor's
 * try-boot fallback: the device returns to the revision it ran before and reports {@code ERROR} on the
 * step it had reported DONE). Get one from {@link PantahubSimulator#control(String)}; the admin
 * endpoint ({@link PantahubSimulator.Builder#adminEndpoint(boolean)}) offers the same over HTTP.
 *
 * <p>An outcome order ({@link #fail}, {@link #succeed}, {@link #hang}, {@link #rollBack}) applies to the
 * update the device is working on, or else to the next one it picks up, once; it wins over the rules.
 * Effects show at the device's next action ({@link PantahubSimulator#tick()} / {@code advance}).
 *
 * <p>Thread-safe (it acts under the simulator's lock). Methods return {@code this} for chaining.
 */
public final class DeviceControl {
  private final Simulation simulation;
  private final String id;
  private final String nick;

  DeviceControl(Simulation simulation, String id, String nick) {
    this.simulation = simulation;
    this.id = id;
    this.nick = nick;
  }

  /** Offline now: device-meta {@code pantahub.online} "false", no reports, work paused. */
  public DeviceControl goOffline() {
    return act("offline", null);
  }

  /** Back online: continues where it stopped and picks up steps posted meanwhile. */
  public DeviceControl comeOnline() {
    return act("online", null);
  }

  /** The update ends in {@code ERROR} with {@code statusMessage} (back on its old revision). */
  public DeviceControl fail(String statusMessage) {
    return act("fail", Objects.requireNonNull(statusMessage, "statusMessage"));
  }

  /** The update succeeds whatever the rules say. Also releases a hanging device. */
  public DeviceControl succeed() {
    return act("succeed", null);
  }

  /**
   * The device stops reporting: where it is when working on an update, else right after it queues the
   * next one ({@code QUEUED}). Another order ({@link #succeed()}, {@link #fail}, {@link #rollBack},
   * {@link #followRules()}) releases it.
   */
  public DeviceControl hang() {
    return act("hang", null);
  }

  /**
   * Rolls back after {@code DONE}: an idle device that got its running revision from an update rolls it
   * back now; otherwise the current (or next) update reports {@code DONE}, and after the scenario's
   * testing delay the device returns to the revision it ran before ({@code pantavisor.revision}) and
   * reports {@code ERROR} with {@code statusMessage} on that step (plus an ERROR log entry).
   */
  public DeviceControl rollBack(String statusMessage) {
    return act("rollback", Objects.requireNonNull(statusMessage, "statusMessage"));
  }

  /** Drops a pending order (the rules decide again) and releases a hang. */
  public DeviceControl followRules() {
    return act("rules", null);
  }

  private DeviceControl act(String action, String message) {
    simulation.steer(id, action, message);
    return this;
  }

  @Override
  public String toString() {
    return "DeviceControl[" + nick + "]";
  }
}
