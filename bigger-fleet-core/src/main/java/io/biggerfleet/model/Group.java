package io.biggerfleet.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored group definition: its path ({@code /co/cisco/121XPs}), its parent's path ({@code /} for a
 * top-level group) and the match expression that refines the parent's members. Membership is derived,
 * never stored. Immutable and thread-safe.
 */
public final class Group {
  private final String path;
  private final String parent;
  private final String expression;
  private final Instant createdAt;

  public Group(String path, String parent, String expression, Instant createdAt) {
    this.path = Objects.requireNonNull(path, "group path");
    this.parent = Objects.requireNonNull(parent, "parent path");
    this.expression = Objects.requireNonNull(expression, "expression");
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
  }

  public String path() {
    return path;
  }

  public String parent() {
    return parent;
  }

  public String expression() {
    return expression;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** A copy with another expression. */
  public Group withExpression(String newExpression) {
    return new Group(path, parent, newExpression, createdAt);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Group)) {
      return false;
    }
    Group g = (Group) o;
    return g.path.equals(path) && g.parent.equals(parent) && g.expression.equals(expression)
        && g.createdAt.equals(createdAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, parent, expression, createdAt);
  }

  /** {@code /co/cisco/121XPs (refining /): Manufacturer=="Cisco" Model=="121XPs"}. */
  @Override
  public String toString() {
    return path + " (refining " + parent + "): " + expression;
  }
}
