package io.biggerfleet.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonInstantTest {
  @Test
  void parseInstant_readsEveryInstantTheStoreWrites_exactlyAsInstantParse() {
    Random r = new Random(42);
    for (int i = 0; i < 100_000; i++) {
      long seconds = r.nextLong(-62_000_000_000L, 250_000_000_000L);
      int nanos = switch (i % 4) {
        case 0 -> 0;
        case 1 -> r.nextInt(1000) * 1_000_000;
        case 2 -> r.nextInt(1_000_000) * 1_000;
        default -> r.nextInt(1_000_000_000);
      };
      Instant t = Instant.ofEpochSecond(seconds, nanos);
      assertThat(Json.parseInstant(t.toString())).isEqualTo(t);
    }
  }

  @Test
  void parseInstant_leavesOtherFormsToInstantParse() {
    assertThat(Json.parseInstant("+12026-03-02T09:00:00Z"))
        .isEqualTo(Instant.parse("+12026-03-02T09:00:00Z"));
    assertThatThrownBy(() -> Json.parseInstant("2026-02-30T09:00:00Z"))
        .isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> Json.parseInstant("2026-03-02T09:00:0xZ"))
        .isInstanceOf(DateTimeParseException.class);
  }
}
