package io.biggerfleet.match.internal;

import io.biggerfleet.device.Attributes;
import io.biggerfleet.device.Device;
import io.biggerfleet.match.AttributeRef;
import io.biggerfleet.match.Explanation;
import io.biggerfleet.match.MatchNode;
import io.biggerfleet.match.Matcher;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** A {@link Matcher} over a folded {@link Node} tree. Immutable and thread-safe. */
final class CompiledMatcher implements Matcher {
  private final String expression;
  private final Node root;
  private final Set<String> attributes;
  /** Built on first use: the prefix view re-reads the term's text, which compilation need not pay for. */
  private volatile MatchNode structure;

  private final boolean dependsOnTime;

  CompiledMatcher(String expression, Node root) {
    this.expression = expression;
    this.root = root;
    Set<AttributeRef> refs = new LinkedHashSet<>();
    root.reads(refs);
    Set<String> names = new TreeSet<>();
    refs.forEach(r -> names.add(r.name()));
    this.attributes = Collections.unmodifiableSet(names);
    this.dependsOnTime = root.dependsOnTime();
  }

  @Override
  public String expression() {
    return expression;
  }

  @Override
  public boolean matches(Device device) {
    return root.test(device.attributes(), device);
  }

  @Override
  public boolean matches(Attributes attributes) {
    return root.test(Objects.requireNonNull(attributes, "attributes"), null);
  }

  @Override
  public Explanation explain(Device device) {
    return root.explain(device.attributes(), device);
  }

  @Override
  public Explanation explain(Attributes attributes) {
    return root.explain(Objects.requireNonNull(attributes, "attributes"), null);
  }

  @Override
  public Set<String> attributes() {
    return attributes;
  }

  @Override
  public MatchNode structure() {
    MatchNode s = structure;
    if (s == null) { // a benign race: every thread computes the same immutable value
      s = IndexView.of(root);
      structure = s;
    }
    return s;
  }

  @Override
  public boolean dependsOnTime() {
    return dependsOnTime;
  }

  @Override
  public String toString() {
    return "Matcher[" + expression + "]";
  }
}
