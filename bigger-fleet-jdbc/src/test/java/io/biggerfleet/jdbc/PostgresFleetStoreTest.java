package io.biggerfleet.jdbc;

import io.biggerfleet.spi.FleetStore;
import io.biggerfleet.testing.contract.FleetStoreContractTest;

class PostgresFleetStoreTest extends FleetStoreContractTest {
  @Override
  protected FleetStore newStore() {
    return TestDatabases.freshPostgres().open();
  }
}
