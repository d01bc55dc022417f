package io.biggerfleet.group.internal;

/**
 * A stable merge sort of an {@code int[]} by a comparator over the ints (codes compared by the values
 * they stand for), without boxing. Stateless.
 */
final class IntSort {
  private IntSort() {}

  /** Compares two ints. */
  @FunctionalInterface
  interface Order {
    int compare(int a, int b);
  }

  static void sort(int[] a, Order order) {
    if (a.length < 2) {
      return;
    }
    int[] tmp = a.clone();
    mergeSort(tmp, a, 0, a.length, order);
  }

  /** Sorts {@code src[from, to)} into {@code dst[from, to)}; both hold the same elements on entry. */
  private static void mergeSort(int[] src, int[] dst, int from, int to, Order order) {
    int n = to - from;
    if (n < 16) {
      for (int i = from + 1; i < to; i++) {
        int x = dst[i];
        int j = i - 1;
        while (j >= from && order.compare(dst[j], x) > 0) {
          dst[j + 1] = dst[j];
          j--;
        }
        dst[j + 1] = x;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(dst, src, from, mid, order);
    mergeSort(dst, src, mid, to, order);
    int i = from;
    int j = mid;
    for (int k = from; k < to; k++) {
      if (j >= to || i < mid && order.compare(src[i], src[j]) <= 0) {
        dst[k] = src[i++];
      } else {
        dst[k] = src[j++];
      }
    }
  }
}
