package io.biggerfleet.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored group definition: its path ({@code /co/cisco/121XPs}), its parent's path ({@code /} for a
 * top-level group) and the match expression that refines the parent's members. Membership is derived,
 * never stored. Immutable and thread-safe.
 *
 * @param path the group's path, e.g. {@code /co/cisco/121XPs}
 * @param parent its parent's path ({@code /} for a top-level group)
 * @param expression the match expression that refines the parent's members
 * @param createdAt when the group was created
 */
public record Group(String path, String parent, String expression, Instant createdAt) {

  /** @throws NullPointerException if an argument is null */
  public Group {
    Objects.requireNonNull(path, "group path");
    Objects.requireNonNull(parent, "parent path");
    Objects.requireNonNull(expression, "expression");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** A copy with another expression. */
  public Group withExpression(String newExpression) {
    return new Group(path, parent, newExpression, createdAt);
  }

  /** {@code /co/cisco/121XPs (refining /): Manufacturer=="Cisco" Model=="121XPs"}. */
  @Override
  public String toString() {
    return path + " (refining " + parent + "): " + expression;
  }
}
