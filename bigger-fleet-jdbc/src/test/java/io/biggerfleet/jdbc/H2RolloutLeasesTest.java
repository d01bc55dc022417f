package io.biggerfleet.jdbc;

import io.biggerfleet.ManualClock;
import io.biggerfleet.testing.contract.RolloutLeasesContractTest;

class H2RolloutLeasesTest extends RolloutLeasesContractTest {
  @Override
  protected Fixture open(ManualClock clock) {
    JdbcFleetStore store = TestDatabases.freshH2().clock(clock).open();
    return new Fixture(store.leases(), store);
  }
}
