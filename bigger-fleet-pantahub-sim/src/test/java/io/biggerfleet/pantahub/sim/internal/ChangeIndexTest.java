package io.biggerfleet.pantahub.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeIndexTest {
  private static final Instant T1 = Instant.parse("2026-01-05T09:00:00.001Z");
  private static final Instant T2 = Instant.parse("2026-01-05T09:00:00.002Z");

  private static List<String> items(Iterable<Map.Entry<Instant, String>> it) {
    List<String> out = new ArrayList<>();
    it.forEach(e -> out.add(e.getValue() + "@" + e.getKey().getNano() / 1_000_000));
    return out;
  }

  @Test
  void tiedItems_keepStampingOrder_ascendingAndDescending() {
    ChangeIndex<String> index = new ChangeIndex<>();
    index.put(T1, "a");
    index.put(T1, "b");
    index.put(T1, "c");
    index.put(T2, "d");
    assertThat(items(index.from(Instant.EPOCH, false))).containsExactly("a@1", "b@1", "c@1", "d@2");
    assertThat(items(index.from(T2, true))).containsExactly("c@1", "b@1", "a@1");
    assertThat(items(index.from(T1, false))).as("strictly after").containsExactly("d@2");
  }

  @Test
  void move_takesTheItemOutOfItsTie_andDropsEmptyTimes() {
    ChangeIndex<String> index = new ChangeIndex<>();
    index.put(T1, "a");
    index.put(T1, "b");
    index.move(T1, T2, "a");
    index.move(T1, T2, "b");
    index.move(T2, T2, "a");
    assertThat(items(index.from(Instant.EPOCH, false))).containsExactly("b@2", "a@2");
  }
}
