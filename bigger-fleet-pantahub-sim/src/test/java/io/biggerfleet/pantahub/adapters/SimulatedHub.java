package io.biggerfleet.pantahub.adapters;

import io.biggerfleet.device.DeviceId;
import io.biggerfleet.pantahub.PantahubClient;
import io.biggerfleet.pantahub.sim.PantahubSimulator;
import io.biggerfleet.pantahub.sim.Scenario;
import io.biggerfleet.pantahub.sim.SimClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The walkthrough fleet on a simulator with a manual clock, and the real Pantahub client logged in as
 * {@code user1}, under a fixed registry name so that device ids do not follow the random port.
 */
final class SimulatedHub implements AutoCloseable {
  static final String REGISTRY = "sim.pantahub.local";
  final SimClock clock = SimClock.at("2026-03-02T09:00:00Z");
  final PantahubSimulator sim = PantahubSimulator.builder()
      .scenario(Scenario.walkthrough())
      .clock(clock)
      .millisecondTimes(true)
      .start();
  final PantahubClient client = PantahubClient.builder()
      .baseUri(sim.baseUri())
      .clock(clock)
      .registryName(REGISTRY)
      .login("user1", "user1".toCharArray())
      .build();

  /** The client's id of the simulated device {@code nick}. */
  DeviceId id(String nick) {
    return DeviceId.of(sim.device(nick).orElseThrow().id(), REGISTRY);
  }

  /** Uploads an object as user1; returns its sha256. */
  String upload(String content) {
    return sim.putObject("user1", "bsp/kernel.img", content.getBytes(StandardCharsets.UTF_8));
  }

  /** Moves the simulated clock {@code total} on in ten-minute steps; devices act at their due times. */
  void advance(Duration total) {
    for (Duration done = Duration.ZERO; done.compareTo(total) < 0; done = done.plusMinutes(10)) {
      sim.advance(Duration.ofMinutes(10));
    }
  }

  @Override
  public void close() {
    sim.close();
  }
}
