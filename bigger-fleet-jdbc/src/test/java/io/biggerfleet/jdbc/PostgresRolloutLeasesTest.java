package io.biggerfleet.jdbc;

import io.biggerfleet.ManualClock;
import io.biggerfleet.testing.contract.RolloutLeasesContractTest;

class PostgresRolloutLeasesTest extends RolloutLeasesContractTest {
  @Override
  protected Fixture open(ManualClock clock) {
    JdbcFleetStore store = TestDatabases.freshPostgres().clock(clock).open();
    return new Fixture(store.leases(), store);
  }
}
