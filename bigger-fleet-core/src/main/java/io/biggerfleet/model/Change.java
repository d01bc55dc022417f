package io.biggerfleet.model;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.model.internal.JsonSyntax;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a rollout does to each device's trail state: one or more operations separated by {@code ;},
 * applied in order to the device's current state.
 *
 * <ul>
 *   <li>{@code set kernel=prn::pantahub.com:objects:/<sha>} or {@code set kernel=<sha>} — the key
 *       points at an object (64 hex digits of sha256; checked to exist before activation);
 *   <li>{@code set pv-avahi/run.json={"name":"x"}} — a {@code .json} key gets inline JSON (must be
 *       valid JSON);
 *   <li>{@code set #spec=pantavisor-service-system@1} — the spec key gets a plain string;
 *   <li>{@code remove <key>} — removes the key (no-op if absent).
 * </ul>
 *
 * <p>Parsed once, when given; an error names the operation, the column and shows a caret. Immutable
 * and thread-safe. {@link #toString()} gives the canonical text, which parses back to an equal change.
 */
public final class Change {
  private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern PRN = Pattern.compile(
      "prn:[^:]*:[^:]*:objects:/([0-9a-fA-F]{64})|prn:[^:]*:objects:/([0-9a-fA-F]{64})");
  private static final int MAX_LENGTH = 100_000;

  private final List<Op> ops;

  private Change(List<Op> ops) {
    this.ops = Collections.unmodifiableList(ops);
  }

  /** The kind of one operation. */
  public enum OpKind {
    /** Set a key to an object reference (a sha256). */
    SET_OBJECT,
    /** Set a {@code .json} key to inline JSON. */
    SET_JSON,
    /** Set a plain string ({@code #spec}). */
    SET_TEXT,
    /** Remove a key. */
    REMOVE
  }

  /** One operation of a change. Immutable. */
  public static final class Op {
    private final OpKind kind;
    private final String key;
    private final String value;

    private Op(OpKind kind, String key, String value) {
      this.kind = kind;
      this.key = key;
      this.value = value;
    }

    public OpKind kind() {
      return kind;
    }

    public String key() {
      return key;
    }

    /** The sha (lower-case), the JSON text, the plain text, or empty for REMOVE. */
    public String value() {
      return value;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Op
          && ((Op) o).kind == kind
          && ((Op) o).key.equals(key)
          && ((Op) o).value.equals(value);
    }

    @Override
    public int hashCode() {
      return Objects.hash(kind, key, value);
    }

    @Override
    public String toString() {
      return kind == OpKind.REMOVE ? "remove " + key : "set " + key + "=" + value;
    }
  }

  /**
   * Parses a change.
   *
   * @throws InvalidInputException naming the column, with a caret under the problem
   */
  public static Change parse(String text) {
    Objects.requireNonNull(text, "change");
    if (text.length() > MAX_LENGTH) {
      throw new InvalidInputException(
          "change is " + text.length() + " characters long; at most " + MAX_LENGTH);
    }
    List<Op> ops = new ArrayList<>();
    int i = skip(text, 0);
    if (i == text.length()) {
      throw error(text, i, "change is empty; expected e.g. set kernel=<sha> or remove <key>");
    }
    while (i < text.length()) {
      int end;
      if (text.startsWith("set ", i) || text.startsWith("set\t", i)) {
        int keyStart = skip(text, i + 4);
        int eq = text.indexOf('=', keyStart);
        if (eq < 0) {
          throw error(text, keyStart, "'set' needs key=value");
        }
        String key = text.substring(keyStart, eq).strip();
        checkKey(text, keyStart, key);
        int valStart = skip(text, eq + 1);
        if (TrailState.isJsonKey(key)) {
          try {
            end = JsonSyntax.valueEnd(text, valStart);
          } catch (JsonSyntax.Problem e) {
            throw error(text, e.at(), e.getMessage());
          }
          ops.add(new Op(OpKind.SET_JSON, key, text.substring(valStart, end)));
        } else {
          end = opEnd(text, valStart);
          String v = text.substring(valStart, end).strip();
          if (key.equals("#spec")) {
            if (v.isEmpty()) {
              throw error(text, valStart, "#spec needs a value, e.g. pantavisor-service-system@1");
            }
            ops.add(new Op(OpKind.SET_TEXT, key, v));
          } else {
            ops.add(new Op(OpKind.SET_OBJECT, key, sha(text, valStart, v)));
          }
        }
      } else if (text.startsWith("remove ", i) || text.startsWith("remove\t", i)) {
        int keyStart = skip(text, i + 7);
        end = opEnd(text, keyStart);
        String key = text.substring(keyStart, end).strip();
        checkKey(text, keyStart, key);
        ops.add(new Op(OpKind.REMOVE, key, ""));
      } else {
        throw error(text, i, "expected 'set <key>=<value>' or 'remove <key>'");
      }
      i = skip(text, end);
      if (i < text.length()) {
        if (text.charAt(i) != ';') {
          throw error(text, i, "expected ';' between operations");
        }
        i = skip(text, i + 1);
        if (i == text.length()) {
          throw error(text, i, "expected an operation after ';'");
        }
      }
    }
    return new Change(ops);
  }

  private static int skip(String t, int i) {
    while (i < t.length() && Character.isWhitespace(t.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int opEnd(String t, int from) {
    int semi = t.indexOf(';', from);
    return semi < 0 ? t.length() : semi;
  }

  private static void checkKey(String text, int at, String key) {
    if (key.isEmpty()) {
      throw error(text, at, "missing key");
    }
    for (int k = 0; k < key.length(); k++) {
      char c = key.charAt(k);
      if (Character.isWhitespace(c) || c == '=' || c == ';' || c < 0x20) {
        throw error(text, at + k, "key '" + key + "' may not contain spaces, '=' or ';'");
      }
    }
  }

  private static String sha(String text, int at, String v) {
    if (SHA.matcher(v).matches()) {
      return v.toLowerCase(Locale.ROOT);
    }
    Matcher m = PRN.matcher(v);
    if (m.matches()) {
      return (m.group(1) != null ? m.group(1) : m.group(2)).toLowerCase(Locale.ROOT);
    }
    throw error(
        text,
        at,
        "'" + v + "' is not an object reference; expected prn::pantahub.com:objects:/<sha256> or a"
            + " bare sha256 (64 hex digits)");
  }

  static InvalidInputException error(String text, int pos, String problem) {
    String shown = text.length() > 120
        ? text.substring(Math.max(0, pos - 60), Math.min(text.length(), pos + 60))
        : text;
    int caret = text.length() > 120 ? pos - Math.max(0, pos - 60) : pos;
    return new InvalidInputException("change: " + problem + " (column " + (pos + 1) + ")\n  "
        + shown.replace('\n', ' ') + "\n  " + " ".repeat(Math.max(0, caret)) + "^");
  }

  /** The operations, in order. */
  public List<Op> ops() {
    return ops;
  }

  /** Every object sha the change references (sorted, lower-case): check they exist before activation. */
  public SortedSet<String> referencedObjects() {
    SortedSet<String> s = new TreeSet<>();
    for (Op op : ops) {
      if (op.kind == OpKind.SET_OBJECT) {
        s.add(op.value);
      }
    }
    return Collections.unmodifiableSortedSet(s);
  }

  /** The state after applying every operation to {@code state}, in order. */
  public TrailState applyTo(TrailState state) {
    TrailState s = state;
    for (Op op : ops) {
      s = op.kind == OpKind.REMOVE ? s.without(op.key) : s.with(op.key, op.value);
    }
    return s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Change && ((Change) o).ops.equals(ops);
  }

  @Override
  public int hashCode() {
    return ops.hashCode();
  }

  /** The canonical text, e.g. {@code set kernel=<sha>; remove old.json}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (Op op : ops) {
      if (b.length() > 0) {
        b.append("; ");
      }
      b.append(op);
    }
    return b.toString();
  }
}
