package io.biggerfleet.store;

import io.biggerfleet.spi.FleetStore;
import io.biggerfleet.testing.contract.FleetStoreContractTest;

class InMemoryFleetStoreTest extends FleetStoreContractTest {
  @Override
  protected FleetStore newStore() {
    return new InMemoryFleetStore();
  }
}
