package io.biggerfleet.group.internal;

import io.biggerfleet.match.MatchNode;
import java.util.Arrays;
import org.roaringbitmap.BitSetUtil;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * One attribute's winning values as a dictionary-encoded column: an {@code int} code per device
 * ordinal (0 = the device lacks the attribute), each distinct value stored once (the device's own
 * {@code String} instance, so no copy), and, built on the first query that needs them, the codes in
 * text order (a prefix is one contiguous run) and in numeric order (a numeric range is one contiguous
 * run; values that do not read as a number are left out). There is no cap on distinct values.
 *
 * <p><b>Updates</b> ({@link #set}) cost a hash lookup and two counter changes: a new value gets the
 * next code and is not inserted into the sorted orders at once; codes past the sorted part are checked
 * one by one by queries, and merged in (sort the new ones, one merge pass) when there are more than
 * {@value #MERGE_AFTER}. Values no device holds any more keep their code until they outnumber the
 * live ones, when the column is compacted (codes renumbered in one pass).
 *
 * <p>Queries mark matching codes in a {@code boolean[]} and turn them into device ordinals by a tight
 * loop over the code array (or over the candidates, when they are few).
 *
 * <p>Not thread-safe: the owning {@link FleetIndex} guards it.
 */
final class Column {
  /** New codes checked one by one until there are more than this many; then merged into the orders. */
  static final int MERGE_AFTER = 256;

  private int[] codes = new int[16];
  private String[] values = new String[16];
  private int[] counts = new int[16];
  /** Next code; code 0 means "missing". */
  private int size = 1;

  private int live;
  private int[] table = new int[32];

  private int[] byText;
  private int textCovered = 1;
  private int[] byNumber;
  private double[] numberKeys;
  private int numberCovered = 1;

  /** Sets the value of device {@code ordinal}; null: it lacks the attribute (or left the fleet). */
  void set(int ordinal, String value) {
    if (ordinal >= codes.length) {
      codes = Arrays.copyOf(codes, Math.max(ordinal + 1, codes.length + (codes.length >> 1)));
    }
    int old = codes[ordinal];
    if (value == null) {
      if (old == 0) {
        return;
      }
      codes[ordinal] = 0;
      release(old);
      return;
    }
    if (old != 0 && values[old].equals(value)) {
      return;
    }
    int now = codeOf(value);
    if (counts[now]++ == 0) {
      live++;
    }
    codes[ordinal] = now;
    if (old != 0) {
      release(old);
    }
  }

  private void release(int code) {
    if (--counts[code] == 0) {
      live--;
      if (size > 1024 && size - 1 > 2 * live) {
        compact();
      }
    }
  }

  /** Distinct values some device holds now. */
  int distinct() {
    return live;
  }

  /** The value of code {@code c} (1 ≤ c). */
  String value(int c) {
    return values[c];
  }

  /** Codes in use so far plus one: the length a {@code boolean[]} of hits needs. */
  int codeLimit() {
    return size;
  }

  /** Marks the codes whose value starts with {@code prefix}; returns how many. */
  int markPrefix(String prefix, boolean[] hit) {
    textOrder();
    int n = 0;
    int lo = 0;
    int hi = byText.length;
    while (lo < hi) { // first value ≥ prefix
      int mid = (lo + hi) >>> 1;
      if (values[byText[mid]].compareTo(prefix) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    int start = lo;
    hi = byText.length;
    while (lo < hi) { // end of the run: values before it are below the prefix or start with it
      int mid = (lo + hi) >>> 1;
      if (values[byText[mid]].startsWith(prefix)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    for (int i = start; i < lo; i++) {
      hit[byText[i]] = true;
    }
    n += lo - start;
    for (int c = textCovered; c < size; c++) {
      if (values[c].startsWith(prefix)) {
        hit[c] = true;
        n++;
      }
    }
    return n;
  }

  /** Marks the codes whose value reads as a number in {@code range}; returns how many. */
  int markRange(MatchNode.NumberRange range, boolean[] hit) {
    numberOrder();
    double[] k = numberKeys;
    int lo = 0;
    int hi = k.length;
    while (lo < hi) { // first key above the low bound
      int mid = (lo + hi) >>> 1;
      if (range.lowInclusive() ? k[mid] >= range.low() : k[mid] > range.low()) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    int start = lo;
    hi = k.length;
    while (lo < hi) { // first key above the high bound
      int mid = (lo + hi) >>> 1;
      if (range.highInclusive() ? k[mid] <= range.high() : k[mid] < range.high()) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    int n = 0;
    for (int i = start; i < lo; i++) {
      hit[byNumber[i]] = true;
      n++;
    }
    for (int c = numberCovered; c < size; c++) {
      if (range.contains(MatchNode.NumberRange.number(values[c]))) {
        hit[c] = true;
        n++;
      }
    }
    return n;
  }

  /**
   * The devices of {@code candidates} whose value {@code test} accepts, testing each candidate's value
   * from the dictionary: for few candidates, cheaper than marking a long run of codes.
   */
  RoaringBitmap selectWhere(RoaringBitmap candidates, java.util.function.Predicate<String> test) {
    int[] c = codes;
    int[] out = new int[candidates.getCardinality()];
    int k = 0;
    for (IntIterator it = candidates.getIntIterator(); it.hasNext(); ) {
      int o = it.next();
      int code = o < c.length ? c[o] : 0;
      if (code != 0 && test.test(values[code])) {
        out[k++] = o;
      }
    }
    return RoaringBitmap.bitmapOf(Arrays.copyOf(out, k));
  }

  /** The devices of {@code candidates} whose code is marked in {@code hit}; a new bitmap. */
  RoaringBitmap select(boolean[] hit, RoaringBitmap candidates) {
    int[] c = codes;
    long card = candidates.getLongCardinality();
    if (card < c.length / 32) {
      int[] out = new int[(int) card];
      int k = 0;
      for (IntIterator it = candidates.getIntIterator(); it.hasNext(); ) {
        int o = it.next();
        if (o < c.length && hit[c[o]]) {
          out[k++] = o;
        }
      }
      return RoaringBitmap.bitmapOf(Arrays.copyOf(out, k));
    }
    long[] words = new long[(c.length + 63) >>> 6];
    for (int o = 0; o < c.length; o++) {
      if (hit[c[o]]) {
        words[o >>> 6] |= 1L << o;
      }
    }
    RoaringBitmap out = BitSetUtil.bitmapOf(words);
    out.and(candidates);
    return out;
  }

  // ------------------------------------------------------------------ dictionary

  private int codeOf(String value) {
    int mask = table.length - 1;
    int h = mix(value.hashCode()) & mask;
    for (int c = table[h]; c != 0; c = table[h]) {
      if (values[c].equals(value)) {
        return c;
      }
      h = (h + 1) & mask;
    }
    int code = size++;
    if (code == values.length) {
      int len = code + (code >> 1);
      values = Arrays.copyOf(values, len);
      counts = Arrays.copyOf(counts, len);
    }
    values[code] = value;
    table[h] = code;
    if (2 * size > table.length) {
      rehash(table.length * 2);
    }
    return code;
  }

  private void rehash(int length) {
    table = new int[length];
    int mask = length - 1;
    for (int c = 1; c < size; c++) {
      int h = mix(values[c].hashCode()) & mask;
      while (table[h] != 0) {
        h = (h + 1) & mask;
      }
      table[h] = c;
    }
  }

  private static int mix(int h) {
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  /** Renumbers the live codes 1..live, dropping values no device holds; orders are rebuilt lazily. */
  private void compact() {
    int[] renumber = new int[size];
    String[] v = new String[Math.max(16, live + 1 + (live >> 1))];
    int[] n = new int[v.length];
    int next = 1;
    for (int c = 1; c < size; c++) {
      if (counts[c] > 0) {
        renumber[c] = next;
        v[next] = values[c];
        n[next] = counts[c];
        next++;
      }
    }
    for (int o = 0; o < codes.length; o++) {
      codes[o] = renumber[codes[o]];
    }
    values = v;
    counts = n;
    size = next;
    rehash(Integer.highestOneBit(Math.max(16, size) * 4 - 1));
    byText = null;
    textCovered = 1;
    byNumber = null;
    numberKeys = null;
    numberCovered = 1;
  }

  // ------------------------------------------------------------------ orders

  private void textOrder() {
    if (byText != null && size - textCovered <= MERGE_AFTER) {
      return;
    }
    int[] fresh = range(byText == null ? 1 : textCovered, size);
    IntSort.sort(fresh, (a, b) -> values[a].compareTo(values[b]));
    if (byText == null) {
      byText = fresh;
    } else {
      int[] old = byText;
      int[] merged = new int[old.length + fresh.length];
      int i = 0;
      int j = 0;
      int k = 0;
      while (i < old.length && j < fresh.length) {
        merged[k++] = values[old[i]].compareTo(values[fresh[j]]) <= 0 ? old[i++] : fresh[j++];
      }
      while (i < old.length) {
        merged[k++] = old[i++];
      }
      while (j < fresh.length) {
        merged[k++] = fresh[j++];
      }
      byText = merged;
    }
    textCovered = size;
  }

  private void numberOrder() {
    if (byNumber != null && size - numberCovered <= MERGE_AFTER) {
      return;
    }
    int from = byNumber == null ? 1 : numberCovered;
    int[] fresh = new int[size - from];
    double[] key = new double[size - from];
    int m = 0;
    for (int c = from; c < size; c++) {
      double x = MatchNode.NumberRange.number(values[c]);
      if (!Double.isNaN(x)) {
        fresh[m++] = c;
        key[c - from] = x;
      }
    }
    fresh = Arrays.copyOf(fresh, m);
    IntSort.sort(fresh, (a, b) -> Double.compare(key[a - from], key[b - from]));
    int[] oldCodes = byNumber == null ? new int[0] : byNumber;
    double[] oldKeys = numberKeys == null ? new double[0] : numberKeys;
    int[] merged = new int[oldCodes.length + m];
    double[] mergedKeys = new double[merged.length];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < oldCodes.length || j < m) {
      boolean takeOld =
          j == m || i < oldCodes.length && Double.compare(oldKeys[i], key[fresh[j] - from]) <= 0;
      if (takeOld) {
        merged[k] = oldCodes[i];
        mergedKeys[k++] = oldKeys[i++];
      } else {
        merged[k] = fresh[j];
        mergedKeys[k++] = key[fresh[j++] - from];
      }
    }
    byNumber = merged;
    numberKeys = mergedKeys;
    numberCovered = size;
  }

  private static int[] range(int from, int to) {
    int[] a = new int[to - from];
    for (int i = 0; i < a.length; i++) {
      a[i] = from + i;
    }
    return a;
  }
}
