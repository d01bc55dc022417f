package io.biggerfleet.match.internal;

/** A comparison operator. */
enum Op {
  EQ("=="),
  NE("!="),
  LT("<"),
  LE("<="),
  GT(">"),
  GE(">=");

  final String symbol;

  Op(String symbol) {
    this.symbol = symbol;
  }

  /** Whether {@code (left - right)} having sign {@code c} satisfies this operator. */
  boolean holds(int c) {
    switch (this) {
      case EQ:
        return c == 0;
      case NE:
        return c != 0;
      case LT:
        return c < 0;
      case LE:
        return c <= 0;
      case GT:
        return c > 0;
      default:
        return c >= 0;
    }
  }

  /** Whether {@code left op right} holds; never when either is NaN (an unreadable value). */
  boolean holds(double left, double right) {
    if (Double.isNaN(left) || Double.isNaN(right)) {
      return false;
    }
    return holds(left < right ? -1 : left > right ? 1 : 0);
  }

  boolean isOrdering() {
    return this != EQ && this != NE;
  }

  static Op of(String symbol) {
    switch (symbol) {
      case "==":
      case "=":
        return EQ;
      case "!=":
        return NE;
      case "<":
        return LT;
      case "<=":
        return LE;
      case ">":
        return GT;
      default:
        return GE;
    }
  }
}
