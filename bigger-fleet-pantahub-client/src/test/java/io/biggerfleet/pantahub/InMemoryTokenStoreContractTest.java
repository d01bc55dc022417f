package io.biggerfleet.pantahub;

/** {@link TokenStore#inMemory()} against the token store contract. */
class InMemoryTokenStoreContractTest extends TokenStoreContractTest {
  @Override
  TokenStore newStore() {
    return TokenStore.inMemory();
  }
}
