package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The subset of Mongo query operators the simulator honours where the real hub passes filters to
 * Mongo: {@code $in $nin $ne $eq $exists} and plain equality. Stateless. Not API.
 */
final class MongoFilter {
  private MongoFilter() {}

  /** Whether {@code actual} (null = field missing) satisfies {@code spec} (a value or an operator object). */
  static boolean test(JsonNode spec, JsonNode actual) {
    if (spec == null
        || !spec.isObject()
        || !spec.fieldNames().hasNext()
        || !spec.fieldNames().next().startsWith("$")) {
      return actual != null && equal(spec, actual);
    }
    Iterator<Map.Entry<String, JsonNode>> ops = spec.properties().iterator();
    while (ops.hasNext()) {
      Map.Entry<String, JsonNode> op = ops.next();
      JsonNode arg = op.getValue();
      boolean ok;
      switch (op.getKey()) {
        case "$eq":
          ok = actual != null && equal(arg, actual);
          break;
        case "$ne":
          ok = actual == null || !equal(arg, actual);
          break;
        case "$in":
          ok = actual != null && contains(arg, actual);
          break;
        case "$nin":
          ok = actual == null || !contains(arg, actual);
          break;
        case "$exists":
          ok = arg.asBoolean() == (actual != null);
          break;
        default:
          throw HubException.rest(500, "unsupported operator " + op.getKey());
      }
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Whether every field filter of {@code filter} holds for {@code doc}. */
  static boolean matchesDocument(JsonNode filter, JsonNode doc) {
    Iterator<Map.Entry<String, JsonNode>> it = filter.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!test(e.getValue(), doc.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private static boolean contains(JsonNode list, JsonNode actual) {
    if (list == null || !list.isArray()) {
      throw HubException.rest(500, "$in/$nin need an array");
    }
    for (JsonNode v : list) {
      if (equal(v, actual)) {
        return true;
      }
    }
    return false;
  }

  private static boolean equal(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }
}
