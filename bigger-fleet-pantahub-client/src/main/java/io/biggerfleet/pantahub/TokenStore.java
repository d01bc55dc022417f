package io.biggerfleet.pantahub;

import java.util.Optional;

/**
 * Where the client keeps tokens between runs, keyed by hub (the client uses its base URI, e.g.
 * {@code https://api.pantahub.com}). The client loads a token at first use and saves every token it
 * obtains (login, refresh, browser login).
 *
 * <p>Implementations must be thread-safe, must never log token values, and should keep them readable
 * by the owner only. {@link FileTokenStore} is the file implementation; {@link #inMemory()} keeps
 * tokens for the life of the process (tests, or an app that keeps its own secrets). Every
 * implementation passes the same contract test suite ({@code TokenStoreContractTest} in the artifact
 * {@code bigger-fleet-testing}).
 *
 * <p>Errors: an unreadable or corrupt store is an unchecked {@link io.biggerfleet.FleetException}
 * naming the store (never its content).
 */
public interface TokenStore {

  /** A new, empty, thread-safe store in memory: tokens live as long as the store does. */
  static TokenStore inMemory() {
    return new InMemoryTokenStore();
  }

  /** The token stored for {@code hub}, if any. */
  Optional<AccessToken> load(String hub);

  /** Stores {@code token} for {@code hub}, replacing any previous one. */
  void save(String hub, AccessToken token);

  /** Forgets the token of {@code hub} (logout). */
  void remove(String hub);
}
