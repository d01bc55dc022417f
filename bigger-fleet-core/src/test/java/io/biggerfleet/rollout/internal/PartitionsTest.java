package io.biggerfleet.rollout.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.ManualClock;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.rollout.RolloutLeasing;
import io.biggerfleet.store.InMemoryRolloutLeases;
import java.time.Duration;
import java.util.BitSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Partitions of a rollout: the device hash, the configuration checks and the fair-share rebalancing. */
class PartitionsTest {
  private static final Duration TTL = Duration.ofSeconds(30);

  @Test
  void partitionOf_isStableAndSpreadsDevicesEvenly() {
    int[] counts = new int[16];
    for (int i = 0; i < 16_000; i++) {
      DeviceId id = DeviceId.of(String.format("dev-%05d", i), "hub.example");
      int k = PartitionKeeper.of(id, 16);
      assertThat(k)
          .isEqualTo(
              PartitionKeeper.of(DeviceId.of(String.format("dev-%05d", i), "hub.example"), 16));
      counts[k]++;
    }
    for (int c : counts) {
      assertThat(c).as("devices per partition").isBetween(800, 1200);
    }
  }

  @Test
  void partitions_onLocalLeasing_isRefusedWithTheReason() {
    assertThatThrownBy(() -> RolloutLeasing.local().partitions(4))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("shared leases");
  }

  @Test
  void partitions_outsideOneTo256_isRefused() {
    RolloutLeasing shared = RolloutLeasing.shared(
        new InMemoryRolloutLeases(ManualClock.at("2026-01-01T00:00:00Z")), "a");
    assertThatThrownBy(() -> shared.partitions(0)).hasMessageContaining("between 1 and 256, was 0");
    assertThatThrownBy(() -> shared.partitions(257)).hasMessageContaining("was 257");
    assertThat(shared.partitions(16).partitions()).isEqualTo(16);
  }

  @Test
  void
      hold_withASecondInstance_splitsPartitionsHalfAndHalf_andTheSurvivorTakesAllAfterOneLeasePeriod() {
    ManualClock clock = ManualClock.at("2026-01-01T00:00:00Z");
    InMemoryRolloutLeases leases = new InMemoryRolloutLeases(clock);
    PartitionKeeper a = keeper(leases, "a", clock);
    PartitionKeeper b = keeper(leases, "b", clock);
    assertThat(a.hold("R").cardinality()).as("alone").isEqualTo(8);
    for (int round = 0;
        round < 6;
        round++) { // a's next count of the instances is at most one tick (3 s) away
      clock.advance(Duration.ofSeconds(1));
      b.hold("R");
      a.hold("R");
    }
    clock.advance(Duration.ofSeconds(1));
    BitSet bs = b.hold("R");
    BitSet as = a.hold("R");
    assertThat(as.cardinality()).isEqualTo(4);
    assertThat(bs.cardinality()).isEqualTo(4);
    assertThat(as.intersects(bs)).isFalse();
    // b dies: a takes its partitions once b's leases have expired
    clock.advance(TTL);
    assertThat(a.hold("R").cardinality()).isEqualTo(8);
  }

  private static PartitionKeeper keeper(
      InMemoryRolloutLeases leases, String holder, ManualClock clock) {
    LeaseKeeper keeper = new LeaseKeeper(
        RolloutLeasing.shared(leases, holder).duration(TTL).partitions(8),
        clock,
        UnaryOperator.identity());
    return new PartitionKeeper(keeper, 8, clock, TTL);
  }
}
