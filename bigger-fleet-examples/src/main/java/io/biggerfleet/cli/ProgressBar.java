package io.biggerfleet.cli;

/**
 * A text progress bar, {@code [#########...........]}, for terminal views. Stateless and thread-safe.
 */
final class ProgressBar {
  static final int WIDTH = 20;

  private ProgressBar() {}

  /** A bar of {@link #WIDTH} cells filled by {@code part / whole} (empty when whole is 0). */
  static String of(long part, long whole) {
    int filled = whole <= 0 ? 0 : (int) Math.min(WIDTH, part * WIDTH / whole);
    return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "]";
  }
}
