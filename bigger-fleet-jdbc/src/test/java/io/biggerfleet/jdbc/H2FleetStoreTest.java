package io.biggerfleet.jdbc;

import io.biggerfleet.spi.FleetStore;
import io.biggerfleet.testing.contract.FleetStoreContractTest;

class H2FleetStoreTest extends FleetStoreContractTest {
  @Override
  protected FleetStore newStore() {
    return TestDatabases.freshH2().open();
  }
}
