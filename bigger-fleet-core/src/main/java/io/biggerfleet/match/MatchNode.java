package io.biggerfleet.match;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The structure of a compiled expression, after constant folding, for code that wants to answer it
 * without evaluating it device by device — typically from an index of attribute value → devices.
 *
 * <p>Exact-value terms are explicit ({@link ValueIn}, {@link ItemIn}, {@link Exists}), and so are the two
 * ordered ones a sorted column answers as a range ({@link Prefix} for {@code like "abc*"},
 * {@link NumberRange} for a number or size compared with {@code < <= > >= == !=}); everything else
 * (version, time, glob, regex, geo, bucket terms) is an {@link Opaque} leaf that names the
 * attributes it reads and must be evaluated with {@link Matcher#matches}. A {@code !=} or {@code not in}
 * term appears as {@code And(Exists(a), Not(ValueIn(a, ...)))}: by the missing-attribute rule it only
 * holds when the attribute exists.
 *
 * <p>Every node is an immutable value; lists and sets are unmodifiable. The tree answers exactly like
 * the matcher it came from: for every device, evaluating the tree (with opaque leaves evaluated by the
 * matcher) gives {@link Matcher#matches}.
 */
public sealed interface MatchNode
    permits MatchNode.And,
        MatchNode.Or,
        MatchNode.Not,
        MatchNode.Constant,
        MatchNode.Exists,
        MatchNode.ValueIn,
        MatchNode.ItemIn,
        MatchNode.Prefix,
        MatchNode.NumberRange,
        MatchNode.Opaque {

  /** True when every child is true. Has at least two children. */
  record And(List<MatchNode> children) implements MatchNode {
    public And {
      children = List.copyOf(children);
    }
  }

  /** True when any child is true. Has at least two children. */
  record Or(List<MatchNode> children) implements MatchNode {
    public Or {
      children = List.copyOf(children);
    }
  }

  /** True when the child is false. */
  record Not(MatchNode child) implements MatchNode {
    public Not {
      Objects.requireNonNull(child, "child");
    }
  }

  /** Always {@code value}: what an expression such as {@code true} or {@code Model in []} folds to. */
  record Constant(boolean value) implements MatchNode {}

  /** True when the attribute is present. */
  record Exists(AttributeRef attribute) implements MatchNode {
    public Exists {
      Objects.requireNonNull(attribute, "attribute");
    }
  }

  /**
   * True when the attribute is present and its whole value equals one of {@code values} exactly
   * (case-sensitive): {@code Model=="121XPs"}, {@code Model in ["a", "b"]}.
   */
  record ValueIn(AttributeRef attribute, Set<String> values) implements MatchNode {
    public ValueIn {
      Objects.requireNonNull(attribute, "attribute");
      values = Set.copyOf(values);
    }
  }

  /**
   * True when the attribute is present and one of its comma-separated items (blanks trimmed) equals one
   * of {@code values} exactly: {@code Fleet-Tags contains canary}.
   */
  record ItemIn(AttributeRef attribute, Set<String> values) implements MatchNode {
    public ItemIn {
      Objects.requireNonNull(attribute, "attribute");
      values = Set.copyOf(values);
    }
  }

  /**
   * True when the attribute is present and its value starts with {@code prefix} (case-sensitive):
   * {@code Device-Name like "garden*"}. All values with one prefix form one contiguous run in
   * {@link String#compareTo} order.
   */
  record Prefix(AttributeRef attribute, String prefix) implements MatchNode {
    public Prefix {
      Objects.requireNonNull(attribute, "attribute");
      Objects.requireNonNull(prefix, "prefix");
    }
  }

  /**
   * True when the attribute is present, its value reads as a number or size ({@link #number(String)}
   * is not NaN) and that number lies between {@code low} and {@code high} (each bound inclusive or
   * not; an infinite bound means no bound): {@code Cores > 2} is {@code (2, +inf]}, {@code Mem <= 64M}
   * is {@code [-inf, 67108864]}, {@code Cores == 4} is {@code [4, 4]}. A {@code !=} term is the
   * {@link Or} of the two ranges either side of its literal.
   */
  record NumberRange(
      AttributeRef attribute, double low, boolean lowInclusive, double high, boolean highInclusive)
      implements MatchNode {
    public NumberRange {
      Objects.requireNonNull(attribute, "attribute");
      if (Double.isNaN(low) || Double.isNaN(high)) {
        throw new IllegalArgumentException("a range bound is NaN");
      }
    }

    /**
     * A value as the matcher reads it for a numeric term: a number ({@code 4}, {@code -1.5}) or a
     * size ({@code 64M} = 67108864), blanks around it ignored; NaN when it is neither.
     */
    public static double number(String value) {
      return io.biggerfleet.match.internal.IndexView.number(value);
    }

    /** Whether {@code x} (a result of {@link #number}) lies in this range; never for NaN. */
    public boolean contains(double x) {
      if (Double.isNaN(x)) {
        return false;
      }
      boolean aboveLow = lowInclusive ? x >= low : x > low;
      boolean belowHigh = highInclusive ? x <= high : x < high;
      return aboveLow && belowHigh;
    }
  }

  /**
   * Any other term, such as {@code Mem >= 64M} or {@code bucket(100) < 10}: evaluate it with the
   * matcher. {@code reads} are the attributes it looks at; {@code text} is its source text.
   * {@code readsSystemId} is true for {@code bucket(..)}, {@code readsClock} for {@code age(..)}
   * (its answer changes as time passes).
   */
  record Opaque(String text, Set<AttributeRef> reads, boolean readsSystemId, boolean readsClock)
      implements MatchNode {
    public Opaque {
      Objects.requireNonNull(text, "text");
      reads = Set.copyOf(reads);
    }
  }
}
