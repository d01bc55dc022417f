package io.biggerfleet.match.internal;

import io.biggerfleet.match.MatchNode;
import io.biggerfleet.match.internal.grammar.MatchLexer;
import io.biggerfleet.match.internal.grammar.MatchParser;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.tree.ParseTree;

/**
 * Builds the {@link MatchNode} structure of a compiled tree for index-based evaluation: each node's own
 * {@link Node#view()}, except that a numeric comparison becomes a {@link MatchNode.NumberRange} and a
 * prefix glob ({@code like "abc*"}) a {@link MatchNode.Prefix}, which a sorted column answers as a
 * range. Kept outside the term classes so they stay as they are. Stateless; thread-safe.
 */
public final class IndexView {
  private IndexView() {}

  /** {@link MatchNode.NumberRange#number(String)}: the matcher's own reading of a number or size. */
  public static double number(String value) {
    return Values.number(value);
  }

  static MatchNode of(Node n) {
    if (n instanceof Logic.And a) {
      return new MatchNode.And(all(a.children));
    }
    if (n instanceof Logic.Or o) {
      return new MatchNode.Or(all(o.children));
    }
    if (n instanceof Logic.Not not) {
      return new MatchNode.Not(of(not.child));
    }
    if (n instanceof OrderedTerms.Numeric num) {
      return range(num);
    }
    if (n instanceof PatternTerms.StartsWith s) {
      String prefix = likePrefix(s.text);
      if (prefix != null && s.testValue(prefix)) {
        return new MatchNode.Prefix(s.ref.api, prefix);
      }
    }
    return n.view();
  }

  private static List<MatchNode> all(Node[] children) {
    List<MatchNode> out = new ArrayList<>(children.length);
    for (Node c : children) {
      out.add(of(c));
    }
    return out;
  }

  private static MatchNode range(OrderedTerms.Numeric t) {
    double x = t.literal;
    double inf = Double.POSITIVE_INFINITY;
    switch (t.op) {
      case EQ:
        return new MatchNode.NumberRange(t.ref.api, x, true, x, true);
      case LT:
        return new MatchNode.NumberRange(t.ref.api, -inf, true, x, false);
      case LE:
        return new MatchNode.NumberRange(t.ref.api, -inf, true, x, true);
      case GT:
        return new MatchNode.NumberRange(t.ref.api, x, false, inf, true);
      case GE:
        return new MatchNode.NumberRange(t.ref.api, x, true, inf, true);
      default:
        return new MatchNode.Or(List.of(
            new MatchNode.NumberRange(t.ref.api, -inf, true, x, false),
            new MatchNode.NumberRange(t.ref.api, x, false, inf, true)));
    }
  }

  /**
   * The literal prefix of the one {@code like} term in {@code text} (its source text, which compiled),
   * read the way the compiler reads it; null if it is not a prefix-only glob.
   */
  private static String likePrefix(String text) {
    try {
      MatchParser parser =
          new MatchParser(new CommonTokenStream(new MatchLexer(CharStreams.fromString(text))));
      parser.removeErrorListeners();
      MatchParser.LikeContext like = find(parser.expression());
      if (like == null) {
        return null;
      }
      String pattern = new ValueReader(new Issues(text, 1)).rawText(like.value());
      return pattern == null ? null : Glob.compile(pattern).prefixOnly();
    } catch (RuntimeException e) {
      return null; // not worth a range: the term stays opaque
    }
  }

  private static MatchParser.LikeContext find(ParseTree t) {
    if (t instanceof MatchParser.LikeContext like) {
      return like;
    }
    for (int i = 0; i < t.getChildCount(); i++) {
      MatchParser.LikeContext found = find(t.getChild(i));
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}
