package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** The rules a state must follow to be stored (trails-api.go GetStateObjects). Stateless. Not API. */
final class StateRules {
  private static final Set<String> SPECS = Set.of(
      "pantavisor-service-system@1", "pantavisor-multi-platform@1", "pantavisor-service-embed@1");

  private StateRules() {}

  /** The real hub's state rules: {@code #spec}, inline {@code .json} values, owned uploaded objects. */
  static void validate(Hub hub, String owner, ObjectNode stored) {
    if (stored.isEmpty()) {
      return;
    }
    JsonNode spec = stored.get("#spec");
    if (spec == null || !SPECS.contains(spec.asText())) {
      throw HubException.rest(500, "state #spec missing or unsupported");
    }
    Iterator<Map.Entry<String, JsonNode>> it = stored.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey().replace(Json.DOT, '.');
      if (key.equals("#spec") || key.endsWith(".json")) {
        continue;
      }
      JsonNode v = e.getValue();
      if (!v.isTextual() || !Ids.isSha(v.textValue())) {
        throw HubException.rest(500, "state key '" + key + "' must be an object sha256");
      }
      ObjectRec o = hub.object(owner, v.textValue());
      if (o == null || o.data == null) {
        throw HubException.rest(500, "state key '" + key + "' references an object not uploaded");
      }
    }
  }
}
