package io.biggerfleet.jdbc.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biggerfleet.model.Group;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Table {@code bf_group}: key path; indexed parent; the document holds parent, expression, createdAt. */
final class GroupMapper extends RecordMapper<String, Group> {
  static final GroupMapper INSTANCE = new GroupMapper();

  private GroupMapper() {
    super("group", "bf_group", List.of("path"), List.of("parent"));
  }

  @Override
  int bindKey(PreparedStatement ps, int i, String key) throws SQLException {
    ps.setString(i, key);
    return i + 1;
  }

  @Override
  int bindIndex(PreparedStatement ps, int i, Group g) throws SQLException {
    ps.setString(i, g.parent());
    return i + 1;
  }

  @Override
  int keyValues(String key, Object[] row, int i) {
    row[i] = key;
    return i + 1;
  }

  @Override
  int indexValues(Group g, Object[] row, int i) {
    row[i] = g.parent();
    return i + 1;
  }

  @Override
  String keyText(ResultSet rs, int col) throws SQLException {
    return rs.getString(col);
  }

  @Override
  String encode(Group g) {
    ObjectNode n = Json.object();
    n.put("parent", g.parent());
    n.put("expression", g.expression());
    n.put("createdAt", g.createdAt().toString());
    return Json.write(n);
  }

  @Override
  Group decode(String key, String doc) {
    JsonNode n = Json.read(kind, key, doc);
    return new Group(
        key,
        Json.text(n, "parent", kind, key),
        Json.text(n, "expression", kind, key),
        Json.instant(n, "createdAt", kind, key));
  }
}
