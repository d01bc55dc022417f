package io.biggerfleet.group;

import io.biggerfleet.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The path of a group in the fleet's group tree: {@code /} (the root: every managed device) or
 * {@code /co/cisco/121XPs}.
 *
 * <p>Rules, checked by {@link #parse(String)}:
 * <ul>
 *   <li>starts with {@code /}; segments are separated by single {@code /}; no empty segment (so no
 *       {@code //} and no trailing {@code /}, except the root {@code /} itself);
 *   <li>a segment is 1 to {@value #MAX_SEGMENT_LENGTH} characters, starts with a letter or digit and
 *       continues with letters, digits, {@code .}, {@code _} or {@code -} (so {@code @}, which marks a
 *       device id in a device path, and {@code *}/{@code ?}, which mark globs, never appear);
 *   <li>at most {@value #MAX_DEPTH} segments and {@value #MAX_LENGTH} characters in all.
 * </ul>
 * Paths are case-sensitive.
 *
 * <p>Immutable and thread-safe. Ordered by its text, which puts every group before its descendants.
 */
public final class GroupPath implements Comparable<GroupPath> {
  /** Most segments in a path. */
  public static final int MAX_DEPTH = 16;
  /** Longest path, in characters. */
  public static final int MAX_LENGTH = 256;
  /** Longest segment, in characters. */
  public static final int MAX_SEGMENT_LENGTH = 64;

  private static final GroupPath ROOT = new GroupPath("/", List.of());

  private final String text;
  private final List<String> segments;

  private GroupPath(String text, List<String> segments) {
    this.text = text;
    this.segments = segments;
  }

  /** The root path {@code /}. */
  public static GroupPath root() {
    return ROOT;
  }

  /**
   * Parses a group path.
   *
   * @throws InvalidInputException naming the path, the position and the rule it breaks
   * @throws NullPointerException if {@code text} is null
   */
  public static GroupPath parse(String text) {
    Objects.requireNonNull(text, "group path");
    if (text.equals("/")) {
      return ROOT;
    }
    String shown = printable(text);
    if (text.isEmpty()) {
      throw new InvalidInputException(
          "Group path is empty; a group path starts with '/', e.g. /co/cisco/121XPs");
    }
    if (text.charAt(0) != '/') {
      throw new InvalidInputException(
          "Group path '" + shown + "' must start with '/', e.g. /" + shown);
    }
    if (text.length() > MAX_LENGTH) {
      throw new InvalidInputException("Group path '" + shown.substring(0, 60) + "...' is too long: "
          + text.length() + " characters, at most " + MAX_LENGTH + " are allowed");
    }
    List<String> segs = new ArrayList<>();
    int start = 1;
    while (true) {
      int slash = text.indexOf('/', start);
      int end = slash < 0 ? text.length() : slash;
      if (end == start) {
        throw new InvalidInputException("Group path '" + shown
            + "' has an empty segment at position " + (start + 1)
            + (slash < 0 ? " (trailing '/')" : " ('//')") + "\n  " + shown + "\n  " + caret(start));
      }
      for (int i = start; i < end; i++) {
        char c = text.charAt(i);
        boolean ok = isAlnum(c) || (i > start && (c == '.' || c == '_' || c == '-'));
        if (!ok) {
          throw new InvalidInputException(
              "Group path '" + shown + "' has " + describe(c) + " at position " + (i + 1)
                  + "; a segment starts with a letter or digit and uses only letters, digits, '.', '_' and '-'\n  "
                  + shown + "\n  " + caret(i));
        }
      }
      if (end - start > MAX_SEGMENT_LENGTH) {
        throw new InvalidInputException("Group path '" + shown + "' has a segment of "
            + (end - start) + " characters at position " + (start + 1) + "; at most "
            + MAX_SEGMENT_LENGTH + " are allowed");
      }
      segs.add(text.substring(start, end));
      if (segs.size() > MAX_DEPTH) {
        throw new InvalidInputException(
            "Group path '" + shown + "' is too deep: more than " + MAX_DEPTH + " segments");
      }
      if (slash < 0) {
        break;
      }
      start = slash + 1;
    }
    return new GroupPath(text, Collections.unmodifiableList(segs));
  }

  /** True if {@code text} parses as a group path. */
  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (InvalidInputException | NullPointerException e) {
      return false;
    }
  }

  /** True for {@code /}. */
  public boolean isRoot() {
    return segments.isEmpty();
  }

  /** The segments, e.g. [co, cisco, 121XPs]; empty for the root. */
  public List<String> segments() {
    return segments;
  }

  /** Number of segments; 0 for the root. */
  public int depth() {
    return segments.size();
  }

  /** The last segment; empty for the root. */
  public String name() {
    return isRoot() ? "" : segments.get(segments.size() - 1);
  }

  /**
   * True if {@code other} lies strictly below this path: {@code /co} is above {@code /co/cisco} but
   * not above {@code /corp} or itself; the root is above every other path.
   */
  public boolean isAncestorOf(GroupPath other) {
    if (other.segments.size() <= segments.size()) {
      return false;
    }
    return isRoot() || (other.text.startsWith(text) && other.text.charAt(text.length()) == '/');
  }

  /** True if {@code other} is this path or lies below it. */
  public boolean contains(GroupPath other) {
    return equals(other) || isAncestorOf(other);
  }

  /** The path of {@code child} directly below this one; {@code child} must be a valid segment. */
  public GroupPath resolve(String child) {
    return parse(isRoot() ? "/" + child : text + "/" + child);
  }

  @Override
  public int compareTo(GroupPath o) {
    return text.compareTo(o.text);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GroupPath && ((GroupPath) o).text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** The path as text, e.g. {@code /co/cisco/121XPs}; {@link #parse} reads it back. */
  @Override
  public String toString() {
    return text;
  }

  private static boolean isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static String caret(int index) {
    return " ".repeat(index) + "^";
  }

  private static String describe(char c) {
    if (c == ' ') {
      return "a space";
    }
    if (Character.isWhitespace(c) || Character.isISOControl(c)) {
      return String.format("control character U+%04X", (int) c);
    }
    if (c == '*' || c == '?') {
      return "'" + c + "' (globs select groups but cannot name one)";
    }
    if (c == '@') {
      return "'@' (device ids cannot be group names)";
    }
    return "'" + c + "'";
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) ? '?' : c);
    }
    return b.toString();
  }
}
