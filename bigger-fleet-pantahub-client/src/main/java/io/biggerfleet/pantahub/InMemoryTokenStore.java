package io.biggerfleet.pantahub;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@link TokenStore#inMemory()}: tokens by hub in a concurrent map. Thread-safe. */
final class InMemoryTokenStore implements TokenStore {
  private final ConcurrentMap<String, AccessToken> tokens = new ConcurrentHashMap<>();

  @Override
  public Optional<AccessToken> load(String hub) {
    return Optional.ofNullable(tokens.get(Objects.requireNonNull(hub, "hub")));
  }

  @Override
  public void save(String hub, AccessToken token) {
    tokens.put(Objects.requireNonNull(hub, "hub"), Objects.requireNonNull(token, "token"));
  }

  @Override
  public void remove(String hub) {
    tokens.remove(Objects.requireNonNull(hub, "hub"));
  }

  @Override
  public String toString() {
    return "TokenStore.inMemory(" + tokens.size() + " hubs)";
  }
}
