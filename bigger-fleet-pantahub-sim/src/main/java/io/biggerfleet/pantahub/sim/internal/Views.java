package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Builds the JSON shapes of the real hub from stored records. Call under the hub lock. Not API. */
final class Views {
  private Views() {}

  /** A StepProgress with empty downloads. */
  static ObjectNode progress(String status, int progress, String msg, String log) {
    ObjectNode p = Json.object();
    p.put("progress", progress);
    p.put("status", status);
    p.put("status-msg", msg);
    p.put("log", log);
    ObjectNode downloads = p.putObject("downloads");
    downloads.set("total", objectProgress(0, 0, 0, 0));
    downloads.putNull("objects");
    return p;
  }

  static ObjectNode objectProgress(long total, long start, long current, long downloaded) {
    ObjectNode o = Json.object();
    o.put("total_size", total);
    o.put("start_time", start);
    o.put("current_time", current);
    o.put("total_downloaded", downloaded);
    return o;
  }

  /** Normalises a device-sent progress body the way Go's decoding into StepProgress would. */
  static ObjectNode decodeProgress(ObjectNode body) {
    ObjectNode p = Json.object();
    p.put("progress", body.path("progress").asInt(0));
    p.put("status", body.path("status").asText(""));
    p.put("status-msg", body.path("status-msg").asText(""));
    p.put("log", body.path("log").asText(""));
    if (body.hasNonNull("data")) {
      p.set("data", body.get("data"));
    }
    ObjectNode downloads = p.putObject("downloads");
    ObjectNode total = body.path("downloads").path("total").isObject()
        ? objectProgressOf((ObjectNode) body.path("downloads").path("total"))
        : objectProgress(0, 0, 0, 0);
    downloads.set("total", total);
    if (body.path("downloads").path("objects").isArray()) {
      ArrayNode objs = downloads.putArray("objects");
      body.path("downloads").path("objects").forEach(o -> {
        if (o.isObject()) {
          objs.add(objectProgressOf((ObjectNode) o));
        }
      });
    } else {
      downloads.putNull("objects");
    }
    return p;
  }

  private static ObjectNode objectProgressOf(ObjectNode in) {
    ObjectNode o = Json.object();
    if (!in.path("object_name").asText("").isEmpty()) {
      o.put("object_name", in.get("object_name").asText());
    }
    if (!in.path("object_id").asText("").isEmpty()) {
      o.put("object_id", in.get("object_id").asText());
    }
    o.put("total_size", in.path("total_size").asLong(0));
    o.put("start_time", in.path("start_time").asLong(0));
    o.put("current_time", in.path("current_time").asLong(0));
    o.put("total_downloaded", in.path("total_downloaded").asLong(0));
    return o;
  }

  /** A device; {@code converted} turns stored meta keys back into dotted ones. */
  static ObjectNode device(DeviceRec d, boolean withSecret, boolean converted) {
    ObjectNode n = Json.object();
    n.put("id", d.id);
    n.put("prn", d.prn);
    n.put("nick", d.nick);
    n.put("owner", d.owner);
    if (withSecret && !d.secret.isEmpty()) {
      n.put("secret", d.secret);
    }
    if (withSecret && !d.challenge.isEmpty()) {
      n.put("challenge", d.challenge);
    }
    n.put("time-created", Json.time(d.created));
    n.put("time-modified", Json.time(d.modified));
    n.put("public", d.isPublic);
    n.set("user-meta", converted ? Json.fromStored(d.userMeta) : d.userMeta.deepCopy());
    n.set("device-meta", converted ? Json.fromStored(d.deviceMeta) : d.deviceMeta.deepCopy());
    n.put("garbage", d.garbage);
    n.put("mark_public_processed", false);
    return n;
  }

  static ObjectNode step(StepRec s, boolean converted) {
    ObjectNode n = Json.object();
    n.put("id", s.id());
    n.put("owner", s.trail.owner);
    n.put("device", s.trail.device);
    n.put("trail-id", s.trail.id);
    n.put("rev", s.rev);
    n.put("committer", s.committer);
    n.put("commit-msg", s.commitMsg);
    n.set("state", converted ? Json.fromStored(s.state) : s.state);
    n.put("state-sha", s.stateSha);
    n.set("progress", s.progress);
    n.put("step-time", Json.time(s.stepTime));
    n.put("progress-time", Json.time(s.progressTime));
    n.set("meta", converted ? Json.fromStored(s.meta) : s.meta);
    ArrayNode used = n.putArray("used_objects");
    s.usedObjects.forEach(used::add);
    n.put("mark_public_processed", false);
    n.put("garbage", false);
    n.put("time-created", Json.time(s.created));
    n.put("time-modified", Json.time(s.modified));
    return n;
  }

  static ObjectNode trail(TrailRec t, boolean converted) {
    ObjectNode n = Json.object();
    n.put("id", t.id);
    n.put("owner", t.owner);
    n.put("device", t.device);
    n.put("last-insync", Json.time(Json.ZERO_TIME));
    n.put("last-touched", Json.time(t.lastTouched));
    StepRec factory = t.steps.get(0);
    n.set("factory-state", converted ? Json.fromStored(factory.state) : factory.state);
    ArrayNode used = n.putArray("used_objects");
    factory.usedObjects.forEach(used::add);
    return n;
  }

  /** The summary row of a device (computed live; production feeds it asynchronously). */
  static ObjectNode summary(DeviceRec d, TrailRec t, Instant now, boolean owner) {
    StepRec latest = t.latest();
    StepRec reported = t.steps.get(0);
    for (StepRec s : t.steps) {
      if (!s.progressTime.isBefore(reported.progressTime) && !"NEW".equals(s.status())) {
        reported = s;
      }
    }
    Instant seen = d.offlineSince != null ? d.offlineSince : now;
    Instant timestamp = seen.isAfter(d.modified) ? seen : d.modified;
    ObjectNode n = Json.object();
    n.put("deviceid", d.id);
    n.put("device", d.prn);
    n.put("device-nick", d.nick);
    n.put("public", d.isPublic);
    n.put("revision", latest.rev);
    n.put("progress-revision", reported.rev);
    n.put("progress", reported.progress.path("progress").asInt());
    n.put("status", reported.status());
    n.put("status-msg", reported.progress.path("status-msg").asText(""));
    n.put("state-sha", reported.stateSha);
    n.put("timestamp", Json.time(timestamp));
    n.put("step-time", Json.time(latest.stepTime));
    n.put("progress-time", Json.time(reported.progressTime));
    n.put("trail-touched-time", Json.time(t.lastTouched));
    n.put("real-ip", owner ? "127.0.0.1" : "");
    n.put("fleet-group", "");
    n.put("fleet-model", "");
    n.put("fleet-location", "");
    n.put("fleet-rev", "");
    return n;
  }

  static ObjectNode object(ObjectRec o) {
    ObjectNode n = Json.object();
    n.put("id", o.sha);
    n.put("storage-id", o.storageId);
    n.put("owner", o.owner);
    n.put("objectname", o.objectName);
    n.put("sha256sum", o.sha);
    n.put("size", o.size);
    n.put("sizeint", o.sizeInt);
    n.put("mime-type", o.mimeType);
    n.put("time-created", Json.time(o.created));
    n.put("time-modified", Json.time(o.modified));
    return n;
  }
}
