package io.biggerfleet;

import java.util.function.Supplier;

/**
 * Runs a read-modify-write again when the store reports a {@link WriteConflictException} (another
 * writer changed a record in between), a bounded number of times. Stateless.
 */
final class ConflictRetry {
  static final int MAX_CONFLICT_RETRIES = 20;

  private ConflictRetry() {}

  /**
   * The result of {@code work}, run again after each conflict.
   *
   * @throws WriteConflictException the last conflict, after {@value #MAX_CONFLICT_RETRIES} attempts
   */
  static <T> T retrying(Supplier<T> work) {
    WriteConflictException last = null;
    for (int i = 0; i < MAX_CONFLICT_RETRIES; i++) {
      try {
        return work.get();
      } catch (WriteConflictException e) {
        last = e;
      }
    }
    throw last;
  }
}
