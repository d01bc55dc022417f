package io.biggerfleet.model;

import io.biggerfleet.InvalidInputException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cap on how many devices a step posts per minute: a fixed maximum ({@code rate=100/min}), an
 * exponential ramp ({@code ramp="5/min x2 every 50"}: start at 5 per minute, double each time another 50
 * devices of the step succeeded), or both (the ramp never exceeds the maximum). The limit in a minute is
 * {@code min(max, floor(start × factor^floor(succeeded / every)))}, with {@code succeeded} counted in the
 * step when the minute's posts are decided. Minutes are counted from the step's start.
 *
 * <p>Immutable and thread-safe. Bad text fails in {@link #parse} with line:column and a caret.
 */
public final class RateRamp {
  /** No cap at all. */
  public static final RateRamp NONE = new RateRamp(Integer.MAX_VALUE, 0, 1, 0);

  private static final Pattern RATE = Pattern.compile("\\s*(\\d{1,7})\\s*/\\s*min\\s*");
  private static final Pattern RAMP = Pattern.compile(
      "\\s*(\\d{1,7})\\s*/\\s*min\\s+x\\s*(\\d{1,3}(?:\\.\\d{1,3})?)\\s+every\\s+(\\d{1,7})(?:\\s+ok)?\\s*");

  private final int maxPerMinute;
  private final int startPerMinute; // 0: no ramp
  private final double factor;
  private final int every;

  private RateRamp(int maxPerMinute, int startPerMinute, double factor, int every) {
    this.maxPerMinute = maxPerMinute;
    this.startPerMinute = startPerMinute;
    this.factor = factor;
    this.every = every;
  }

  /**
   * Parses {@code rate} ({@code 100/min}) and {@code ramp} ({@code 5/min x2 every 50}); either may be
   * null (not given).
   *
   * @throws InvalidInputException naming the option, with line:column and a caret
   */
  public static RateRamp parse(String rate, String ramp) {
    int max = Integer.MAX_VALUE;
    if (rate != null) {
      Matcher m = RATE.matcher(rate);
      if (!m.matches()) {
        throw error("rate", rate, firstBad(rate), "expected a count per minute, e.g. 100/min");
      }
      max = positive("rate", rate, m, 1);
    }
    if (ramp == null) {
      return rate == null ? NONE : new RateRamp(max, 0, 1, 0);
    }
    Matcher m = RAMP.matcher(ramp);
    if (!m.matches()) {
      throw error(
          "ramp",
          ramp,
          firstBad(ramp),
          "expected START/min xFACTOR every COUNT, e.g. \"5/min x2 every 50\"");
    }
    int start = positive("ramp", ramp, m, 1);
    double f = Double.parseDouble(m.group(2));
    if (f < 1) {
      throw error("ramp", ramp, m.start(2), "factor must be at least 1, was " + m.group(2));
    }
    int every = positive("ramp", ramp, m, 3);
    return new RateRamp(max, start, f, every);
  }

  private static int positive(String what, String text, Matcher m, int g) {
    int v = Integer.parseInt(m.group(g));
    if (v < 1) {
      throw error(what, text, m.start(g), "must be at least 1, was " + v);
    }
    return v;
  }

  /** Where a text stops matching the expected shape: the first character after the longest valid prefix. */
  private static int firstBad(String text) {
    String[] shape = {
      "0123456789 ", "/ ", "min ", " x", "0123456789. ", " every", "0123456789 ", " ok"
    };
    int pos = 0;
    int k = 0;
    String lower = text.toLowerCase(Locale.ROOT);
    while (pos < lower.length() && k < shape.length) {
      if (shape[k].indexOf(lower.charAt(pos)) >= 0) {
        pos++;
      } else if (k + 1 < shape.length && shape[k + 1].indexOf(lower.charAt(pos)) >= 0) {
        k++;
      } else {
        break;
      }
    }
    return Math.min(pos, text.length());
  }

  private static InvalidInputException error(String what, String text, int pos, String problem) {
    return new InvalidInputException(what + ": " + problem + " at 1:" + (pos + 1) + "\n  " + text
        + "\n  " + " ".repeat(Math.max(0, pos)) + "^");
  }

  /** True if this caps nothing. */
  public boolean isNone() {
    return maxPerMinute == Integer.MAX_VALUE && startPerMinute == 0;
  }

  /** The posts allowed in one minute once {@code succeeded} devices of the step succeeded. */
  public int limit(int succeeded) {
    if (startPerMinute == 0) {
      return maxPerMinute;
    }
    double v = startPerMinute * Math.pow(factor, (double) (Math.max(0, succeeded) / every));
    return v >= maxPerMinute ? maxPerMinute : (int) v;
  }

  /** The {@code rate=} text, or null if no maximum was given. */
  public String rateText() {
    return maxPerMinute == Integer.MAX_VALUE ? null : maxPerMinute + "/min";
  }

  /** The {@code ramp=} text, or null if no ramp was given. */
  public String rampText() {
    if (startPerMinute == 0) {
      return null;
    }
    String f = factor == Math.rint(factor) ? Long.toString((long) factor) : Double.toString(factor);
    return startPerMinute + "/min x" + f + " every " + every;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RateRamp)) {
      return false;
    }
    RateRamp r = (RateRamp) o;
    return r.maxPerMinute == maxPerMinute
        && r.startPerMinute == startPerMinute
        && r.factor == factor
        && r.every == every;
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxPerMinute, startPerMinute, factor, every);
  }

  /** {@code rate 100/min, ramp 5/min x2 every 50}, or {@code no rate limit}. */
  @Override
  public String toString() {
    if (isNone()) {
      return "no rate limit";
    }
    String s = rateText() == null ? "" : "rate " + rateText();
    String r = rampText() == null ? "" : "ramp " + rampText();
    return s.isEmpty() ? r : r.isEmpty() ? s : s + ", " + r;
  }
}
