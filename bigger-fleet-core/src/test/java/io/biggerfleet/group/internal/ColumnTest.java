package io.biggerfleet.group.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.biggerfleet.match.AttributeRef;
import io.biggerfleet.match.MatchNode;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

class ColumnTest {
  private static final double INF = Double.POSITIVE_INFINITY;
  private final Column column = new Column();

  private RoaringBitmap all(int n) {
    RoaringBitmap b = new RoaringBitmap();
    b.add(0L, n);
    return b;
  }

  private int[] prefix(String p, int n) {
    boolean[] hit = new boolean[column.codeLimit()];
    column.markPrefix(p, hit);
    return column.select(hit, all(n)).toArray();
  }

  private int[] range(double low, boolean lowIn, double high, boolean highIn, int n) {
    boolean[] hit = new boolean[column.codeLimit()];
    column.markRange(
        new MatchNode.NumberRange(AttributeRef.of("x"), low, lowIn, high, highIn), hit);
    return column.select(hit, all(n)).toArray();
  }

  @Test
  void prefix_selectsExactlyTheValuesStartingWithIt_andNeverMissingOnes() {
    String[] v = {"garden-1", "gw-2", "garden", "gard", null, "garden-10", "zz"};
    for (int i = 0; i < v.length; i++) {
      column.set(i, v[i]);
    }
    assertThat(prefix("garden", v.length)).containsExactly(0, 2, 5);
    assertThat(prefix("", v.length)).containsExactly(0, 1, 2, 3, 5, 6);
    assertThat(prefix("h", v.length)).isEmpty();
  }

  @Test
  void numericRange_readsSizesAndNumbers_skipsText_andHonoursEachBound() {
    String[] v = {"1", "2", "2.5", "64M", "lots", null, " 4 ", "-3"};
    for (int i = 0; i < v.length; i++) {
      column.set(i, v[i]);
    }
    assertThat(range(2, false, INF, true, v.length)).containsExactly(2, 3, 6);
    assertThat(range(2, true, INF, true, v.length)).containsExactly(1, 2, 3, 6);
    assertThat(range(-INF, true, 2, false, v.length)).containsExactly(0, 7);
    assertThat(range(4, true, 4, true, v.length)).containsExactly(6);
  }

  @Test
  void valuesAddedAfterTheOrderIsBuilt_areFound_beforeAndAfterTheyAreMergedIn() {
    column.set(0, "a1");
    assertThat(prefix("b", 1)).isEmpty(); // builds the text order
    int n = Column.MERGE_AFTER * 3;
    for (int i = 1; i < n; i++) {
      column.set(i, (i % 2 == 0 ? "b" : "a") + i);
      if (i == 5) {
        assertThat(prefix("b", n)).containsExactly(2, 4); // still pending, checked one by one
      }
    }
    assertThat(prefix("b", n)).hasSize((n - 1) / 2); // merged
    assertThat(range(0, true, INF, true, n)).isEmpty();
  }

  @Test
  void changedAndRemovedValues_moveTheDevice_andAColumnOfMostlyDeadValuesCompacts() {
    int n = 3000;
    for (int i = 0; i < n; i++) {
      column.set(i, Integer.toString(i));
    }
    assertThat(range(2990, true, INF, true, n)).hasSize(10);
    for (int i = 0; i < n; i++) { // every old value dies: the column compacts along the way
      column.set(i, i < 100 ? null : Integer.toString(i % 7));
    }
    assertThat(column.distinct()).isEqualTo(7);
    assertThat(column.codeLimit()).isLessThan(1100);
    long sixes =
        java.util.stream.IntStream.range(100, n).filter(i -> i % 7 == 6).count();
    assertThat(range(6, true, INF, true, n)).hasSize((int) sixes);
    assertThat(range(-INF, true, INF, true, n)).hasSize(n - 100);
  }

  @Test
  void selectWhere_testsOnlyTheCandidates() {
    column.set(0, "garden-1");
    column.set(1, "garden-2");
    column.set(3, "gw");
    RoaringBitmap few = RoaringBitmap.bitmapOf(1, 2, 3);
    assertThat(column.selectWhere(few, v -> v.startsWith("garden")).toArray()).containsExactly(1);
  }
}
