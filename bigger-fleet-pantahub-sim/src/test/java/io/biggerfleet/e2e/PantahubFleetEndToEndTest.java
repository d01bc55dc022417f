package io.biggerfleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.FleetClient;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.pantahub.PantahubClient;
import io.biggerfleet.pantahub.sim.PantahubSimulator;
import io.biggerfleet.pantahub.sim.Rule;
import io.biggerfleet.pantahub.sim.Scenario;
import io.biggerfleet.pantahub.sim.SimClock;
import io.biggerfleet.pantahub.sim.SimDevice;
import io.biggerfleet.rollout.Failure;
import io.biggerfleet.rollout.Rollouts;
import io.biggerfleet.spi.StepMarker;
import io.biggerfleet.spi.TrailStep;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * End-to-end: the real {@link PantahubClient} against the simulator with 1,000 generated devices, a
 * whole rollout through the engine ({@link FleetClient#rollouts()}) on one shared {@link SimClock}.
 * The Cisco 2802I devices cannot boot the new kernel with their factory pantavisor; the rollout stops
 * in ERROR, the operator reroutes the failed devices through a pantavisor update, and it ends DONE with
 * every device on the new kernel.
 */
class PantahubFleetEndToEndTest {
  private static final String SEGFAULT = "starting new app failed - segmentation fault";

  @Test
  void thousandDevices_rolloutWithCanary_failuresRerouted_endsDoneWithEveryTrailOnTheNewState()
      throws Exception {
    String factoryPantavisor = HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256")
            .digest("pantavisor 019 (factory)".getBytes(StandardCharsets.UTF_8)));
    Scenario scenario = Scenario.generated(1000, 11).toBuilder()
        .rule(Rule.builder()
            .when("Model", "2802I")
            .whenChangeSets("bsp/kernel.img")
            .whenChangeDoesNotSet("bsp/pantavisor")
            .fail(SEGFAULT)
            .build()) // until a detour sets it
        .build();
    SimClock clock = SimClock.at("2026-03-02T09:00:00Z");
    try (PantahubSimulator sim = PantahubSimulator.builder()
        .scenario(scenario)
        .clock(clock)
        .millisecondTimes(true)
        .start()) { // ties, as on the real hub
      String kernel =
          sim.putObject("user1", "bsp/kernel.img", "kernel 5.15".getBytes(StandardCharsets.UTF_8));
      String pantavisor = sim.putObject(
          "user1", "bsp/pantavisor", "pantavisor 020".getBytes(StandardCharsets.UTF_8));
      PantahubClient hub = PantahubClient.builder()
          .baseUri(sim.baseUri())
          .clock(clock)
          .login("user1", "user1".toCharArray())
          .build();
      FleetClient fleet = FleetClient.builder()
          .registry(hub.devices())
          .trails(hub.trails())
          .clock(clock)
          .build();

      assertThat(fleet.importDevices().added()).isEqualTo(1000);
      fleet.addGroup("/", "/co/cisco/2802I", "Model==\"2802I\"");
      Set<DeviceId> model2802 = fleet.devices().stream()
          .filter(d -> "2802I".equals(fleet.attributes(d.id()).get("Model").orElse(null)))
          .map(Device::id)
          .collect(Collectors.toSet());
      assertThat(model2802).hasSizeBetween(60, 140);
      List<DeviceId> canaries = fleet.devices().stream()
          .map(Device::id)
          .filter(id -> !model2802.contains(id))
          .limit(5)
          .toList();
      canaries.forEach(id -> fleet.tag(id, "canary"));
      fleet.addGroup("/", "/specialsets/canary", "Fleet-Tags contains \"canary\"");

      Rollouts rollouts = fleet.rollouts();
      rollouts.create(Rollout.builder("E2E")
          .change("set bsp/kernel.img=prn::pantahub.com:objects:/" + kernel)
          .message("update kernel to 5.15")
          .devices("/")
          .time("2d")
          .timeout("6h")
          .success("85%,95%")
          .build());
      rollouts.addStep("E2E", "/specialsets/canary", "1h", "1h", "100%,100%");
      rollouts.activate("E2E");

      List<Failure> firstFailures = null;
      int reroutes = 0;
      for (int i = 0;
          i < 2000
              && !(rollouts.get("E2E").state() == RolloutState.DONE
                  && rollouts.failures("E2E").isEmpty());
          i++) {
        RolloutState state = rollouts.get("E2E").state();
        if (state == RolloutState.ERROR
            || state == RolloutState.DONE) { // DONE with a few failures left
          if (firstFailures == null) {
            firstFailures = rollouts.failures("E2E");
            assertThat(rollouts.statusLine("E2E"))
                .startsWith("E2E ERROR (Failed @ Step: 2/2, ERROR: ");
          }
          assertThat(reroutes++).as("reroutes").isLessThan(5);
          rollouts.reroute(
              "E2E", "ALLFAIL", "set bsp/pantavisor=prn::pantahub.com:objects:/" + pantavisor);
        }
        sim.advance(
            Duration.ofMinutes(10)); // moves the shared clock, devices act at their due times
        rollouts.tick();
      }

      Rollout done = rollouts.get("E2E");
      assertThat(done.state()).isEqualTo(RolloutState.DONE);
      assertThat(rollouts.statusLine("E2E")).matches("E2E DONE \\(Succeeded @ .* with 100,100%\\)");
      assertThat(reroutes).isGreaterThanOrEqualTo(1);
      // failures: only the 2802I devices, each with the simulator's message
      assertThat(firstFailures).isNotEmpty().allSatisfy(f -> {
        assertThat(f.message()).isEqualTo(SEGFAULT);
        assertThat(model2802).contains(f.device());
        assertThat(f.step()).isEqualTo(2);
      });
      assertThat(firstFailures.size())
          .isGreaterThan(1000 * 5 / 100 - 5 - 1); // FINAL gate: min-success 95 %
      assertThat(rollouts.failures("E2E")).isEmpty();
      // every device accounted for: on the hub, its latest step carries the new kernel, DONE
      assertThat(rollouts.progress("E2E"))
          .hasSize(1000)
          .allSatisfy(p -> assertThat(p.status()).hasToString("SUCCEEDED"));
      for (SimDevice d : sim.devices()) {
        DeviceId id = DeviceId.of(d.id(), hub.registryName());
        TrailStep latest = hub.trails().latest(id);
        assertThat(latest.progress().rawStatus()).as(id.toString()).isEqualTo("DONE");
        assertThat(latest.state().orElseThrow().get("bsp/kernel.img")).isEqualTo(kernel);
        assertThat(latest.state().orElseThrow().get("bsp/pantavisor"))
            .isEqualTo(model2802.contains(id) ? pantavisor : factoryPantavisor);
        assertThat(d.runningRevision()).isEqualTo(latest.rev());
        List<StepMarker> markers = new ArrayList<>();
        for (TrailStep s : hub.trails().steps(id, List.of())) {
          s.marker().ifPresent(markers::add);
        }
        assertThat(new HashSet<>(markers)).as(id.toString()).hasSameSizeAs(markers);
      }
    }
  }
}
