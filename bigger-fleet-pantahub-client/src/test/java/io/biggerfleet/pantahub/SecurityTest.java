package io.biggerfleet.pantahub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityTest extends HubTestSupport {
  @TempDir
  Path dir;

  @Test
  void tokensAndPasswords_neverAppearInExceptionsToStringsOrLogs() {
    List<String> logged = new ArrayList<>();
    Logger jul = Logger.getLogger("io.biggerfleet.pantahub");
    Handler h = new Handler() {
      @Override
      public void publish(LogRecord r) {
        logged.add(r.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Level old = jul.getLevel();
    jul.setLevel(Level.ALL);
    jul.addHandler(h);
    try {
      enqueue("{\"token\":\"" + token.value() + "\"}");
      enqueue(503, "{\"error\":\"REST-ERR-ID-1\",\"code\":503}");
      enqueue(401, "{\"Error\":\"Not Authorized\"}");
      enqueue(401, "{\"Error\":\"Not Authorized\"}"); // refresh refused
      enqueue(401, "{\"error\":\"REST-ERR-ID-2\",\"code\":401}"); // re-login refused
      PantahubClient c =
          clientBuilder().login("alice", "hunter2-pw".toCharArray()).build();
      Throwable t = catchThrowable(() -> c.devices().list(DeviceFilter.all()));

      List<String> texts = new ArrayList<>(logged);
      for (Throwable x = t; x != null; x = x.getCause()) {
        texts.add(x.toString());
      }
      texts.add(c.toString());
      texts.add(token.toString());
      texts.add(c.auth().toString());
      assertThat(t).isInstanceOf(PantahubUnauthorizedException.class);
      assertThat(logged).as("retries are logged").isNotEmpty();
      assertThat(texts)
          .noneMatch(s -> s != null && (s.contains(token.value()) || s.contains("hunter2-pw")));
    } finally {
      jul.removeHandler(h);
      jul.setLevel(old);
    }
  }

  @Test
  void redirects_areNotFollowed_soTheTokenNeverLeavesTheHub() throws Exception {
    try (MockWebServer other = new MockWebServer()) {
      other.start();
      server.enqueue(new MockResponse.Builder()
          .code(302)
          .setHeader("Location", other.url("/devices/").toString())
          .build());
      Throwable t = catchThrowable(() -> client().devices().list(DeviceFilter.all()));
      assertThat(t).isInstanceOf(PantahubException.class);
      assertThat(other.getRequestCount()).isZero();
    }
  }

  @Test
  void fileTokenStore_writesOwnerOnlyFile_atomically_andReadsItBack() throws Exception {
    Path file = dir.resolve("conf").resolve("tokens.json");
    FileTokenStore store = FileTokenStore.at(file);
    store.save("https://api.pantahub.com", token);
    store.save("http://127.0.0.1:1234", jwt(clock.instant(), "other"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    try (var files = Files.list(file.getParent())) {
      assertThat(files).as("no temporary files left").containsExactly(file);
    }
    assertThat(FileTokenStore.at(file).load("https://api.pantahub.com")).contains(token);
    assertThat(Files.readString(file)).contains("\"spec\" : \"1\"").contains("access-token");
    store.remove("https://api.pantahub.com");
    assertThat(store.load("https://api.pantahub.com")).isEmpty();
    assertThat(store.hubs()).containsExactly("http://127.0.0.1:1234");
    assertThat(store.toString()).doesNotContain(token.value());
  }

  @Test
  void fileTokenStore_whenFileIsCorrupt_failsNamingTheFileNotTheContent() throws Exception {
    Path file = dir.resolve("tokens.json");
    Files.writeString(file, "[\"" + token.value() + "\"]");
    Throwable t = catchThrowable(() -> FileTokenStore.at(file).load("x"));
    assertThat(t).hasMessageContaining(file.toString()).hasMessageNotContaining(token.value());
  }

  @Test
  void clientWithFileStore_savesTheLoginToken() throws Exception {
    Path file = dir.resolve("tokens.json");
    enqueue("{\"token\":\"" + token.value() + "\"}");
    enqueue("[]");
    clientBuilder()
        .login("alice", "pw".toCharArray())
        .tokenStore(FileTokenStore.at(file))
        .build()
        .devices()
        .list(DeviceFilter.all());
    assertThat(FileTokenStore.at(file).load(baseUri())).contains(token);
  }

  @Test
  void retryPolicy_backoffIsCappedAndJittered() {
    RetryPolicy p = RetryPolicy.builder()
        .baseDelay(Duration.ofMillis(100))
        .maxDelay(Duration.ofSeconds(1))
        .build();
    assertThat(p.backoff(1, 0.0)).isEqualTo(Duration.ofMillis(50));
    assertThat(p.backoff(1, 0.999999)).isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
    assertThat(p.backoff(3, 1.0)).isEqualTo(Duration.ofMillis(400));
    assertThat(p.backoff(30, 1.0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.backoff(99, 0.0)).isEqualTo(Duration.ofMillis(500));
    assertThat(catchThrowable(() -> RetryPolicy.builder()
            .baseDelay(Duration.ofSeconds(5))
            .maxDelay(Duration.ofSeconds(1))
            .build()))
        .hasMessageContaining("exceeds maxDelay");
  }
}
