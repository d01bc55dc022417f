package io.biggerfleet.jdbc.internal;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Map;

/**
 * Table {@code bf_device}: key (dev_id, registry); the document holds nick, liveness, revision, system
 * id, tags and the non-built-in attributes of each source in display order (built-ins are derived from
 * the fields when the device is rebuilt).
 */
final class DeviceMapper extends RecordMapper<DeviceId, Device> {
  static final DeviceMapper INSTANCE = new DeviceMapper();

  private static final String[] SOURCE_KEYS = {"system", "registry", "fleet"};

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
    return Json.write(g -> {
      g.writeStringField("nick", d.nick());
      g.writeBooleanField("online", d.online());
      if (d.lastSeen().isPresent()) {
        g.writeStringField("lastSeen", d.lastSeen().get().toString());
      }
      if (d.revision().isPresent()) {
        g.writeStringField("revision", d.revision().get());
      }
      g.writeNumberField("systemId", d.systemId());
      g.writeArrayFieldStart("tags");
      for (String t : d.tags()) {
        g.writeString(t);
      }
      g.writeEndArray();
      g.writeObjectFieldStart("attributes");
      AttributeSource open = null;
      for (Attribute a : d.attributes().all()) { // sorted by source
        if (BuiltinAttributes.isBuiltin(a.name())) {
          continue;
        }
        if (a.source() != open) {
          if (open != null) {
            g.writeEndObject();
          }
          open = a.source();
          g.writeObjectFieldStart(SOURCE_KEYS[open.ordinal()]);
        }
        g.writeStringField(a.name(), a.value());
      }
      if (open != null) {
        g.writeEndObject();
      }
      g.writeEndObject();
    });
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
      JsonNode src = attrs.get(SOURCE_KEYS[s.ordinal()]);
      if (src == null) {
        continue;
      }
      Map<String, String> m = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = src.properties().iterator(); it.hasNext(); ) {
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
