package io.biggerfleet.match.internal;

import io.biggerfleet.device.AttributeSource;
import io.biggerfleet.device.Attributes;
import io.biggerfleet.match.AttributeRef;

/** Reads one attribute (from any source, or from one named source). Immutable. */
final class Ref {
  final String name;
  final AttributeSource source;
  final AttributeRef api;

  Ref(String name, AttributeSource source) {
    this.name = name.intern();
    this.source = source;
    this.api = source == null ? AttributeRef.of(name) : AttributeRef.of(name, source);
  }

  String get(Attributes a) {
    return source == null ? a.valueOrNull(name) : a.valueOrNull(name, source);
  }

  /** {@code Model = "121XPs"} or {@code Model is missing}, for explanations. */
  String observe(Attributes a) {
    String v = get(a);
    return v == null ? api + " is missing" : api + " = " + Quote.of(v);
  }

  @Override
  public String toString() {
    return api.toString();
  }
}
