package io.biggerfleet.pantahub.sim;

import org.junit.jupiter.api.AfterAll;

/** The contract checks against the simulator (walkthrough scenario, device "bathroom-wifi"). */
class SimPantahubContractTest extends PantahubFidelityContractTest {
  private PantahubSimulator sim;
  private Target target;

  @Override
  protected Target target() {
    if (target == null) {
      sim = PantahubSimulator.builder()
          .scenario(Scenario.walkthrough())
          .millisecondTimes(true)
          .start();
      SimDevice d = sim.device("bathroom-wifi").orElseThrow();
      SimUser u = sim.user("user1");
      target = new Target(sim.baseUri(), u.nick(), u.password(), d.id(), d.secret(), true, true);
    }
    return target;
  }

  @AfterAll
  void stop() {
    if (sim != null) {
      sim.close();
    }
  }
}
