package io.biggerfleet.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.biggerfleet.pantahub.AccessToken;
import io.biggerfleet.pantahub.TokenStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TokenStore} (the Pantahub client's SPI) must do: keep one token per hub, replace on
 * save, forget on remove, take concurrent use, and never show a token in its {@code toString}.
 * A store implementation's test extends this class and supplies {@link #newStore()}.
 *
 * <p>Needs {@code bigger-fleet-pantahub-client} on the test class path (an optional dependency of
 * this artifact). Each test gets its own store, so the suite may run in parallel.
 */
public abstract class TokenStoreContractTest {
  /** A hub key. */
  protected static final String HUB = "https://api.pantahub.com";
  /** Another hub key. */
  protected static final String OTHER_HUB = "http://127.0.0.1:12365";
  /** A token the tests save and look for. */
  protected static final AccessToken SECRET = AccessToken.of("tok-3f9a1c77e2b04d5b");
  /** A second token, to replace {@link #SECRET}. */
  protected static final AccessToken NEWER = AccessToken.of("tok-88aa01bc22dd44ee");

  /** A new, empty store. Called at least once per test. */
  protected abstract TokenStore newStore() throws Exception;

  @Test
  void load_whenNothingSaved_isEmpty() throws Exception {
    assertThat(newStore().load(HUB)).isEmpty();
  }

  @Test
  void save_thenLoad_returnsTheToken() throws Exception {
    TokenStore s = newStore();
    s.save(HUB, SECRET);
    assertThat(s.load(HUB)).contains(SECRET);
  }

  @Test
  void save_replacesThePreviousTokenOfThatHubOnly() throws Exception {
    TokenStore s = newStore();
    s.save(HUB, SECRET);
    s.save(OTHER_HUB, SECRET);
    s.save(HUB, NEWER);
    assertThat(s.load(HUB)).contains(NEWER);
    assertThat(s.load(OTHER_HUB)).contains(SECRET);
  }

  @Test
  void remove_forgetsThatHubOnly_andIsIdempotent() throws Exception {
    TokenStore s = newStore();
    s.save(HUB, SECRET);
    s.save(OTHER_HUB, NEWER);
    s.remove(HUB);
    s.remove(HUB);
    assertThat(s.load(HUB)).isEmpty();
    assertThat(s.load(OTHER_HUB)).contains(NEWER);
  }

  @Test
  void nullArguments_areRefused() throws Exception {
    TokenStore s = newStore();
    assertThatThrownBy(() -> s.load(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> s.save(HUB, null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void concurrentSaves_toManyHubs_loseNone() throws Exception {
    TokenStore s = newStore();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String hub = "http://hub-" + i + ".test";
        done.add(pool.submit(
            () -> s.save(hub, AccessToken.of("tok-" + hub.length() + "-" + hub.hashCode()))));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    for (int i = 0; i < 40; i++) {
      String hub = "http://hub-" + i + ".test";
      assertThat(s.load(hub))
          .as(hub)
          .contains(AccessToken.of("tok-" + hub.length() + "-" + hub.hashCode()));
    }
  }

  @Test
  void toString_neverShowsAToken() throws Exception {
    TokenStore s = newStore();
    s.save(HUB, SECRET);
    assertThat(s.toString()).doesNotContain(SECRET.value());
    assertThat(SECRET.toString()).doesNotContain(SECRET.value());
  }
}
