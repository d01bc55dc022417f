package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code fields=} projection of steps: {@code -a,-b} excludes, {@code a,b} includes (id, owner and
 * times always kept). Like Go decoding a projected Mongo document, fields left out come back with their
 * zero value rather than missing. Immutable. Not API.
 */
final class Projection {
  private static final Set<String> ALWAYS = Set.of("id", "owner", "time-created", "time-modified");
  private static final Projection NONE = new Projection(Set.of(), false);
  private final Set<String> names;
  private final boolean exclude;

  private Projection(Set<String> names, boolean exclude) {
    this.names = names;
    this.exclude = exclude;
  }

  static Projection parse(String fields) {
    if (fields == null || fields.isBlank()) {
      return NONE;
    }
    Set<String> names = new HashSet<>();
    boolean exclude = false;
    for (String f : fields.split(",")) {
      f = f.trim();
      if (f.startsWith("-")) {
        exclude = true;
        f = f.substring(1);
      }
      if (!f.isEmpty()) {
        names.add(f);
      }
    }
    return new Projection(names, exclude);
  }

  ObjectNode apply(ObjectNode step) {
    if (this == NONE) {
      return step;
    }
    List<String> all = new ArrayList<>();
    step.fieldNames().forEachRemaining(all::add);
    for (String f : all) {
      boolean keep = ALWAYS.contains(f) || (exclude != names.contains(f));
      if (!keep) {
        step.set(f, zero(f, step.get(f)));
      }
    }
    return step;
  }

  private static JsonNode zero(String name, JsonNode v) {
    if (name.endsWith("-time")) {
      return Json.F.textNode(Json.time(Json.ZERO_TIME));
    }
    if (name.equals("progress")) {
      return Views.progress("", 0, "", "");
    }
    if (v.isTextual()) {
      return Json.F.textNode("");
    }
    if (v.isNumber()) {
      return Json.F.numberNode(0);
    }
    if (v.isBoolean()) {
      return Json.F.booleanNode(false);
    }
    return Json.F.nullNode();
  }
}
