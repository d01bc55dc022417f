package io.biggerfleet.group.internal;

import io.biggerfleet.InvalidInputException;
import io.biggerfleet.device.Attributes;
import io.biggerfleet.device.Device;
import io.biggerfleet.match.AttributeRef;
import io.biggerfleet.match.MatchNode;
import io.biggerfleet.match.Matcher;
import io.biggerfleet.match.Matchers;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@link ConditionCompiler} on the match engine ({@link Matchers}): a {@link Matcher} answers devices,
 * and its {@link MatchNode} structure becomes the index {@link SelectionPlan}. Terms that name a source
 * explicitly ({@code system:Model}) become opaque, because the index holds winning values only. An
 * opaque term that reads one attribute (no system id, no clock) is compiled on its own so that the
 * evaluator can answer it once per distinct value. Thread-safe.
 */
final class MatchConditions implements ConditionCompiler {
  private final Matchers matchers;

  MatchConditions(Matchers matchers) {
    this.matchers = Objects.requireNonNull(matchers, "matchers");
  }

  @Override
  public Condition compile(String expression) {
    Matcher m = matchers.compile(expression);
    return new MatchCondition(m, translate(m.structure()));
  }

  private SelectionPlan translate(MatchNode n) {
    if (n instanceof MatchNode.And a) {
      return new SelectionPlan.And(translateAll(a.children()));
    }
    if (n instanceof MatchNode.Or o) {
      return new SelectionPlan.Or(translateAll(o.children()));
    }
    if (n instanceof MatchNode.Not not) {
      return new SelectionPlan.Not(translate(not.child()));
    }
    if (n instanceof MatchNode.Constant c) {
      return new SelectionPlan.Const(c.value());
    }
    if (n instanceof MatchNode.Exists e && e.attribute().source().isEmpty()) {
      return new SelectionPlan.Exists(e.attribute().name());
    }
    if (n instanceof MatchNode.ValueIn v && v.attribute().source().isEmpty()) {
      return new SelectionPlan.ValueIn(v.attribute().name(), v.values());
    }
    if (n instanceof MatchNode.ItemIn v && v.attribute().source().isEmpty()) {
      return new SelectionPlan.ItemIn(v.attribute().name(), v.values());
    }
    if (n instanceof MatchNode.Prefix v && v.attribute().source().isEmpty()) {
      return new SelectionPlan.Prefix(v.attribute().name(), v.prefix());
    }
    if (n instanceof MatchNode.NumberRange v && v.attribute().source().isEmpty()) {
      return new SelectionPlan.NumberRange(v.attribute().name(), v);
    }
    if (n instanceof MatchNode.Opaque o
        && o.reads().size() == 1
        && !o.readsSystemId()
        && !o.readsClock()) {
      AttributeRef ref = o.reads().iterator().next();
      if (ref.source().isEmpty()) {
        try {
          Matcher term = matchers.compile(o.text());
          if (term.attributes().equals(Set.of(ref.name())) && !term.dependsOnTime()) {
            return new SelectionPlan.Opaque(o.text(), ref.name(), new MatchCondition(term, null));
          }
        } catch (InvalidInputException e) {
          // The term's text does not stand alone; evaluate it with the whole expression instead.
        }
      }
    }
    return new SelectionPlan.Opaque(text(n), null, null);
  }

  private List<SelectionPlan> translateAll(List<MatchNode> children) {
    List<SelectionPlan> out = new ArrayList<>(children.size());
    for (MatchNode c : children) {
      out.add(translate(c));
    }
    return out;
  }

  private static String text(MatchNode n) {
    return n instanceof MatchNode.Opaque o ? o.text() : n.toString();
  }

  /** A {@link Condition} backed by a {@link Matcher}. */
  private static final class MatchCondition implements Condition {
    private final Matcher matcher;
    private final SelectionPlan plan;

    MatchCondition(Matcher matcher, SelectionPlan plan) {
      this.matcher = matcher;
      this.plan = plan;
    }

    @Override
    public String expression() {
      return matcher.expression();
    }

    @Override
    public boolean matches(Device device) {
      return matcher.matches(device);
    }

    @Override
    public boolean matches(Attributes attributes) {
      return matcher.matches(attributes);
    }

    @Override
    public Set<String> reads() {
      return matcher.attributes();
    }

    @Override
    public boolean dependsOnTime() {
      return matcher.dependsOnTime();
    }

    @Override
    public SelectionPlan plan() {
      return plan;
    }

    @Override
    public String toString() {
      return matcher.expression();
    }
  }
}
