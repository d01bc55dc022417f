package io.biggerfleet.match.internal;

import com.google.re2j.Pattern;
import io.biggerfleet.device.AttributeSource;
import io.biggerfleet.match.internal.grammar.MatchParser;
import io.biggerfleet.match.internal.grammar.MatchParser.AndExprContext;
import io.biggerfleet.match.internal.grammar.MatchParser.ArgContext;
import io.biggerfleet.match.internal.grammar.MatchParser.AttrOperandContext;
import io.biggerfleet.match.internal.grammar.MatchParser.AttributeContext;
import io.biggerfleet.match.internal.grammar.MatchParser.CallOperandContext;
import io.biggerfleet.match.internal.grammar.MatchParser.CompareContext;
import io.biggerfleet.match.internal.grammar.MatchParser.ConstantContext;
import io.biggerfleet.match.internal.grammar.MatchParser.ContainsContext;
import io.biggerfleet.match.internal.grammar.MatchParser.ExistsContext;
import io.biggerfleet.match.internal.grammar.MatchParser.InListContext;
import io.biggerfleet.match.internal.grammar.MatchParser.LikeContext;
import io.biggerfleet.match.internal.grammar.MatchParser.NegationContext;
import io.biggerfleet.match.internal.grammar.MatchParser.NotExprContext;
import io.biggerfleet.match.internal.grammar.MatchParser.OperandContext;
import io.biggerfleet.match.internal.grammar.MatchParser.OrExprContext;
import io.biggerfleet.match.internal.grammar.MatchParser.ParensContext;
import io.biggerfleet.match.internal.grammar.MatchParser.PlainContext;
import io.biggerfleet.match.internal.grammar.MatchParser.PrimaryContext;
import io.biggerfleet.match.internal.grammar.MatchParser.RegexContext;
import io.biggerfleet.match.internal.grammar.MatchParser.ValueContext;
import io.biggerfleet.match.internal.grammar.MatchParser.WithinContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * The check and compile steps: walks a parse tree that has no syntax errors, checks every literal,
 * attribute source, function and type, and builds the folded {@link Node} tree. Every problem is
 * reported to {@link Issues}; the result is only used when there are none. One instance per
 * compilation.
 */
final class TreeBuilder {
  private static final long MAX_BUCKETS = 1_000_000_000L;

  private final SourceText source;
  private final Issues issues;
  private final Clock clock;
  private final ValueReader values;
  private final RegexReader regexes;
  private final CircleReader circles;

  TreeBuilder(String source, Issues issues, Clock clock) {
    this.source = new SourceText(source);
    this.issues = issues;
    this.clock = clock;
    this.values = new ValueReader(issues);
    this.regexes = new RegexReader(issues);
    this.circles = new CircleReader(issues);
  }

  /** The source text of {@code ctx}, cut at code-point bounds. */
  private String text(ParserRuleContext ctx) {
    return source.of(ctx);
  }

  Node or(OrExprContext ctx) {
    List<Node> parts = new ArrayList<>();
    for (AndExprContext a : ctx.andExpr()) {
      parts.add(and(a));
    }
    if (parts.contains(null)) {
      return null;
    }
    return parts.size() == 1 ? parts.get(0) : Logic.or(text(ctx), parts);
  }

  private Node and(AndExprContext ctx) {
    List<Node> parts = new ArrayList<>();
    for (NotExprContext n : ctx.notExpr()) {
      parts.add(not(n));
    }
    if (parts.contains(null)) {
      return null;
    }
    return parts.size() == 1 ? parts.get(0) : Logic.and(text(ctx), parts);
  }

  private Node not(NotExprContext ctx) {
    if (ctx instanceof NegationContext) {
      Node child = not(((NegationContext) ctx).notExpr());
      return child == null ? null : Logic.not(text(ctx), child);
    }
    return primary(((PlainContext) ctx).primary());
  }

  private Node primary(PrimaryContext ctx) {
    String text = text(ctx);
    if (ctx instanceof ParensContext) {
      return or(((ParensContext) ctx).orExpr());
    }
    if (ctx instanceof ConstantContext) {
      return new Logic.Const(text, ((ConstantContext) ctx).TRUE() != null);
    }
    if (ctx instanceof ExistsContext) {
      return new TextTerms.Exists(text, ref(((ExistsContext) ctx).attribute()));
    }
    if (ctx instanceof CompareContext) {
      return compare((CompareContext) ctx, text);
    }
    if (ctx instanceof InListContext) {
      return in((InListContext) ctx, text);
    }
    if (ctx instanceof ContainsContext) {
      return contains((ContainsContext) ctx, text);
    }
    if (ctx instanceof LikeContext) {
      LikeContext c = (LikeContext) ctx;
      Ref ref = attributeOperand(c.operand(), "like");
      String pattern = values.rawText(c.value());
      if (ref == null || pattern == null) {
        return null;
      }
      Glob glob = Glob.compile(pattern);
      String prefix = glob.prefixOnly();
      return prefix != null
          ? new PatternTerms.StartsWith(text, ref, prefix)
          : new PatternTerms.Like(text, ref, glob);
    }
    if (ctx instanceof RegexContext) {
      return regex((RegexContext) ctx, text);
    }
    return within((WithinContext) ctx, text);
  }

