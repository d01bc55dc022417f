package io.biggerfleet.match.internal;

import io.biggerfleet.device.Attributes;
import io.biggerfleet.device.Device;
import io.biggerfleet.match.AttributeRef;
import io.biggerfleet.match.Explanation;
import io.biggerfleet.match.MatchNode;
import java.util.List;
import java.util.Set;

/**
 * A term on one attribute's value. It is false when the attribute is missing, and when the value
 * cannot be read as the type the term needs ({@link #why} says so in explanations).
 */
abstract class Term extends Node {
  final Ref ref;

  Term(String text, Ref ref) {
    super(text);
    this.ref = ref;
  }

  @Override
  boolean test(Attributes a, Device d) {
    String v = ref.get(a);
    return v != null && testValue(v);
  }

  /** The term on a present value. */
  abstract boolean testValue(String v);

  /** Why a present value cannot be compared ({@code is not a version}), or null if it can. */
  String why(String v) {
    return null;
  }

  @Override
  Explanation explain(Attributes a, Device d) {
    String v = ref.get(a);
    boolean m = v != null && testValue(v);
    String observed = ref.observe(a);
    String why = v == null ? null : why(v);
    return new Explanation(text, m, why == null ? observed : observed + " " + why, List.of());
  }

  @Override
  MatchNode view() {
    return new MatchNode.Opaque(text, Set.of(ref.api), false, dependsOnTime());
  }

  @Override
  void reads(Set<AttributeRef> out) {
    out.add(ref.api);
  }
}
