package io.biggerfleet.pantahub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biggerfleet.InvalidInputException;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.pantahub.internal.Call;
import io.biggerfleet.pantahub.internal.Json;
import io.biggerfleet.pantahub.internal.Mapping;
import io.biggerfleet.pantahub.internal.Transport;
import io.biggerfleet.spi.DeviceRegistry;
import io.biggerfleet.spi.RegistryDevice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Pantahub devices ({@code /devices}) and the core {@link DeviceRegistry} over them.
 *
 * <p>Mapping to {@link RegistryDevice}: id = {@code <24-hex id>@<registry name>}; nick; device-meta →
 * SYSTEM attributes and user-meta → REGISTRY attributes (stored keys converted back from U+FF2E,
 * non-string values as compact JSON text); {@code online} = device-meta {@code pantahub.online} is
 * {@code "true"}; {@code revision} = device-meta {@code pantavisor.revision} (the running revision),
 * else the trail summary's {@code progress-revision}; {@code lastSeen} = the trail summary's
 * {@code timestamp} ({@code GET /trails/summary}; absent when the summary is unavailable, e.g. a
 * token without trails scope).
 *
 * <p>Thread-safe. Errors: {@link PantahubException} subtypes; a device id of another registry (or not
 * a Pantahub id) is an {@link InvalidInputException}, except for {@link #device(DeviceId)}, which
 * answers empty for it as the {@link DeviceRegistry} contract says.
 */
public final class PantahubDevices implements DeviceRegistry {
  private static final System.Logger LOG = System.getLogger("io.biggerfleet.pantahub");
  private final Transport transport;
  private final String registry;

  PantahubDevices(Transport transport, String registry) {
    this.transport = transport;
    this.registry = registry;
  }

  @Override
  public String name() {
    return registry;
  }

  /**
   * Every device of the user ({@code GET /devices/}, no parameters), joined with
   * {@code GET /trails/summary}. Two calls however many devices; the list is read eagerly, the stream
   * holds no resources.
   */
  @Override
  public Stream<RegistryDevice> devices() {
    Map<String, Mapping.SummaryBits> summaries = summariesById();
    return fetch(DeviceFilter.all(), summaries).stream();
  }

  /**
   * Devices matching a server-side filter ({@code GET /devices/?...}), without the summary join
   * ({@code lastSeen} empty; revision from device-meta).
   */
  public List<RegistryDevice> list(DeviceFilter filter) {
    return fetch(filter, Map.of());
  }

  /**
   * One device ({@code GET /devices/{id}} plus {@code GET /trails/{id}/summary}); empty if the hub
   * does not know it or the user has no access (404/403), and, without a call, if the id belongs to
   * another registry or cannot be a Pantahub device id (24 lower-case hex characters).
   */
  @Override
  public Optional<RegistryDevice> device(DeviceId id) {
    if (!PantahubTrails.isPantahubId(id, registry)) {
      return Optional.empty();
    }
    String hex = id.id();
    JsonNode d;
    try {
      d = transport.json(Call.get("/devices/" + hex));
    } catch (PantahubNotFoundException | PantahubForbiddenException e) {
      return Optional.empty();
    }
    Mapping.SummaryBits summary = null;
    try {
      summary = Mapping.summaryBits(
          transport.json(Call.get("/trails/" + hex + "/summary")), "GET /trails/{id}/summary");
    } catch (PantahubForbiddenException | PantahubNotFoundException e) {
      // no summary yet (or no trails scope): lastSeen stays empty
    }
    return Optional.of(
        Mapping.device(object(d, "GET /devices/{id}"), summary, registry, "GET /devices/{id}"));
  }

  /** The device's user-meta ({@code GET /devices/{id}/user-meta}). */
  public Map<String, String> userMeta(DeviceId id) {
    return Json.textMap(object(
        transport.json(Call.get("/devices/" + hexOf(id) + "/user-meta")),
        "GET /devices/{id}/user-meta"));
  }

  /** Replaces the whole user-meta map ({@code PUT /devices/{id}/user-meta}); returns the stored map. */
  public Map<String, String> replaceUserMeta(DeviceId id, Map<String, String> meta) {
    return Json.textMap(object(
        transport.json(Call.put("/devices/" + hexOf(id) + "/user-meta", toJson(meta))),
        "PUT /devices/{id}/user-meta"));
  }

  /**
   * Merges keys into user-meta ({@code PATCH /devices/{id}/user-meta}); returns only the patched keys,
   * as Pantahub does.
   */
  public Map<String, String> patchUserMeta(DeviceId id, Map<String, String> meta) {
    return Json.textMap(object(
        transport.json(Call.patch("/devices/" + hexOf(id) + "/user-meta", toJson(meta))),
        "PATCH /devices/{id}/user-meta"));
  }

  /** The device-reported meta ({@code device-meta} of {@code GET /devices/{id}}). */
  public Map<String, String> deviceMeta(DeviceId id) {
    JsonNode d = object(transport.json(Call.get("/devices/" + hexOf(id))), "GET /devices/{id}");
    return Json.textMap(d.get("device-meta"));
  }

  private List<RegistryDevice> fetch(
      DeviceFilter filter, Map<String, Mapping.SummaryBits> summaries) {
    Call call = Call.get("/devices/");
    for (String[] p : filter.params()) {
      call.query(p[0], p[1]);
    }
    List<RegistryDevice> out = new ArrayList<>();
    transport.array(
        call,
        d -> out.add(
            Mapping.device(d, summaries.get(d.path("id").asText("")), registry, "GET /devices/")));
    return out;
  }

  private Map<String, Mapping.SummaryBits> summariesById() {
    Map<String, Mapping.SummaryBits> out = new HashMap<>();
    try {
      transport.array(
          Call.get("/trails/summary"),
          s -> out.put(
              s.path("deviceid").asText(""), Mapping.summaryBits(s, "GET /trails/summary")));
    } catch (PantahubForbiddenException e) {
      LOG.log(
          System.Logger.Level.INFO,
          "GET /trails/summary refused (403); devices listed without last-seen");
      return Map.of();
    }
    return out;
  }

  String hexOf(DeviceId id) {
    return PantahubTrails.hexOf(id, registry);
  }

  private static ObjectNode toJson(Map<String, String> meta) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    meta.forEach((k, v) -> {
      if (k == null || k.isEmpty()) {
        throw new InvalidInputException("User-meta keys must not be empty");
      }
      o.put(k, v);
    });
    return o;
  }

  private static JsonNode object(JsonNode n, String endpoint) {
    if (n == null || !n.isObject()) {
      throw Mapping.malformed(endpoint, "expected a JSON object");
    }
    return n;
  }

  @Override
  public String toString() {
    return "PantahubDevices[" + registry + "]";
  }
}
