package io.biggerfleet.pantahub.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biggerfleet.InvalidInputException;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.TrailState;
import io.biggerfleet.pantahub.PantahubException;
import io.biggerfleet.spi.RegistryDevice;
import io.biggerfleet.spi.StepMarker;
import io.biggerfleet.spi.StepProgress;
import io.biggerfleet.spi.TrailStep;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Converts Pantahub JSON to core values and back. Every method names the endpoint in its errors so a
 * malformed answer is traceable. Stateless and thread-safe. Internal; not API.
 */
public final class Mapping {
  private Mapping() {}

  /** What the device mapping takes from a trail summary: last seen and the running revision. */
  public static final class SummaryBits {
    final Instant lastSeen;
    final String progressRevision;

    SummaryBits(Instant lastSeen, String progressRevision) {
      this.lastSeen = lastSeen;
      this.progressRevision = progressRevision;
    }
  }

  /** Reads {@code timestamp} and {@code progress-revision} of a summary; {@code null} for a non-object. */
  public static SummaryBits summaryBits(JsonNode s, String endpoint) {
    if (s == null || !s.isObject()) {
      return null;
    }
    JsonNode pr = s.get("progress-revision");
    return new SummaryBits(
        time(s, "timestamp", endpoint), pr == null || pr.isNull() ? null : pr.asText());
  }

  /** A device of {@code GET /devices/} (or {@code /changes/devices}), optionally joined with its summary. */
  public static RegistryDevice device(
      JsonNode d, SummaryBits summary, String registry, String endpoint) {
    String id = requiredText(d, "id", endpoint);
    DeviceId deviceId = deviceId(id, registry, endpoint);
    Map<String, String> system = Json.textMap(d.get("device-meta"));
    Map<String, String> user = Json.textMap(d.get("user-meta"));
    RegistryDevice.Builder b = RegistryDevice.builder(deviceId)
        .nick(d.path("nick").asText(""))
        .systemAttributes(system)
        .registryAttributes(user)
        .online("true".equalsIgnoreCase(system.getOrDefault("pantahub.online", "")));
    String rev = system.get("pantavisor.revision");
    if (summary != null) {
      b.lastSeen(summary.lastSeen);
      if (rev == null || rev.isEmpty()) {
        rev = summary.progressRevision;
      }
    }
    if (rev != null && !rev.isEmpty()) {
      b.revision(rev);
    }
    return b.build();
  }

  /** A step of {@code /trails/{id}/steps...} or {@code /changes/steps}; state kept if asked and present. */
  public static TrailStep step(JsonNode s, String registry, boolean withState, String endpoint) {
    if (s == null || !s.isObject()) {
      throw malformed(endpoint, "expected a step object");
    }
    String trail = s.path("trail-id").asText("");
    if (trail.isEmpty()) {
      String id = requiredText(s, "id", endpoint);
      int dash = id.lastIndexOf('-');
      trail = dash < 0 ? id : id.substring(0, dash);
    }
    JsonNode revNode = s.get("rev");
    if (revNode == null || !revNode.canConvertToInt()) {
      throw malformed(endpoint, "step of trail " + trail + " has no integer 'rev'");
    }
    Map<String, String> meta = Json.textMap(s.get("meta"));
    StepMarker marker = StepMarker.fromMeta(meta).orElse(null);
    TrailState state = withState && s.get("state") != null && s.get("state").isObject()
        ? state(s.get("state"))
        : null;
    return new TrailStep(
        deviceId(trail, registry, endpoint),
        revNode.asInt(),
        s.path("commit-msg").asText(""),
        marker,
        progress(s.get("progress"), time(s, "progress-time", endpoint)),
        time(s, "step-time", endpoint),
        state);
  }

  /** A StepProgress object (also the body cancel/wontgo return). */
  public static StepProgress progress(JsonNode p, Instant reportedAt) {
    if (p == null || !p.isObject()) {
      return StepProgress.of("NEW", 0, "", reportedAt);
    }
    String status = p.path("status").asText("");
    return StepProgress.of(
        status.isEmpty() ? "NEW" : status,
        p.path("progress").asInt(0),
        p.path("status-msg").asText(""),
        reportedAt);
  }

  /** A state object: {@code .json} keys keep their JSON text, others their string. */
  public static TrailState state(JsonNode state) {
    Map<String, String> m = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : state.properties()) {
      String key = Json.unstoreKey(e.getKey());
      m.put(key, TrailState.isJsonKey(key) ? compact(e.getValue()) : Json.text(e.getValue()));
    }
    return TrailState.of(m);
  }

  /** The JSON object to post for a state. */
  public static ObjectNode stateJson(TrailState state) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    for (Map.Entry<String, String> e : state.entries().entrySet()) {
      if (TrailState.isJsonKey(e.getKey())) {
        try {
          o.set(e.getKey(), Json.MAPPER.readTree(e.getValue()));
        } catch (IOException ex) {
          throw new InvalidInputException(
              "State key '" + e.getKey() + "' must hold JSON text, but its value does not "
                  + "parse: " + firstLine(ex.getMessage()));
        }
      } else {
        o.put(e.getKey(), e.getValue());
      }
    }
    return o;
  }

  public static DeviceId deviceId(String id, String registry, String endpoint) {
    try {
      return DeviceId.of(id, registry);
    } catch (InvalidInputException e) {
      throw malformed(
          endpoint,
          "device id '" + (id.length() > 40 ? id.substring(0, 40) + "…" : id) + "' is invalid");
    }
  }

  public static Instant time(JsonNode o, String field, String endpoint) {
    try {
      return Json.time(o.get(field));
    } catch (IllegalArgumentException e) {
      throw malformed(endpoint, "field '" + field + "': " + e.getMessage());
    }
  }

  public static String requiredText(JsonNode o, String field, String endpoint) {
    JsonNode v = o == null ? null : o.get(field);
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      throw malformed(endpoint, "missing string field '" + field + "'");
    }
    return v.asText();
  }

  /** A clear error for an answer of the wrong shape. */
  public static PantahubException malformed(String endpoint, String what) {
    int sp = endpoint.indexOf(' ');
    String method = sp < 0 ? "GET" : endpoint.substring(0, sp);
    String path = sp < 0 ? endpoint : endpoint.substring(sp + 1);
    return new PantahubException(
        "Unexpected answer from " + endpoint + ": " + what, 200, null, method, path, null);
  }

  private static String compact(JsonNode v) {
    try {
      return Json.MAPPER.writeValueAsString(v);
    } catch (IOException e) {
      return v.toString();
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
