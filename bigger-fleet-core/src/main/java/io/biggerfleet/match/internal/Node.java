package io.biggerfleet.match.internal;

import io.biggerfleet.device.Attributes;
import io.biggerfleet.device.Device;
import io.biggerfleet.match.AttributeRef;
import io.biggerfleet.match.Explanation;
import io.biggerfleet.match.MatchNode;
import java.util.Set;

/**
 * A compiled part of an expression. {@link #test} is the hot path: no allocation, no exceptions.
 * {@code device} is null when only attributes are evaluated. Immutable and thread-safe.
 */
abstract class Node {
  /** The source text this node came from. */
  final String text;

  Node(String text) {
    this.text = text;
  }

  abstract boolean test(Attributes a, Device device);

  abstract Explanation explain(Attributes a, Device device);

  /** The structural view for index-based evaluation. */
  abstract MatchNode view();

  /** A rough relative cost of {@link #test}, to evaluate cheap terms first. */
  abstract int cost();

  /** Adds the attributes this node reads. */
  abstract void reads(Set<AttributeRef> out);

  boolean dependsOnTime() {
    return false;
  }
}
