package io.biggerfleet.jdbc.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biggerfleet.rollout.Rollout;
import io.biggerfleet.rollout.RolloutState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Table {@code bf_rollout}: key name; indexed state; the document holds the whole definition. When
 * {@link Rollout} gains fields, add them to {@link #encode} and {@link #decode} here (give older
 * documents a default in {@code decode}); no migration is needed unless a new field must be queried
 * by SQL, in which case add an indexed column in a new migration and bind it in {@link #bindIndex}.
 */
final class RolloutMapper extends RecordMapper<String, Rollout> {
  static final RolloutMapper INSTANCE = new RolloutMapper();

  private RolloutMapper() {
    super("rollout", "bf_rollout", List.of("name"), List.of("state"));
  }

  @Override
  int bindKey(PreparedStatement ps, int i, String key) throws SQLException {
    ps.setString(i, key);
    return i + 1;
  }

  @Override
  int bindIndex(PreparedStatement ps, int i, Rollout r) throws SQLException {
    ps.setString(i, r.state().name());
    return i + 1;
  }

  @Override
  String keyText(ResultSet rs, int col) throws SQLException {
    return rs.getString(col);
  }

  @Override
  String encode(Rollout r) {
    ObjectNode n = Json.object();
    n.put("state", r.state().name());
    n.put("change", r.change());
    n.put("message", r.message());
    n.put("devices", r.devices());
    n.put("createdAt", r.createdAt().toString());
    return Json.write(n);
  }

  @Override
  Rollout decode(String key, String doc) {
    JsonNode n = Json.read(kind, key, doc);
    return new Rollout(key, RolloutState.valueOf(Json.text(n, "state", kind, key)), Json.text(n, "change", kind, key),
        Json.text(n, "message", kind, key), Json.text(n, "devices", kind, key), Json.instant(n, "createdAt", kind, key));
  }
}
