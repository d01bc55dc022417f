package io.biggerfleet.model;

import io.biggerfleet.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One abort rule of a step: stop the rollout when more than a number (or a share) of the step's
 * devices failed — optionally only failures with a given device status and/or a message matching a
 * pattern — once at least a number of the step's devices reported. Written
 * {@code failed>5% status=ERROR msg~'boot.*fail' after=20}; several rules are separated by {@code ;}
 * ({@link #parseAll}).
 *
 * <ul>
 *   <li>{@code failed>N} or {@code failed>N%} (required): more than N devices, or more than N percent
 *       of the step's reported devices, failed and match the rule;
 *   <li>{@code status=WORD}: only failures whose device status is WORD (case-insensitive; a failure
 *       without one counts as {@code ERROR});
 *   <li>{@code msg~'regex'}: only failures whose message contains a match of the regex
 *       (case-insensitive; quote with {@code '} or {@code "} when it holds spaces or {@code ;});
 *   <li>{@code after=N}: only once at least N of the step's devices reported (default 1).
 * </ul>
 * A device counts once it failed for good (no automatic retry left). Failing a rule fails the step's
 * gate, with the step's gate-failure policy (ERROR or automatic backout).
 *
 * <p>Parsed once, when given; an error names the column and shows a caret. Immutable and thread-safe.
 */
public final class AbortRule {
  /** Most rules one step may have. */
  public static final int MAX_RULES = 16;

  private final boolean percent;
  private final long threshold; // a count, or basis points when percent
  private final String status;
  private final Pattern message;
  private final int after;

  private AbortRule(boolean percent, long threshold, String status, Pattern message, int after) {
    this.percent = percent;
    this.threshold = threshold;
    this.status = status;
    this.message = message;
    this.after = after;
  }

  /**
   * Parses {@code ;}-separated rules, e.g. {@code failed>5% after=20; failed>3 msg~'boot.*fail'}. Blank
   * text means no rules.
   *
   * @throws InvalidInputException {@code abort: ...} naming the column, with a caret under the problem
   */
  public static List<AbortRule> parseAll(String text) {
    Objects.requireNonNull(text, "abort");
    List<AbortRule> out = new ArrayList<>();
    new Parser(text).rules(out);
    if (out.size() > MAX_RULES) {
      throw new InvalidInputException(
          "abort: at most " + MAX_RULES + " rules per step, found " + out.size());
    }
    return List.copyOf(out);
  }

  /** Parses one rule; see {@link #parseAll}. */
  public static AbortRule parse(String text) {
    List<AbortRule> all = parseAll(text);
    if (all.size() != 1) {
      throw new InvalidInputException(
          "abort: expected one rule, found " + all.size() + " in '" + text + "'");
    }
    return all.get(0);
  }

  /** Rules in their {@link #toString() canonical} form, {@code ; }-separated (parses back to the same). */
  public static String format(List<AbortRule> rules) {
    return String.join("; ", rules.stream().map(AbortRule::toString).toList());
  }

  /** True if a failed device with this status and message counts for the rule. */
  public boolean matches(String deviceStatus, String msg) {
    String s = deviceStatus == null || deviceStatus.isEmpty() ? "ERROR" : deviceStatus;
    return (status == null || status.equalsIgnoreCase(s))
        && (message == null || message.matcher(msg == null ? "" : msg).find());
  }

  /** True if {@code hits} matching failures among {@code reported} reported devices trip the rule. */
  public boolean isTripped(long hits, long reported) {
    if (reported < after || reported == 0) {
      return false;
    }
    return percent ? hits * 10_000 > threshold * reported : hits > threshold;
  }

  /** True for {@code failed>N%}, false for a count. */
  public boolean isPercent() {
    return percent;
  }

  /** N of {@code failed>N}, or basis points (hundredths of a percent) of {@code failed>N%}. */
  public long threshold() {
    return threshold;
  }

  public Optional<String> status() {
    return Optional.ofNullable(status);
  }

  /** The message regex, as written. */
  public Optional<String> messagePattern() {
    return Optional.ofNullable(message).map(Pattern::pattern);
  }

  /** Reported devices needed before the rule applies. */
  public int after() {
    return after;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AbortRule && o.toString().equals(toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  /** The canonical text, e.g. {@code failed>5% status=ERROR msg~'boot.*fail' after=20}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("failed>");
    b.append(
        percent ? SuccessCriteria.percentText((int) threshold) + "%" : Long.toString(threshold));
    if (status != null) {
      b.append(" status=").append(status);
    }
    if (message != null) {
      String p = message.pattern();
      b.append(" msg~").append(p.indexOf('\'') < 0 ? "'" + p + "'" : "\"" + p + "\"");
    }
    if (after != 1) {
      b.append(" after=").append(after);
    }
    return b.toString();
  }

  /** A small hand-written scanner: terms {@code key op value}, rules split by {@code ;}. */
  private static final class Parser {
    private final String text;
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    void rules(List<AbortRule> out) {
      while (true) {
        skipSpaces();
        if (pos >= text.length()) {
          return;
        }
        if (text.charAt(pos) == ';') {
          pos++;
          continue;
        }
        out.add(rule());
      }
    }

    private AbortRule rule() {
      int start = pos;
      Boolean percent = null;
      long threshold = 0;
      String status = null;
      Pattern message = null;
      int after = 1;
      while (true) {
        skipSpaces();
        if (pos >= text.length() || text.charAt(pos) == ';') {
          break;
        }
        int keyAt = pos;
        while (pos < text.length()
            && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '-')) {
          pos++;
        }
        String key = text.substring(keyAt, pos).toLowerCase(Locale.ROOT);
        char op = pos < text.length() ? text.charAt(pos) : 0;
        String want = switch (key) {
          case "failed" -> ">";
          case "status", "after" -> "=";
          case "msg" -> "~";
          default ->
            throw error(
                key.isEmpty() ? "expected a term" : "unknown term '" + key + "'",
                keyAt,
                "; terms are failed>N, failed>N%, status=WORD, msg~'regex', after=N");
        };
        if (op != want.charAt(0)) {
          throw error("expected '" + key + want + "'", pos, "");
        }
        pos++;
        int valueAt = pos;
        String value = value();
        if (value.isEmpty()) {
          throw error("'" + key + want + "' needs a value", valueAt, "");
        }
        switch (key) {
          case "failed" -> {
            percent = value.endsWith("%");
            threshold = percent
                ? percentBp(value.substring(0, value.length() - 1), valueAt)
                : number(value, valueAt, "a device count (or a percentage with %)");
          }
          case "status" -> status = value;
          case "msg" -> {
            try {
              message = Pattern.compile(value, Pattern.CASE_INSENSITIVE);
            } catch (PatternSyntaxException e) {
              throw error(
                  "bad pattern: " + e.getDescription(), valueAt + Math.max(0, e.getIndex()), "");
            }
          }
          default ->
            after = (int) Math.min(Integer.MAX_VALUE, number(value, valueAt, "a device count"));
        }
      }
      if (percent == null) {
        throw error("a rule needs failed>N or failed>N%", start, "");
      }
      return new AbortRule(percent, threshold, status, message, after);
    }

    private String value() {
      if (pos < text.length() && (text.charAt(pos) == '\'' || text.charAt(pos) == '"')) {
        char q = text.charAt(pos);
        int open = pos;
        int close = text.indexOf(q, pos + 1);
        if (close < 0) {
          throw error("unclosed quote", open, "");
        }
        pos = close + 1;
        return text.substring(open + 1, close);
      }
      int from = pos;
      while (pos < text.length()
          && !Character.isWhitespace(text.charAt(pos))
          && text.charAt(pos) != ';') {
        pos++;
      }
      return text.substring(from, pos);
    }

    private long number(String v, int at, String what) {
      for (int i = 0; i < v.length(); i++) {
        if (!Character.isDigit(v.charAt(i))) {
          throw error("expected " + what + ", found '" + v + "'", at + i, "");
        }
      }
      if (v.length() > 9) {
        throw error("number too large: " + v, at, "");
      }
      return Long.parseLong(v);
    }

    private long percentBp(String v, int at) {
      java.math.BigDecimal d;
      try {
        d = new java.math.BigDecimal(v);
      } catch (NumberFormatException e) {
        throw error("expected a percentage such as 5% or 2.5%, found '" + v + "%'", at, "");
      }
      if (d.signum() < 0 || d.compareTo(java.math.BigDecimal.valueOf(100)) > 0 || d.scale() > 2) {
        throw error(
            "a percentage must be 0 to 100 with at most 2 decimals, was " + v + "%", at, "");
      }
      return d.movePointRight(2).longValueExact();
    }

    private void skipSpaces() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    private InvalidInputException error(String problem, int at, String hint) {
      int col = Math.min(at, text.length());
      return new InvalidInputException("abort: " + problem + " (column " + (col + 1) + ")" + hint
          + "\n  " + text.replace('\n', ' ') + "\n  " + " ".repeat(col) + "^");
    }
  }
}
