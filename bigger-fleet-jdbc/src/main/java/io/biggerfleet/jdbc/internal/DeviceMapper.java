package io.biggerfleet.jdbc.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biggerfleet.device.Attribute;
import io.biggerfleet.device.AttributeSource;
import io.biggerfleet.device.BuiltinAttributes;
import io.biggerfleet.device.Device;
import io.biggerfleet.device.DeviceId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Table {@code bf_device}: key (dev_id, registry); the document holds nick, liveness, revision, system
 * id, tags and the non-built-in attributes of each source in display order (built-ins are derived from
 * the fields when the device is rebuilt).
 */
final class DeviceMapper extends RecordMapper<DeviceId, Device> {
  static final DeviceMapper INSTANCE = new DeviceMapper();

  private DeviceMapper() {
    super("device", "bf_device", List.of("dev_id", "registry"), List.of());
  }

  @Override
  int bindKey(PreparedStatement ps, int i, DeviceId key) throws SQLException {
    ps.setString(i, key.id());
    ps.setString(i + 1, key.registry());
    return i + 2;
  }

  @Override
  int bindIndex(PreparedStatement ps, int i, Device value) {
    return i;
  }

  @Override
  String keyText(ResultSet rs, int col) throws SQLException {
    return rs.getString(col) + "@" + rs.getString(col + 1);
  }

  @Override
  String encode(Device d) {
    ObjectNode n = Json.object();
    n.put("nick", d.nick());
    n.put("online", d.online());
    d.lastSeen().ifPresent(t -> n.put("lastSeen", t.toString()));
    d.revision().ifPresent(r -> n.put("revision", r));
    n.put("systemId", d.systemId());
    ArrayNode tags = n.putArray("tags");
    d.tags().forEach(tags::add);
    ObjectNode attrs = n.putObject("attributes");
    for (Map.Entry<AttributeSource, List<Attribute>> e : d.attributes().bySource().entrySet()) {
      ObjectNode src = Json.object();
      for (Attribute a : e.getValue()) {
        if (!BuiltinAttributes.isBuiltin(a.name())) {
          src.put(a.name(), a.value());
        }
      }
      if (!src.isEmpty()) {
        attrs.set(e.getKey().name().toLowerCase(Locale.ROOT), src);
      }
    }
    return Json.write(n);
  }

  @Override
  Device decode(String key, String doc) {
    JsonNode n = Json.read(kind, key, doc);
    DeviceId id = DeviceId.parse(key);
    Device.Builder b = Device.builder(id)
        .nick(Json.text(n, "nick", kind, key))
        .online(n.path("online").asBoolean(false))
        .lastSeen(Json.instantOrNull(n, "lastSeen"))
        .revision(Json.textOrNull(n, "revision"))
        .systemId(n.path("systemId").asLong(Device.systemIdOf(id)));
    List<String> tags = new ArrayList<>();
    n.path("tags").forEach(t -> tags.add(t.asText()));
    b.tags(tags);
    JsonNode attrs = n.path("attributes");
    for (AttributeSource s : AttributeSource.values()) {
      JsonNode src = attrs.get(s.name().toLowerCase(Locale.ROOT));
      if (src == null) {
        continue;
      }
      Map<String, String> m = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = src.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        m.put(e.getKey(), e.getValue().asText());
      }
      switch (s) {
        case SYSTEM:
          b.systemAttributes(m);
          break;
        case REGISTRY:
          b.registryAttributes(m);
          break;
        default:
          b.fleetAttributes(m);
      }
    }
    return b.build();
  }
}
