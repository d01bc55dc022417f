package io.biggerfleet.pantahub.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void time_isGoRfc3339Nano_withTrailingZerosTrimmed() {
    assertThat(Json.time(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00Z");
    assertThat(Json.time(null)).isEqualTo("0001-01-01T00:00:00Z");
    assertThat(Json.time(Instant.parse("2024-05-02T10:15:30.123Z")))
        .isEqualTo("2024-05-02T10:15:30.123Z");
    assertThat(Json.time(Instant.parse("2024-05-02T10:15:30.500Z")))
        .isEqualTo("2024-05-02T10:15:30.5Z");
    assertThat(Json.time(Instant.parse("2000-02-29T23:59:59.000000001Z")))
        .isEqualTo("2000-02-29T23:59:59.000000001Z");
    for (long s = 0; s < 4_000_000_000L; s += 7_919_993) {
      Instant t = Instant.ofEpochSecond(s, s % 1_000_000_000);
      assertThat(Instant.parse(Json.time(t))).isEqualTo(t);
    }
  }

  @Test
  void canonical_sortsKeys_dropsWhitespace_andWritesNonIntegersInENotation() {
    JsonNode n = Json.parseOrNull(
        "{\"b\":[1, 2.0, 0.5, -1250.75, 1e-7], \"a\":{\"z\":\"x\\\"y\",\"c\":true}}"
            .getBytes(StandardCharsets.UTF_8));
    assertThat(new String(Json.canonical(n), StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":{\"c\":true,\"z\":\"x\\\"y\"},\"b\":[1,2,5.0E-1,-1.25075E3,1.0E-7]}");
  }

  @Test
  void storedForm_replacesDotsInTopLevelKeysOnly() {
    JsonNode n = Json.parseOrNull(
        "{\"pantavisor.arch\":\"arm\",\"x\":{\"a.b\":1}}".getBytes(StandardCharsets.UTF_8));
    JsonNode stored = Json.toStored(n);
    assertThat(stored.has("pantavisor\uFF2Earch")).isTrue();
    assertThat(stored.get("x").has("a.b")).isTrue();
    assertThat(Json.fromStored(stored)).isEqualTo(n);
  }
}
