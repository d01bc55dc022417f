package io.biggerfleet.match.internal;

import io.biggerfleet.device.Attributes;
import io.biggerfleet.device.Device;
import java.time.Clock;

/**
 * The leaf terms that read an attribute as an ordered value (number, size, version, timestamp,
 * duration, age) and compare it with {@link Op}. A value that is not of the type never matches;
 * {@code why} says so for explanations. Each is immutable and its {@code test} never allocates.
 */
final class OrderedTerms {
  private OrderedTerms() {}

  /** Numbers and sizes: {@code Mem >= 64M}, {@code Cores == 4}. */
  static final class Numeric extends Term {
    final Op op;
    final double literal;

    Numeric(String text, Ref ref, Op op, double literal) {
      super(text, ref);
      this.op = op;
      this.literal = literal;
    }

    @Override
    boolean test(Attributes a, Device d) {
      String v = ref.get(a);
      if (v == null) {
        return false;
      }
      double x = Values.number(v);
      return !Double.isNaN(x) && op.holds(x, literal);
    }

    @Override
    boolean testValue(String v) {
      double x = Values.number(v);
      return !Double.isNaN(x) && op.holds(x, literal);
    }

    @Override
    String why(String v) {
      return Double.isNaN(Values.number(v)) ? "is not a number or size" : null;
    }

    @Override
    int cost() {
      return 4;
    }
  }

  /** Versions: {@code Kernel >= 4.10.0}, {@code App < 2.0.0-rc.1}. */
  static final class VersionCompare extends Term {
    final Op op;
    final Version literal;

    VersionCompare(String text, Ref ref, Op op, Version literal) {
      super(text, ref);
      this.op = op;
      this.literal = literal;
    }

    @Override
    boolean test(Attributes a, Device d) {
      String v = ref.get(a);
      if (v == null) {
        return false;
      }
      int c = literal.compareFrom(v);
      return c != Version.NOT_A_VERSION && op.holds(c);
    }

    @Override
    boolean testValue(String v) {
      int c = literal.compareFrom(v);
      return c != Version.NOT_A_VERSION && op.holds(c);
    }

    @Override
    String why(String v) {
      return literal.compareFrom(v) == Version.NOT_A_VERSION ? "is not a version" : null;
    }

    @Override
    int cost() {
      return 5;
    }
  }

  /**
   * A decimal such as {@code 4.10}: numeric against a plain number ({@code "4.9"}), version-wise
   * against a version ({@code "4.9.3"}).
   */
  static final class NumberOrVersion extends Term {
    final Op op;
    final double number;
    final Version version;

    NumberOrVersion(String text, Ref ref, Op op, double number, Version version) {
      super(text, ref);
      this.op = op;
      this.number = number;
      this.version = version;
    }

    @Override
    boolean test(Attributes a, Device d) {
      String v =
          ref.get(a); // overridden in each hot term so testValue is a direct call, not megamorphic
      return v != null && testValue(v);
    }

    @Override
    boolean testValue(String v) {
      if (Values.isPlainNumber(v)) {
        double x = Values.number(v);
        return !Double.isNaN(x) && op.holds(x, number);
      }
      int c = version.compareFrom(v);
      return c != Version.NOT_A_VERSION && op.holds(c);
    }

    @Override
    String why(String v) {
      return !Values.isPlainNumber(v) && version.compareFrom(v) == Version.NOT_A_VERSION
          ? "is neither a number nor a version"
          : null;
    }

    @Override
    int cost() {
      return 6;
    }
  }

  /** Timestamps: {@code Last-Seen > 2026-01-01T00:00:00Z}. */
  static final class TimeCompare extends Term {
    final Op op;
    final long millis;

    TimeCompare(String text, Ref ref, Op op, long millis) {
      super(text, ref);
      this.op = op;
      this.millis = millis;
    }

    @Override
    boolean test(Attributes a, Device d) {
      String v =
          ref.get(a); // overridden in each hot term so testValue is a direct call, not megamorphic
      return v != null && testValue(v);
    }

    @Override
    boolean testValue(String v) {
      long t = Values.instantMillis(v);
      return t != Values.NOT_A_TIME && op.holds(Long.compare(t, millis));
    }

    @Override
    String why(String v) {
      return Values.instantMillis(v) == Values.NOT_A_TIME ? "is not a timestamp" : null;
    }

    @Override
    int cost() {
      return 8;
    }
  }

  /** Durations: {@code Uptime > 12h}. */
  static final class DurationCompare extends Term {
    final Op op;
    final double seconds;

    DurationCompare(String text, Ref ref, Op op, double seconds) {
      super(text, ref);
      this.op = op;
      this.seconds = seconds;
    }

    @Override
    boolean test(Attributes a, Device d) {
      String v =
          ref.get(a); // overridden in each hot term so testValue is a direct call, not megamorphic
      return v != null && testValue(v);
    }

    @Override
    boolean testValue(String v) {
      double s = Values.durationSeconds(v);
      return !Double.isNaN(s) && op.holds(s, seconds);
    }

    @Override
    String why(String v) {
      return Double.isNaN(Values.durationSeconds(v)) ? "is not a duration" : null;
    }

    @Override
    int cost() {
      return 6;
    }
  }

  /** {@code age(Last-Seen) > 12h}: time since a timestamp attribute, on the injected clock. */
  static final class Age extends Term {
    final Op op;
    final double seconds;
    private final Clock clock;

    Age(String text, Ref ref, Op op, double seconds, Clock clock) {
      super(text, ref);
      this.op = op;
      this.seconds = seconds;
      this.clock = clock;
    }

    @Override
    boolean test(Attributes a, Device d) {
      String v =
          ref.get(a); // overridden in each hot term so testValue is a direct call, not megamorphic
      return v != null && testValue(v);
    }

    @Override
    boolean testValue(String v) {
      long t = Values.instantMillis(v);
      if (t == Values.NOT_A_TIME) {
        return false;
      }
      double age = (clock.millis() - t) / 1000.0;
      return op.holds(age, seconds);
    }

    @Override
    String why(String v) {
      long t = Values.instantMillis(v);
      if (t == Values.NOT_A_TIME) {
        return "is not a timestamp";
      }
      return "(age " + java.time.Duration.ofMillis(clock.millis() - t) + ")";
    }

    @Override
    boolean dependsOnTime() {
      return true;
    }

    @Override
    int cost() {
      return 9;
    }
  }
}
