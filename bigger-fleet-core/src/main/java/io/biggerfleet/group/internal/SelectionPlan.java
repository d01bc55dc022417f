package io.biggerfleet.group.internal;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The index-facing shape of a group expression: exact-value terms the {@link AttributeIndex} can
 * answer, and {@link Opaque} terms that must be evaluated device by device (or, when they read one
 * attribute, value by value). Attribute names here mean the winning value across sources (an
 * expression that names a source explicitly is translated to {@link Opaque}).
 *
 * <p>Immutable values.
 */
sealed interface SelectionPlan {

  /** True when every child is true. */
  record And(List<SelectionPlan> children) implements SelectionPlan {
    public And {
      children = List.copyOf(children);
    }
  }

  /** True when any child is true. */
  record Or(List<SelectionPlan> children) implements SelectionPlan {
    public Or {
      children = List.copyOf(children);
    }
  }

  /** True when the child is false. */
  record Not(SelectionPlan child) implements SelectionPlan {
    public Not {
      Objects.requireNonNull(child, "child");
    }
  }

  /** Always {@code value}. */
  record Const(boolean value) implements SelectionPlan {}

  /** The attribute is present. */
  record Exists(String attribute) implements SelectionPlan {}

  /** The attribute's whole value is one of {@code values}. */
  record ValueIn(String attribute, Set<String> values) implements SelectionPlan {
    public ValueIn {
      values = Set.copyOf(values);
    }
  }

  /** One of the attribute's comma-separated items is one of {@code values}. */
  record ItemIn(String attribute, Set<String> values) implements SelectionPlan {
    public ItemIn {
      values = Set.copyOf(values);
    }
  }

  /** The attribute's value starts with {@code prefix}: a run of a text-sorted {@link Column}. */
  record Prefix(String attribute, String prefix) implements SelectionPlan {}

  /**
   * The attribute's value reads as a number in the range ({@link io.biggerfleet.match.MatchNode.NumberRange}):
   * a run of a number-sorted {@link Column}.
   */
  record NumberRange(String attribute, io.biggerfleet.match.MatchNode.NumberRange range)
      implements SelectionPlan {}

  /**
   * A term only a matcher can answer. When {@code attribute} is non-null the term reads only that
   * attribute (winning value, no system id, no clock) and {@code term} answers it for a device that
   * has only that attribute, so it can be evaluated once per distinct value. Otherwise {@code term}
   * is null and the whole expression is evaluated per device.
   */
  record Opaque(String text, String attribute, Condition term) implements SelectionPlan {}
}
