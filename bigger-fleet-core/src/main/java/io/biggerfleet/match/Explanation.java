package io.biggerfleet.match;

import java.util.List;
import java.util.Objects;

/**
 * Why an expression matched a device or not: one node per term and per {@code and}/{@code or}/
 * {@code not}, each with its source text, its result and, for terms, what was observed
 * ({@code Model = "121XPs"}, {@code Mem is missing}, {@code Kernel = "abc" is not a version}). Every
 * term is evaluated, even where evaluation would short-circuit, so the whole picture is shown.
 *
 * <p>{@link #toString()} renders an indented tree for the CLI:
 *
 * <pre>
 * no   Manufacturer=="Cisco" Model=="121XPs"
 *   yes  Manufacturer=="Cisco"    [Manufacturer = "Cisco"]
 *   no   Model=="121XPs"          [Model = "121XP"]
 * </pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Explanation {
  private final String text;
  private final boolean matched;
  private final String observed;
  private final List<Explanation> children;

  /** A node: its source text, result, what was observed (empty for and/or/not) and its children. */
  public Explanation(String text, boolean matched, String observed, List<Explanation> children) {
    this.text = Objects.requireNonNull(text, "text");
    this.matched = matched;
    this.observed = Objects.requireNonNull(observed, "observed");
    this.children = List.copyOf(children);
  }

  /** The source text of this part of the expression. */
  public String text() {
    return text;
  }

  /** Whether this part held for the device. */
  public boolean matched() {
    return matched;
  }

  /** For a term, what the device had; empty for {@code and}, {@code or} and {@code not}. */
  public String observed() {
    return observed;
  }

  /** The parts this one combines, in source order; empty for a term. */
  public List<Explanation> children() {
    return children;
  }

  /** The terms (leaves), in source order. */
  public List<Explanation> terms() {
    List<Explanation> out = new java.util.ArrayList<>();
    collect(this, out);
    return List.copyOf(out);
  }

  private static void collect(Explanation e, List<Explanation> out) {
    if (e.children.isEmpty()) {
      out.add(e);
    } else {
      for (Explanation c : e.children) {
        collect(c, out);
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Explanation)) {
      return false;
    }
    Explanation e = (Explanation) o;
    return e.matched == matched
        && e.text.equals(text)
        && e.observed.equals(observed)
        && e.children.equals(children);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, matched, observed, children);
  }

  /** The indented tree shown in the class comment, one line per node. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    render(this, 0, b);
    return b.toString();
  }

  private static void render(Explanation e, int depth, StringBuilder b) {
    if (b.length() > 0) {
      b.append('\n');
    }
    b.append("  ".repeat(depth)).append(e.matched ? "yes  " : "no   ").append(e.text);
    if (!e.observed.isEmpty()) {
      b.append("    [").append(e.observed).append(']');
    }
    for (Explanation c : e.children) {
      render(c, depth + 1, b);
    }
  }
}
