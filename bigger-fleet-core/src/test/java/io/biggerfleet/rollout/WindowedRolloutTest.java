package io.biggerfleet.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.Durations;
import io.biggerfleet.model.MaintenanceWindow;
import io.biggerfleet.model.Pacing;
import io.biggerfleet.model.RateRamp;
import io.biggerfleet.model.Rollout;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.model.RolloutStep;
import io.biggerfleet.model.StepConfig;
import io.biggerfleet.model.TimeZones;
import io.biggerfleet.spi.Versioned;
import io.biggerfleet.spi.WriteBatch;
import io.biggerfleet.testing.FakeTrails;
import io.biggerfleet.testing.SimFleet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine on a manual clock with devices in 10 time zones and a maintenance window: across the US
 * (2026-03-08) and EU (2026-03-29) DST switches, every post lands inside its device's local window, the
 * gate waits for the last zone's window, and the ETA matches what happens.
 */
class WindowedRolloutTest {
  /** Nine IANA zones (one written as the walkthrough writes it) and one unknown zone. */
  static final String[] ZONES = {
    "America/New_York",
    "America/Los_Angeles",
    "America/Chicago",
    "Europe/Berlin",
    "Europe/London",
    "Asia/Hong Kong",
    "Australia/Sydney",
    "Pacific/Auckland",
    "Asia/Kolkata",
    "Mars/Olympus"
  };

  final SimFleet sim = SimFleet.of(200, 7, FakeTrails.allSucceed(), null);
  final Rollouts rollouts = sim.rollouts();
  final List<Map.Entry<DeviceId, Instant>> posts = new ArrayList<>();
  final Map<DeviceId, ZoneId> zoneOf = new HashMap<>();

  WindowedRolloutTest() {
    List<DeviceId> ids = sim.deviceIds();
    WriteBatch.Builder b = WriteBatch.builder();
    for (int i = 0; i < ids.size(); i++) {
      Versioned<Device> d = sim.baseStore.device(ids.get(i)).orElseThrow();
      String tz = ZONES[i % ZONES.length];
      b.putDevice(
          d.value().toBuilder()
              .registryAttributes(Map.of(TimeZones.ATTRIBUTE, tz))
              .build(),
          d.version());
      zoneOf.put(ids.get(i), TimeZones.parse(tz).orElse(ZoneId.of("Europe/Paris")));
    }
    sim.baseStore.write(b.build());
    sim.trails("sim.io").onPost(st -> posts.add(Map.entry(st.device(), sim.clock.instant())));
  }

  void create(String window, String stepWindow) {
    rollouts.create(Rollout.builder("W")
        .change("set kernel=" + SimFleet.NEW_KERNEL)
        .message("m")
        .devices("/")
        .time("25d")
        .timeout("2h")
        .success("100%,100%")
        .timezone("Europe/Paris")
        .pacing(new Pacing(MaintenanceWindow.parse(window), RateRamp.NONE))
        .build());
    Rollout r = rollouts.get("W");
    StepConfig canary = StepConfig.parse("1d", "1h", "100%,100%");
    if (stepWindow != null) {
      canary = canary.withPacing(new Pacing(MaintenanceWindow.parse(stepWindow), RateRamp.NONE));
    }
    rollouts.addStep("W", RolloutStep.of("/specialsets/canary", canary));
    assertThat(r.pacing(1).window()).hasToString(window);
  }

