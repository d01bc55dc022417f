package io.biggerfleet.pantahub.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code responseLatency}: every answer comes at least that much later; bad values are refused. */
class ResponseLatencyTest {
  @Test
  void responseLatency_delaysEveryAnswer_byAtLeastTheLatency() {
    try (PantahubSimulator sim = PantahubSimulator.builder()
        .scenario(DeviceControlTest.twoDevices())
        .clock(SimClock.at("2026-01-05T09:00:00Z"))
        .responseLatency(Duration.ofMillis(60))
        .start()) {
      Http http = new Http(sim.baseUri());
      long t0 = System.nanoTime();
      String token = http.post(
              "/auth/login", null, "{\"username\":\"user1\",\"password\":\"user1\"}")
          .json()
          .get("token")
          .asText();
      assertThat(token).isNotEmpty();
      assertThat(Duration.ofNanos(System.nanoTime() - t0))
          .as("answer time")
          .isGreaterThanOrEqualTo(Duration.ofMillis(60));
    }
  }

  @Test
  void responseLatency_negativeOrOverTenSeconds_isRefusedWithTheValue() {
    assertThatThrownBy(() -> PantahubSimulator.builder().responseLatency(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was PT-0.001S");
    assertThatThrownBy(() -> PantahubSimulator.builder().responseLatency(Duration.ofSeconds(11)))
        .hasMessageContaining("[0, 10 s]");
  }
}
