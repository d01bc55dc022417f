package io.biggerfleet.match.internal;

import io.biggerfleet.device.AttributeSource;
import io.biggerfleet.device.Attributes;
import io.biggerfleet.match.AttributeRef;

/** Reads one attribute (from any source, or from one named source). Immutable. */
final class Ref {
  final String name;
  final AttributeSource source;
  final AttributeRef api;
  private final Attributes.Lookup lookup;

  Ref(String name, AttributeSource source) {
    this.name = name.intern();
    this.source = source;
    this.api = source == null ? AttributeRef.of(name) : AttributeRef.of(name, source);
    this.lookup = source == null ? Attributes.lookup(name) : Attributes.lookup(name, source);
  }

  String get(Attributes a) {
    return lookup.in(a);
  }

  /**
   * {@code Model = "121XPs"} or {@code Model is missing}, for explanations. A name without a source reads
   * the winning value, so the source it came from is added ({@code Model = "121XPs" (reported by the
   * device)}): a value the device reports itself can put it into a group, and the operator should see that.
   */
  String observe(Attributes a) {
    String v = get(a);
    if (v == null) {
      return api + " is missing";
    }
    String seen = api + " = " + Quote.of(v);
    if (source != null) {
      return seen;
    }
    AttributeSource from =
        a.attribute(name).map(io.biggerfleet.device.Attribute::source).orElse(null);
    return from == null ? seen : seen + " (" + origin(from) + ")";
  }

  private static String origin(AttributeSource s) {
    switch (s) {
      case SYSTEM:
        return "reported by the device";
      case REGISTRY:
        return "set in the registry";
      default:
        return "kept by the fleet";
    }
  }

  @Override
  public String toString() {
    return api.toString();
  }
}
