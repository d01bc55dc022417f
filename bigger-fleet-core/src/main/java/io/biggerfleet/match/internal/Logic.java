package io.biggerfleet.match.internal;

import io.biggerfleet.device.Attributes;
import io.biggerfleet.device.Device;
import io.biggerfleet.match.AttributeRef;
import io.biggerfleet.match.Explanation;
import io.biggerfleet.match.MatchNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** The boolean connectives and constants, with constant folding in their factories. */
final class Logic {
  private Logic() {}

  /** {@code and} of {@code parts} (source order), folded: nested ands flattened, constants removed. */
  static Node and(String text, List<Node> parts) {
    List<Node> flat = new ArrayList<>();
    for (Node p : parts) {
      if (p instanceof Const) {
        if (!((Const) p).value) {
          return new Const(text, false);
        }
      } else if (p instanceof And) {
        flat.addAll(Arrays.asList(((And) p).children));
      } else {
        flat.add(p);
      }
    }
    if (flat.isEmpty()) {
      return new Const(text, true);
    }
    return flat.size() == 1 ? flat.get(0) : new And(text, flat);
  }

  /** {@code or} of {@code parts}, folded like {@link #and}. */
  static Node or(String text, List<Node> parts) {
    List<Node> flat = new ArrayList<>();
    for (Node p : parts) {
      if (p instanceof Const) {
        if (((Const) p).value) {
          return new Const(text, true);
        }
      } else if (p instanceof Or) {
        flat.addAll(Arrays.asList(((Or) p).children));
      } else {
        flat.add(p);
      }
    }
    if (flat.isEmpty()) {
      return new Const(text, false);
    }
    return flat.size() == 1 ? flat.get(0) : new Or(text, flat);
  }

  /** {@code not} of {@code child}, folded: constants negated, double negation removed. */
  static Node not(String text, Node child) {
    if (child instanceof Const) {
      return new Const(text, !((Const) child).value);
    }
    if (child instanceof Not) {
      return ((Not) child).child;
    }
    return new Not(text, child);
  }

  private static Node[] byCost(List<Node> nodes) {
    Node[] out = nodes.toArray(new Node[0]);
    Arrays.sort(out, Comparator.comparingInt(Node::cost)); // stable: equal costs keep source order
    return out;
  }

  private static int sum(Node[] nodes) {
    int s = 0;
    for (Node n : nodes) {
      s += n.cost();
    }
    return s;
  }

  private static List<Explanation> explainAll(Node[] nodes, Attributes a, Device d) {
    List<Explanation> out = new ArrayList<>(nodes.length);
    for (Node n : nodes) {
      out.add(n.explain(a, d));
    }
    return out;
  }

  private static List<MatchNode> views(Node[] nodes) {
    List<MatchNode> out = new ArrayList<>(nodes.length);
    for (Node n : nodes) {
      out.add(n.view());
    }
    return out;
  }

  static final class And extends Node {
    final Node[] children; // source order, for explain and views
    private final Node[] order; // cheapest first, for test

    And(String text, List<Node> children) {
      super(text);
      this.children = children.toArray(new Node[0]);
      this.order = byCost(children);
    }

    @Override
    boolean test(Attributes a, Device d) {
      for (Node n : order) {
        if (!n.test(a, d)) {
          return false;
        }
      }
      return true;
    }

    @Override
    Explanation explain(Attributes a, Device d) {
      List<Explanation> parts = explainAll(children, a, d);
      return new Explanation(text, parts.stream().allMatch(Explanation::matched), "", parts);
    }

    @Override
    MatchNode view() {
      return new MatchNode.And(views(children));
    }

    @Override
    int cost() {
      return sum(children);
    }

    @Override
    void reads(Set<AttributeRef> out) {
      for (Node n : children) {
        n.reads(out);
      }
    }

    @Override
    boolean dependsOnTime() {
      return Arrays.stream(children).anyMatch(Node::dependsOnTime);
    }
  }

  static final class Or extends Node {
    final Node[] children;
    private final Node[] order;

    Or(String text, List<Node> children) {
      super(text);
      this.children = children.toArray(new Node[0]);
      this.order = byCost(children);
    }

    @Override
    boolean test(Attributes a, Device d) {
      for (Node n : order) {
        if (n.test(a, d)) {
          return true;
        }
      }
      return false;
    }

    @Override
    Explanation explain(Attributes a, Device d) {
      List<Explanation> parts = explainAll(children, a, d);
      return new Explanation(text, parts.stream().anyMatch(Explanation::matched), "", parts);
    }

    @Override
    MatchNode view() {
      return new MatchNode.Or(views(children));
    }

    @Override
    int cost() {
      return sum(children);
    }

    @Override
    void reads(Set<AttributeRef> out) {
      for (Node n : children) {
        n.reads(out);
      }
    }

    @Override
    boolean dependsOnTime() {
      return Arrays.stream(children).anyMatch(Node::dependsOnTime);
    }
  }

  static final class Not extends Node {
    final Node child;

    Not(String text, Node child) {
      super(text);
      this.child = child;
    }

    @Override
    boolean test(Attributes a, Device d) {
      return !child.test(a, d);
    }

    @Override
    Explanation explain(Attributes a, Device d) {
      Explanation c = child.explain(a, d);
      return new Explanation(text, !c.matched(), "", List.of(c));
    }

    @Override
    MatchNode view() {
      return new MatchNode.Not(child.view());
    }

    @Override
    int cost() {
      return child.cost();
    }

    @Override
    void reads(Set<AttributeRef> out) {
      child.reads(out);
    }

    @Override
    boolean dependsOnTime() {
      return child.dependsOnTime();
    }
  }

  static final class Const extends Node {
    final boolean value;

    Const(String text, boolean value) {
      super(text);
      this.value = value;
    }

    @Override
    boolean test(Attributes a, Device d) {
      return value;
    }

    @Override
    Explanation explain(Attributes a, Device d) {
      return new Explanation(text, value, "always " + value, List.of());
    }

    @Override
    MatchNode view() {
      return new MatchNode.Constant(value);
    }

    @Override
    int cost() {
      return 0;
    }

    @Override
    void reads(Set<AttributeRef> out) {}
  }
}
