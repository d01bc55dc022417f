package io.biggerfleet.pantahub;

import io.biggerfleet.testing.contract.TokenStoreContractTest;

/** {@link TokenStore#inMemory()} against the token store contract. */
class InMemoryTokenStoreContractTest extends TokenStoreContractTest {
  @Override
  protected TokenStore newStore() {
    return TokenStore.inMemory();
  }
}