  // ---- attributes and operands ----

  Ref ref(AttributeContext ctx) {
    Token nameToken = ((org.antlr.v4.runtime.tree.TerminalNode)
            ctx.getChild(ctx.getChildCount() - 1))
        .getSymbol();
    String name = nameToken.getText();
    if (nameToken.getType() == MatchParser.QUOTED_NAME) {
      name = name.substring(1, name.length() - 1);
    }
    AttributeSource src = null;
    if (ctx.source != null) {
      switch (ctx.source.getText()) {
        case "system":
          src = AttributeSource.SYSTEM;
          break;
        case "registry":
          src = AttributeSource.REGISTRY;
          break;
        case "fleet":
          src = AttributeSource.FLEET;
          break;
        default:
          issues.at(
              ctx.source,
              "unknown attribute source '" + ctx.source.getText()
                  + "'; use system:, registry: or fleet: (or no prefix for the winning value)");
      }
    }
    return new Ref(name, src);
  }

  /** The attribute of an operand that must be one, or null (issue reported) for a function call. */
  private Ref attributeOperand(OperandContext ctx, String operator) {
    if (ctx instanceof AttrOperandContext) {
      return ref(((AttrOperandContext) ctx).attribute());
    }
    CallOperandContext call = (CallOperandContext) ctx;
    issues.span(
        call.start,
        call.stop,
        "'" + operator + "' needs an attribute on its left, not a function call");
    return null;
  }

  // ---- comparisons ----

  private Node compare(CompareContext ctx, String text) {
    Op op = Op.of(ctx.compareOp().getText());
    Literal lit = values.literal(ctx.value());
    if (ctx.operand() instanceof CallOperandContext) {
      return call((CallOperandContext) ctx.operand(), op, lit, ctx.value(), text);
    }
    Ref ref = ref(((AttrOperandContext) ctx.operand()).attribute());
    if (lit == null) {
      return null;
    }
    if (op.isOrdering() && (lit.kind == Literal.Kind.TEXT || lit.kind == Literal.Kind.BOOL)) {
      Literal typed = lit.kind == Literal.Kind.TEXT ? Literal.typedContent(lit.text) : null;
      if (typed == null) {
        issues.at(
            ctx.value().start,
            "'" + op.symbol + "' needs a number, size, duration, timestamp or version,"
                + " not "
                + (lit.kind == Literal.Kind.BOOL ? "a boolean" : "the text " + Quote.of(lit.text))
                + (lit.kind == Literal.Kind.BOOL
                    ? "; use == or != with true and false"
                    : "; use == or like to compare text"));
        return null;
      }
      lit = typed;
    }
    return typedTerm(text, ref, op, lit);
  }

  private Term typedTerm(String text, Ref ref, Op op, Literal lit) {
    switch (lit.kind) {
      case TEXT:
        return new TextTerms.TextEquals(text, ref, lit.text, op == Op.NE);
      case BOOL:
        return new TextTerms.BoolEquals(text, ref, lit.bool, op == Op.NE);
      case NUMBER:
      case SIZE:
        return new OrderedTerms.Numeric(text, ref, op, lit.number);
      case DECIMAL:
        return lit.version != null
            ? new OrderedTerms.NumberOrVersion(text, ref, op, lit.number, lit.version)
            : new OrderedTerms.Numeric(text, ref, op, lit.number);
      case VERSION:
        return new OrderedTerms.VersionCompare(text, ref, op, lit.version);
      case TIME:
        return new OrderedTerms.TimeCompare(text, ref, op, lit.millis);
      default:
        return new OrderedTerms.DurationCompare(text, ref, op, lit.number);
    }
  }

