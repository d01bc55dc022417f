// Bigger Fleet in JShell: a local Pantahub simulator with the walkthrough's fleet, logged in, and a
// ready FleetClient `fleet` over it (in-memory store, simulated clock `clock`).
//
//   mvn -B -q package -DskipTests
//   jshell --class-path bigger-fleet-examples/target/bigger-fleet.jar jshell/fleet.jsh
//
// Then try: fleet.devices()   fleet.attributes(id("bathroom-wifi"))   fleet.ls("/")
//           fleet.addGroup("/", "/co/cisco/121XPs", "Manufacturer==\"Cisco\"", "Model==\"121XPs\"")
//           fleet.rollouts() ...   advance(Duration.ofHours(1))   (moves the simulated devices and the engine)
import io.biggerfleet.*;
import io.biggerfleet.device.*;
import io.biggerfleet.group.*;
import io.biggerfleet.model.*;
import io.biggerfleet.rollout.*;
import io.biggerfleet.store.InMemoryFleetStore;
import io.biggerfleet.pantahub.PantahubClient;
import io.biggerfleet.pantahub.sim.*;
import java.time.*;

SimClock clock = SimClock.at("2026-03-02T09:00:00Z");
// (JShell ends a statement at the end of a line where it is complete: chain with a trailing '.')
PantahubSimulator sim = PantahubSimulator.builder().scenario(Scenario.walkthrough()).clock(clock).
    tokenLifetime(Duration.ofDays(30)).start();
PantahubClient hub = PantahubClient.builder().baseUri(sim.baseUri()).clock(clock).
    login("user1", "user1".toCharArray()).build();
FleetClient fleet = FleetClient.builder().registry(hub.devices()).trails(hub.trails()).
    store(new InMemoryFleetStore()).clock(clock).actor("jshell").build();
ImportResult imported = fleet.importDevices();

/** The fleet device with this nick. */
DeviceId id(String nick) {
  return fleet.devices().stream().filter(d -> d.nick().equals(nick)).findFirst().orElseThrow().id();
}

/** Moves simulated time in one-minute steps: devices act, then the rollout engine. */
Instant advance(Duration d) {
  for (Duration left = d; !left.isZero() && !left.isNegative(); left = left.minusMinutes(1)) {
    sim.advance(left.compareTo(Duration.ofMinutes(1)) < 0 ? left : Duration.ofMinutes(1));
    fleet.rollouts().tick();
  }
  return clock.instant();
}

System.out.println("Simulator at " + sim.baseUri() + "; " + imported.devices().size() +
    " devices imported into `fleet`. Try: fleet.devices(), fleet.attributes(id(\"bathroom-wifi\")), fleet.ls(\"/\")");
