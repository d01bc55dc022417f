package io.biggerfleet.match;

import io.biggerfleet.device.Attributes;
import io.biggerfleet.device.Device;
import java.util.Set;

/**
 * A compiled match expression: tells whether a device's attributes match it. Get one from
 * {@link Matchers#compile(String)}.
 *
 * <p>Immutable and thread-safe: compile once, share freely, evaluate from any number of threads.
 * Evaluation never throws for any device data: a missing attribute, or a value that cannot be read as
 * the type a term needs (a size, a version, a time), makes that term false (see
 * {@code docs/expressions.md}, "Missing attributes").
 */
public interface Matcher {

  /** The expression text as compiled. */
  String expression();

  /**
   * Whether {@code device} matches. {@code bucket(..)} terms use {@link Device#systemId()}.
   *
   * @throws NullPointerException if {@code device} is null
   */
  boolean matches(Device device);

  /**
   * Whether attributes alone match. {@code bucket(..)} terms derive the system id from the
   * {@code Device-Id} attribute (as {@link Device#systemIdOf} does) and are false without one.
   *
   * @throws NullPointerException if {@code attributes} is null
   */
  boolean matches(Attributes attributes);

  /** Like {@link #matches(Device)}, with every term's result and observed value. */
  Explanation explain(Device device);

  /** Like {@link #matches(Attributes)}, with every term's result and observed value. */
  Explanation explain(Attributes attributes);

  /** Names of every attribute the expression reads (whatever source), sorted. */
  Set<String> attributes();

  /** The folded structure of the expression, for index-based evaluation. */
  MatchNode structure();

  /**
   * True if the answer for an unchanged device can change as time passes ({@code age(..)} terms);
   * such matchers cannot be maintained from attribute changes alone.
   */
  boolean dependsOnTime();
}