  private Node call(
      CallOperandContext call, Op op, Literal lit, ValueContext valueCtx, String text) {
    String fn = call.name.getText();
    List<ArgContext> args = call.args;
    switch (fn) {
      case "bucket": {
        if (args.isEmpty() || args.size() > 2) {
          issues.span(
              call.start,
              call.stop,
              "bucket takes 1 or 2 arguments: bucket(n) or bucket(n, \"salt\")");
          return null;
        }
        Long n = values.wholeNumber(
            args.get(0).WORD() == null ? args.get(0).start : args.get(0).WORD().getSymbol(),
            1,
            MAX_BUCKETS,
            "the number of buckets");
        String salt = null;
        if (args.size() == 2) {
          ArgContext s = args.get(1);
          salt = s.STRING() != null ? values.unquote(s.STRING().getSymbol()) : s.getText();
        }
        Long k =
            values.wholeNumber(valueCtx.start, Long.MIN_VALUE, Long.MAX_VALUE, "a bucket number");
        if (n == null || k == null || args.size() == 2 && salt == null) {
          return null;
        }
        return new Bucket(text, text(call), n, salt, op, k);
      }
      case "age": {
        if (args.size() != 1 || args.get(0).attribute() == null) {
          issues.span(
              call.start, call.stop, "age takes one attribute holding a timestamp: age(Last-Seen)");
          return null;
        }
        Ref ref = ref(args.get(0).attribute());
        if (lit == null) {
          return null;
        }
        if (lit.kind == Literal.Kind.TEXT && lit.quoted) {
          Literal typed =
              Literal.typedContent(lit.text); // "12h" reads as 12h, as for any comparison
          lit = typed != null ? typed : lit;
        }
        if (lit.kind != Literal.Kind.DURATION && lit.kind != Literal.Kind.NUMBER) {
          issues.at(
              valueCtx.start,
              "age(..) compares with a duration such as 12h, 30m or 7d, not " + lit.kindName());
          return null;
        }
        return new OrderedTerms.Age(text, ref, op, lit.number, clock);
      }
      default:
        issues.at(
            call.name,
            "unknown function '" + fn + "'; known: age(attribute), bucket(n[, salt]);"
                + " exists(attribute) is a term of its own");
        return null;
    }
  }

  // ---- in, contains, regex, within ----

  private Node in(InListContext ctx, String text) {
    Ref ref = attributeOperand(ctx.operand(), "in");
    boolean negate = ctx.NOT() != null;
    List<ValueContext> elements = values.elements(ctx.list());
    if (elements == null) {
      return null;
    }
    // Duplicates are harmless: keep the first of each (kind, text).
    Map<String, Literal> distinct = new LinkedHashMap<>();
    boolean allText = true;
    boolean broken = false;
    for (ValueContext v : elements) {
      Literal l = values.literal(v);
      if (l == null) {
        broken = true;
        continue;
      }
      distinct.putIfAbsent(l.kind + ":" + l.text, l);
      allText &= l.kind == Literal.Kind.TEXT;
    }
    List<Literal> lits = new ArrayList<>(distinct.values());
    if (ref == null || broken) {
      return null;
    }
    if (lits.isEmpty()) {
      return negate ? new TextTerms.Exists(text, ref) : new Logic.Const(text, false);
    }
    if (allText) {
      List<String> values = new ArrayList<>();
      lits.forEach(l -> values.add(l.text));
      return new TextTerms.TextIn(text, ref, values, negate);
    }
    List<Term> equalities = new ArrayList<>();
    for (Literal l : lits) {
      equalities.add(typedTerm(text, ref, Op.EQ, l));
    }
    return new TextTerms.AnyOf(text, ref, equalities, negate);
  }

  private Node contains(ContainsContext ctx, String text) {
    Ref ref = attributeOperand(ctx.operand(), "contains");
    List<ValueContext> elements =
        ctx.value() != null ? List.of(ctx.value()) : values.elements(ctx.list());
    if (elements == null) {
      return null;
    }
    LinkedHashSet<String> needles = new LinkedHashSet<>(); // duplicates are harmless
    boolean broken = false;
    for (ValueContext v : elements) {
      String needle = values.rawText(v);
      broken |= needle == null;
      needles.add(needle);
    }
    if (ref == null || broken) {
      return null;
    }
    return needles.isEmpty()
        ? new Logic.Const(text, false)
        : new TextTerms.Contains(text, ref, new ArrayList<>(needles));
  }

  private Node regex(RegexContext ctx, String text) {
    Ref ref = attributeOperand(ctx.operand(), "matches");
    String pattern = values.rawText(ctx.value());
    if (pattern == null) {
      return null;
    }
    Pattern p = regexes.compile(pattern, ctx.value().start);
    return ref == null || p == null ? null : new PatternTerms.Regex(text, ref, p);
  }

  private Node within(WithinContext ctx, String text) {
    Ref ref = ref(ctx.attribute());
    Geo.Circle circle = circles.circle(ctx.value());
    return circle == null ? null : new Within(text, ref, circle);
  }
}
