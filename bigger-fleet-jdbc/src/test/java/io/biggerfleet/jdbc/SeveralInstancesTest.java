package io.biggerfleet.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.LeaseLostException;
import io.biggerfleet.ManualClock;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.RolloutState;
import io.biggerfleet.spi.RolloutLease;
import io.biggerfleet.spi.WriteBatch;
import io.biggerfleet.testing.contract.TestRecords;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Two app instances — two stores with their own connection pools — on one PostgreSQL: the lease of a
 * rollout passes from one to the other when the first stops renewing, and the first, waking up late,
 * cannot write for that rollout any more. Time moves only through the shared {@link ManualClock}.
 */
class SeveralInstancesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration TTL = Duration.ofSeconds(30);

  @Test
  void leaseTakenOverByAnotherInstance_fencesOutTheFormerHolder() {
    String url = TestDatabases.freshPostgresSchema();
    ManualClock clock = ManualClock.at(T0);
    try (JdbcFleetStore a = JdbcFleetStore.postgres(url, "postgres", "")
            .maxPoolSize(2)
            .clock(clock)
            .open();
        JdbcFleetStore b = JdbcFleetStore.postgres(url, "postgres", "")
            .maxPoolSize(2)
            .clock(clock)
            .open()) {
      a.write(WriteBatch.builder()
          .putRollout(
              TestRecords.rollout(
                  "ROLLOUT5", RolloutState.ACTIVE, "set kernel=abc", "update", "/", T0),
              0)
          .build());
      DeviceId dev = DeviceId.parse("DEVICEID-5@cisco.com");

      RolloutLease leaseA = a.leases().acquire("ROLLOUT5", "instance-a", TTL).orElseThrow();
      assertThat(b.leases().acquire("ROLLOUT5", "instance-b", TTL)).isEmpty();
      a.write(WriteBatch.builder()
          .putProgress(TestRecords.progress("ROLLOUT5", dev, 1, 1, -1, "QUEUE", "", T0), 0)
          .fencedBy(leaseA)
          .build());

      clock.advance(TTL); // instance-a stops renewing (paused, partitioned, dead)
      RolloutLease leaseB = b.leases().acquire("ROLLOUT5", "instance-b", TTL).orElseThrow();
      b.write(WriteBatch.builder()
          .putProgress(
              TestRecords.progress("ROLLOUT5", dev, 1, 1, 7, "NEW", "", clock.instant()), 1)
          .fencedBy(leaseB)
          .build());

      // instance-a wakes up and tries to record what it believed it did
      assertThatThrownBy(() -> a.write(WriteBatch.builder()
              .putProgress(
                  TestRecords.progress("ROLLOUT5", dev, 1, 1, 6, "NEW", "", clock.instant()), 2)
              .fencedBy(leaseA)
              .build()))
          .isInstanceOf(LeaseLostException.class)
          .hasMessageContaining("instance-b");
      assertThatThrownBy(() -> a.leases().renew(leaseA, TTL))
          .isInstanceOf(LeaseLostException.class);

      assertThat(a.progress("ROLLOUT5", dev).orElseThrow().value().rev()).isEqualTo(7);
      assertThat(a.leases().current("ROLLOUT5")).contains(leaseB);
      assertThat(leaseB.token()).isGreaterThan(leaseA.token());
    }
  }
}
