package io.biggerfleet.examples;

import io.biggerfleet.FleetClient;
import io.biggerfleet.event.EventType;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.pantahub.PantahubClient;
import io.biggerfleet.pantahub.sim.PantahubSimulator;
import io.biggerfleet.pantahub.sim.Scenario;
import io.biggerfleet.pantahub.sim.SimClock;
import io.biggerfleet.rollout.RolloutListener;
import io.biggerfleet.store.InMemoryFleetStore;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Embedding example: a canary rollout over the Pantahub API (here a local simulator on a manual clock)
 * with a custom gate listener. The listener sees every engine decision; this one records the gates and
 * would page someone when one fails. Listener exceptions never break the engine.
 *
 * <pre>{@code java -cp bigger-fleet.jar io.biggerfleet.examples.CanaryRolloutExample}</pre>
 */
public final class CanaryRolloutExample {
  private CanaryRolloutExample() {}

  /** A monitoring hook: keeps the gate decisions and tells the operator about each. */
  public static final class GateWatcher implements RolloutListener {
    private final PrintWriter out;
    private final List<FleetEvent> gates = new ArrayList<>();

    public GateWatcher(PrintWriter out) {
      this.out = out;
    }

    @Override
    public synchronized void onEvent(FleetEvent event) {
      if (event.type() == EventType.GATE_PASSED || event.type() == EventType.GATE_FAILED) {
        gates.add(event);
        out.println(
            (event.type() == EventType.GATE_FAILED ? "ALERT " : "ok    ") + event.message());
      }
    }

    public synchronized List<FleetEvent> gates() {
      return List.copyOf(gates);
    }
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    run(out);
    out.flush();
  }

  /** Runs a canary + FINAL rollout to its end; returns the rollout. */
  public static Rollout run(PrintWriter out) {
    SimClock clock = SimClock.at("2026-03-02T09:00:00Z");
    try (PantahubSimulator sim = PantahubSimulator.builder()
        .scenario(Scenario.walkthrough())
        .clock(clock)
        .start()) {
      PantahubClient hub = PantahubClient.builder()
          .baseUri(sim.baseUri())
          .clock(clock)
          .login("user1", "user1".toCharArray())
          .build();
      FleetClient fleet = FleetClient.builder()
          .registry(hub.devices())
          .trails(hub.trails())
          .store(new InMemoryFleetStore())
          .clock(clock)
          .actor("example")
          .build();
      fleet.importDevices();
      fleet.addGroup("/", "/canary", "Model==\"121XPs\"");

      GateWatcher watcher = new GateWatcher(out);
      fleet.rollouts().addListener(watcher);
      String kernel =
          sim.putObject("user1", "kernel-5.15", "kernel 5.15".getBytes(StandardCharsets.UTF_8));
      fleet
          .rollouts()
          .create(Rollout.builder("KERNEL-5.15")
              .change("set kernel=" + kernel)
              .message("update kernel")
              .devices("/")
              .time("1d")
              .timeout("2h")
              .success("90%,99%")
              .build());
      fleet.rollouts().addStep("KERNEL-5.15", "/canary", "2h", "1h", "100%,100%");
      fleet.rollouts().activate("KERNEL-5.15");

      for (int minutes = 0; minutes < 3 * 24 * 60; minutes += 10) {
        if (fleet.rollouts().get("KERNEL-5.15").state() != RolloutState.ACTIVE) {
          break;
        }
        sim.advance(Duration.ofMinutes(10)); // devices pick up steps and report
        fleet.rollouts().tick(); // the engine posts, reads progress, decides gates
      }
      out.println(fleet.rollouts().statusLine("KERNEL-5.15"));
      return fleet.rollouts().get("KERNEL-5.15");
    }
  }
}
