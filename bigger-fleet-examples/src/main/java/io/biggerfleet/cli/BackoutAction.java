package io.biggerfleet.cli;

import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.rollout.Rollouts;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bigger-fleet backout ROLLOUT}: stops the rollout (it ends ABORTED), cancels what devices have
 * not picked up ({@code ABORT}) and hands every device that took the change to a backout rollout that
 * posts its pre-rollout state ({@code ROLLBACK}); prints the counts and the backout rollout's name to
 * watch. {@code --json}: {@code {"rollout","backout","aborted","rolledBack","failed"}}. One per run;
 * not thread-safe.
 */
final class BackoutAction {
  private final CliSession session;

  BackoutAction(CliSession session) {
    this.session = session;
  }

  int run(String name) {
    Rollouts rollouts = session.fleet().rollouts();
    session.requireHubLogin();
    Rollout backout = recordBackout(rollouts, name);
    List<DeviceRolloutProgress> devices = rollouts.progress(name);
    long aborted =
        devices.stream().filter(p -> p.status() == DeviceStatus.ABORTED).count();
    long rolledBack =
        devices.stream().filter(p -> p.status() == DeviceStatus.ROLLED_BACK).count();
    long failed =
        devices.stream().filter(p -> p.status() == DeviceStatus.FAILED).count();
    boolean hasBackout = !backout.name().equals(name);
    if (session.json()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rollout", name);
      m.put("action", "backout");
      m.put("state", rollouts.get(name).state().name());
      m.put("backout", hasBackout ? backout.name() : null);
      m.put("aborted", aborted);
      m.put("rolledBack", rolledBack);
      m.put("failed", failed);
      session.printJson(m);
      return ExitCode.OK;
    }
    PrintWriter out = session.out();
    out.println("Backing out rollout " + name + ": cancelled " + aborted + " device"
        + (aborted == 1 ? "" : "s")
        + " (ABORT), rolling back " + rolledBack + " device" + (rolledBack == 1 ? "" : "s")
        + " (ROLLBACK)"
        + (failed > 0
            ? ", " + failed + " failed device" + (failed == 1 ? "" : "s") + " left as they are"
            : "")
        + ".");
    if (hasBackout && rolledBack > 0) {
      out.println("The revert runs as rollout " + backout.name()
          + ". Watch it with: bigger-fleet rollouts " + backout.name() + " --watch");
    }
    return ExitCode.OK;
  }

  /**
   * Backs the rollout out. The store write comes first and the engine then tells the hub; if only the
   * hub part fails, the backout stands (the engine finishes it on the next command or in
   * {@code bigger-fleet run}) and the command says so and succeeds: a command that stored its change
   * does not exit non-zero.
   */
  private Rollout recordBackout(Rollouts rollouts, String name) {
    try {
      return rollouts.backout(name);
    } catch (io.biggerfleet.NotFoundException
        | io.biggerfleet.model.RolloutStateException
        | io.biggerfleet.InvalidInputException e) {
      throw e;
    } catch (io.biggerfleet.FleetException e) {
      java.util.Optional<String> stored = rollouts.get(name).run().backout();
      if (stored.isEmpty()) {
        throw e;
      }
      session
          .err()
          .println("bigger-fleet: warning: backout recorded, but the hub did not take it yet ("
              + TerminalText.message(e.getMessage())
              + "); it is sent by the next command or bigger-fleet run");
      return rollouts.get(stored.get());
    }
  }
}
