package io.biggerfleet.jdbc.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.biggerfleet.FleetException;
import io.biggerfleet.device.DeviceId;
import io.biggerfleet.model.DeviceRolloutProgress;
import io.biggerfleet.model.DeviceStatus;
import io.biggerfleet.spi.WriteBatch.ProgressKey;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Table {@code bf_progress}: key (rollout, dev_id, registry); indexed step and status (for per-step
 * counts); the document holds every field. When {@link DeviceRolloutProgress} gains fields, add them to
 * {@link #encode} and {@link #decode} here, with a default for older documents.
 */
final class ProgressMapper extends RecordMapper<ProgressKey, DeviceRolloutProgress> {
  static final ProgressMapper INSTANCE = new ProgressMapper();
  static final String SELECT_BY_ROLLOUT =
      "SELECT version, doc, rollout, dev_id, registry FROM bf_progress"
          + " WHERE rollout = ? ORDER BY dev_id, registry";

  private ProgressMapper() {
    super(
        "progress",
        "bf_progress",
        List.of("rollout", "dev_id", "registry"),
        List.of("step", "status"));
  }

  @Override
  int bindKey(PreparedStatement ps, int i, ProgressKey key) throws SQLException {
    ps.setString(i, key.rollout());
    ps.setString(i + 1, key.device().id());
    ps.setString(i + 2, key.device().registry());
    return i + 3;
  }

  @Override
  int bindIndex(PreparedStatement ps, int i, DeviceRolloutProgress p) throws SQLException {
    ps.setInt(i, p.step());
    ps.setString(i + 1, p.status().name());
    return i + 2;
  }

  @Override
  int keyValues(ProgressKey key, Object[] row, int i) {
    row[i] = key.rollout();
    row[i + 1] = key.device().id();
    row[i + 2] = key.device().registry();
    return i + 3;
  }

  @Override
  int indexValues(DeviceRolloutProgress p, Object[] row, int i) {
    row[i] = p.step();
    row[i + 1] = p.status().name();
    return i + 2;
  }

  @Override
  String keyText(ResultSet rs, int col) throws SQLException {
    return rs.getString(col) + "/" + rs.getString(col + 1) + "@" + rs.getString(col + 2);
  }

  /**
   * Fields at their default (attempt 0, rev and baseRev -1, empty device status and message, percent
   * 0, no detour) are left out — {@link #decode} gives them back — so the record every device gets at
   * activation is about 60 bytes, not 150: a 1,000,000-device activation writes half the bytes.
   */
  @Override
  String encode(DeviceRolloutProgress p) {
    // The document does not hold the key: an activation's records of one step all encode alike, so
    // the last document is reused when every field matches (immutable holder, safe across threads).
    Encoded last = this.last;
    if (last != null && sameDocument(last.record, p)) {
      return last.doc;
    }
    String doc = encodeFields(p);
    this.last = new Encoded(p, doc);
    return doc;
  }

  private volatile Encoded last;

  private static final class Encoded {
    final DeviceRolloutProgress record;
    final String doc;

    Encoded(DeviceRolloutProgress record, String doc) {
      this.record = record;
      this.doc = doc;
    }
  }

  /** True if {@code a} and {@code b} have the same document (every field but rollout and device). */
  static boolean sameDocument(DeviceRolloutProgress a, DeviceRolloutProgress b) {
    return a.step() == b.step()
        && a.attempt() == b.attempt()
        && a.rev() == b.rev()
        && a.baseRev() == b.baseRev()
        && a.status() == b.status()
        && a.percent() == b.percent()
        && a.detour() == b.detour()
        && a.deviceStatus().equals(b.deviceStatus())
        && a.message().equals(b.message())
        && a.dueAt().equals(b.dueAt())
        && a.updatedAt().equals(b.updatedAt());
  }

  private static String encodeFields(DeviceRolloutProgress p) {
    return Json.write(g -> {
      g.writeNumberField("step", p.step());
      if (p.attempt() != 0) {
        g.writeNumberField("attempt", p.attempt());
      }
      if (p.rev() != -1) {
        g.writeNumberField("rev", p.rev());
      }
      if (p.baseRev() != -1) {
        g.writeNumberField("baseRev", p.baseRev());
      }
      g.writeStringField("status", p.status().name());
      if (!p.deviceStatus().isEmpty()) {
        g.writeStringField("deviceStatus", p.deviceStatus());
      }
      if (p.percent() != 0) {
        g.writeNumberField("percent", p.percent());
      }
      if (!p.message().isEmpty()) {
        g.writeStringField("message", p.message());
      }
      if (p.dueAt().isPresent()) {
        g.writeStringField("dueAt", p.dueAt().get().toString());
      }
      if (p.detour()) {
        g.writeBooleanField("detour", true);
      }
      g.writeStringField("updatedAt", p.updatedAt().toString());
    });
  }

  /** {@code key} is {@code rollout/deviceId}. */
  @Override
  DeviceRolloutProgress decode(String key, String doc) {
    int slash = key.lastIndexOf('/');
    return decode(key.substring(0, slash), DeviceId.parse(key.substring(slash + 1)), doc);
  }

  /**
   * A stored status name; {@code QUEUED}, the name of {@link DeviceStatus#WAITING} before it was renamed, is
   * read as {@code WAITING} so databases written by earlier versions stay readable.
   */
  static DeviceStatus status(String name) {
    return name.equals("QUEUED") ? DeviceStatus.WAITING : DeviceStatus.valueOf(name);
  }

  /**
   * Decodes with Jackson's streaming parser, without building a tree: the changes feed reads a
   * record per device it reports, a million for a 1,000,000-device step. Unknown fields are skipped
   * (a newer writer's); a missing {@code status} or {@code updatedAt} is an error naming the record.
   */
  DeviceRolloutProgress decode(String rollout, DeviceId device, String doc) {
    int step = 0;
    int attempt = 0;
    int rev = -1;
    int baseRev = -1;
    String status = null;
    String deviceStatus = "";
    int percent = 0;
    String message = "";
    String dueAt = null;
    boolean detour = false;
    String updatedAt = null;
    try (JsonParser jp = Json.MAPPER.getFactory().createParser(doc)) {
      if (jp.nextToken() != JsonToken.START_OBJECT) {
        throw new JsonParseException(jp, "a record is a JSON object");
      }
      while (jp.nextToken() == JsonToken.FIELD_NAME) {
        String f = jp.currentName();
        JsonToken t = jp.nextToken();
        if (t == JsonToken.VALUE_NULL) {
          continue;
        }
        switch (f) {
          case "step" -> step = jp.getValueAsInt();
          case "attempt" -> attempt = jp.getValueAsInt();
          case "rev" -> rev = jp.getValueAsInt(-1);
          case "baseRev" -> baseRev = jp.getValueAsInt(-1);
          case "status" -> status = jp.getValueAsString();
          case "deviceStatus" -> deviceStatus = jp.getValueAsString("");
          case "percent" -> percent = jp.getValueAsInt();
          case "message" -> message = jp.getValueAsString("");
          case "dueAt" -> dueAt = jp.getValueAsString();
          case "detour" -> detour = jp.getValueAsBoolean();
          case "updatedAt" -> updatedAt = jp.getValueAsString();
          default -> jp.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new FleetException(
          "Stored " + kind + " '" + rollout + "/" + device + "' is not valid JSON: "
              + e.getMessage(),
          e);
    }
    if (status == null || updatedAt == null) {
      throw new FleetException("Stored " + kind + " '" + rollout + "/" + device + "' has no '"
          + (status == null ? "status" : "updatedAt") + "'");
    }
    return DeviceRolloutProgress.builder(rollout, device, step, Json.parseInstant(updatedAt))
        .attempt(attempt)
        .rev(rev)
        .baseRev(baseRev)
        .status(status(status))
        .reported(deviceStatus, percent, message)
        .dueAt(dueAt == null ? null : Json.parseInstant(dueAt))
        .detour(detour)
        .build();
  }
}
