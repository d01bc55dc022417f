package io.biggerfleet.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.LeaseLostException;
import io.biggerfleet.ManualClock;
import io.biggerfleet.event.EventType;
import io.biggerfleet.event.FleetEvent;
import io.biggerfleet.spi.RolloutLease;
import io.biggerfleet.spi.WriteBatch;
import io.biggerfleet.testing.contract.RolloutLeasesContractTest;
import org.junit.jupiter.api.Test;

class InMemoryRolloutLeasesTest extends RolloutLeasesContractTest {
  @Override
  protected Fixture open(ManualClock clock) {
    InMemoryRolloutLeases leases = new InMemoryRolloutLeases(clock);
    return new Fixture(leases, new InMemoryFleetStore(leases));
  }

  @Test
  void storeWithoutLeases_rejectsFencedBatch_andWritesNothing() {
    InMemoryFleetStore plain = new InMemoryFleetStore();
    RolloutLease lease = new RolloutLease("R1", "engine-a", 1, T0.plusSeconds(30));

    assertThatThrownBy(() -> plain.write(WriteBatch.builder()
            .appendEvent(FleetEvent.of(T0, EventType.STEP_STARTED, "R1", "engine", "step"))
            .fencedBy(lease)
            .build()))
        .isInstanceOf(LeaseLostException.class)
        .hasMessageContaining("has no leases");
    assertThat(plain.events(0, 10)).isEmpty();
  }

  @Test
  void batchFencedByTwoLeasesOfOneRollout_isRefusedWhenBuilt() {
    RolloutLease first = new RolloutLease("R1", "engine-a", 1, T0.plusSeconds(30));
    RolloutLease second = new RolloutLease("R1", "engine-b", 2, T0.plusSeconds(60));

    assertThatThrownBy(() -> WriteBatch.builder().fencedBy(first).fencedBy(second))
        .isInstanceOf(io.biggerfleet.InvalidInputException.class)
        .hasMessageContaining("fenced twice for rollout 'R1'");
  }
}
