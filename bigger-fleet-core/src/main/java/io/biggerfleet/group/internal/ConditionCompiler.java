package io.biggerfleet.group.internal;

/**
 * Compiles expression text into a {@link Condition}. Thread-safe.
 */
@FunctionalInterface
interface ConditionCompiler {

  /**
   * Compiles {@code expression}.
   *
   * @throws io.biggerfleet.InvalidInputException with line, column and caret when it is not valid
   */
  Condition compile(String expression);
}