  @Test
  void postsLandOnlyInsideEachDevicesLocalWindow_acrossTwoDstSwitches_in10Zones() {
    sim.clock.set(Instant.parse("2026-03-06T12:00:00Z"));
    create("Mon-Fri 01:00-05:00", "Sat,Sun 02:00-03:30");

    rollouts.activate("W");
    Map<DeviceId, Instant> eta = new HashMap<>(rollouts.dueTimes("W"));
    Instant end = sim.runToEnd("W", Duration.ofMinutes(5), Duration.ofDays(40));

    assertThat(rollouts.get("W").state())
        .as(
            "%s",
            sim.baseStore.events(0, 100000).stream()
                .filter(
                    e -> !e.message().contains("posted step") && !e.message().contains("SUCCEEDED"))
                .map(e -> e.time() + " " + e.message())
                .toList())
        .isEqualTo(RolloutState.DONE);
    assertThat(posts).hasSize(200);
    MaintenanceWindow canaryWindow = MaintenanceWindow.parse("Sat,Sun 02:00-03:30");
    MaintenanceWindow rest = MaintenanceWindow.parse("Mon-Fri 01:00-05:00");
    List<DeviceRolloutProgress> recs = rollouts.progress("W");
    for (Map.Entry<DeviceId, Instant> p : posts) {
      int step = recs.stream()
          .filter(r -> r.device().equals(p.getKey()))
          .findFirst()
          .orElseThrow()
          .step();
      MaintenanceWindow w = step == 1 ? canaryWindow : rest;
      assertThat(w.isOpen(p.getValue(), zoneOf.get(p.getKey())))
          .as(
              "%s (step %d) posted at %s local",
              p.getKey(), step, p.getValue().atZone(zoneOf.get(p.getKey())))
          .isTrue();
    }
    // the canary step's ETA was the post time, to the 5-minute tick
    for (Map.Entry<DeviceId, Instant> p : posts) {
      if (eta.containsKey(p.getKey())) {
        assertThat(Duration.between(eta.get(p.getKey()), p.getValue()))
            .isBetween(Duration.ZERO, Duration.ofMinutes(5));
      }
    }
    assertThat(eta).hasSize(29);
    assertThat(end)
        .isAfter(Instant.parse("2026-03-29T01:00:00Z")); // the spread ran over the EU switch
  }

  @Test
  void aDeviceWithAnUnknownZone_usesTheRolloutsDefault_andActivationSaysSo() {
    sim.clock.set(Instant.parse("2026-03-06T12:00:00Z"));
    create("Mon-Fri 01:00-05:00", null);

    rollouts.activate("W");

    List<String> texts =
        sim.baseStore.events(0, 1000).stream().map(FleetEvent::message).toList();
    assertThat(texts)
        .contains("20 devices have an unknown Timezone ('Mars/Olympus'); they use Europe/Paris");
  }

  @Test
  void thePlanPreviewAndTheGate_waitForTheLastZonesWindow() {
    sim.clock.set(Instant.parse("2026-03-06T12:00:00Z")); // Friday noon UTC
    create("Mon-Fri 01:00-05:00", "Sat 02:00-03:00");

    RolloutPlan plan = rollouts.plan("W");
    // Step 1 (1d from Fri 12:00 UTC): the Saturday window 02:00-03:00 local. The latest zone to
    // close it is
    // Los Angeles (UTC-8): Sat 03:00 PST = Sat 11:00 UTC; gate 1h later.
    assertThat(plan.steps().get(0).gateAt()).isEqualTo(Instant.parse("2026-03-07T12:00:00Z"));

    rollouts.activate("W");
    assertThat(rollouts.get("W").run().gateAt()).contains(Instant.parse("2026-03-07T12:00:00Z"));
  }

  @Test
  void aDraftsStatusLine_givesThePreviewsEta_whichWaitsForTheWindows() {
    sim.clock.set(Instant.parse("2026-03-06T12:00:00Z")); // Friday noon UTC
    rollouts.create(Rollout.builder("M")
        .change("set kernel=" + SimFleet.NEW_KERNEL)
        .message("m")
        .devices("/")
        .time("1h")
        .timeout("1h")
        .success("100%,100%")
        .timezone("Europe/Paris")
        .pacing(new Pacing(MaintenanceWindow.parse("Mon 01:00-02:00"), RateRamp.NONE))
        .build());
    Rollout r = rollouts.get("M");
    java.time.Duration eta =
        java.time.Duration.between(sim.clock.instant(), rollouts.plan("M").end());
    // 2h of steps, but the devices' Monday windows open 2.5 days from now (Auckland's first, LA's
    // last)
    assertThat(r.plannedSpan()).isEqualTo(java.time.Duration.ofHours(2));
    assertThat(eta).isGreaterThan(java.time.Duration.ofDays(2));
    assertThat(rollouts.statusLine("M"))
        .isEqualTo("M DRAFT (Step 0/1, ETA: " + Durations.human(eta) + ")");
    assertThat(RolloutFormat.statusLine(r, sim.clock.instant()))
        .isEqualTo("M DRAFT (Step 0/1, ETA: 2 hours)");
  }
}
