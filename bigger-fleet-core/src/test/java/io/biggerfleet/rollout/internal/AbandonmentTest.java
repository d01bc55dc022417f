package io.biggerfleet.rollout.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.ManualClock;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.spi.DeviceTrails;
import io.biggerfleet.spi.FleetStore;
import io.biggerfleet.spi.RolloutLeases;
import io.biggerfleet.spi.StepMarker;
import io.biggerfleet.spi.StepRequest;
import io.biggerfleet.store.InMemoryFleetStore;
import io.biggerfleet.store.InMemoryRolloutLeases;
import io.biggerfleet.testing.FakeTrails;
import io.biggerfleet.testing.SimFleet;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wrappers through which an engine reaches its SPIs, so that it can be abandoned at any point. */
class AbandonmentTest {
  private static final DeviceId DEVICE = DeviceId.parse("dev-1@sim.io");

  @Test
  void guards_overrideEveryMethodOfTheirSpi_soNoImplementationsOverrideIsBypassed() {
    Abandonment a = new Abandonment();
    ManualClock clock = ManualClock.at("2026-03-01T00:00:00Z");
    check(FleetStore.class, a.guard(new InMemoryFleetStore()));
    check(DeviceTrails.class, a.guard(new FakeTrails("sim.io", clock, FakeTrails.allSucceed())));
    check(RolloutLeases.class, a.guard(new InMemoryRolloutLeases(clock)));
  }

  private static void check(Class<?> spi, Object guard) {
    List<String> missing = Arrays.stream(spi.getMethods())
        .filter(m -> !Modifier.isStatic(m.getModifiers()))
        .filter(m -> !declares(guard.getClass(), m))
        .map(Method::getName)
        .toList();
    assertThat(missing)
        .as("methods of %s the guard does not forward", spi.getSimpleName())
        .isEmpty();
  }

  private static boolean declares(Class<?> c, Method m) {
    try {
      return c.getDeclaredMethod(m.getName(), m.getParameterTypes()) != null;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  @Test
  void abandon_duringAPost_letsThePostLandButDiscardsItsResult_andRefusesEveryLaterCall() {
    Abandonment a = new Abandonment();
    FakeTrails fake = new FakeTrails(
            "sim.io", ManualClock.at("2026-03-01T00:00:00Z"), FakeTrails.allSucceed())
        .addObject(SimFleet.OLD_KERNEL)
        .addDevice(DEVICE, SimFleet.factoryState());
    fake.onPost(s -> a.abandon());
    DeviceTrails trails = a.guard(fake);
    StepMarker marker = StepMarker.of("R", 1, 1);

    assertThatThrownBy(
            () -> trails.post(DEVICE, new StepRequest(SimFleet.factoryState(), "m", marker)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("abandoned");

    assertThat(fake.find(DEVICE, marker)).as("the post landed").isPresent();
    assertThatThrownBy(() -> trails.find(DEVICE, marker)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> a.guard(new InMemoryFleetStore()).rollouts())
        .isInstanceOf(IllegalStateException.class);
  }
}
