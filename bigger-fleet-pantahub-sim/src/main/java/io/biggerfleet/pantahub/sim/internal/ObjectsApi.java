package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biggerfleet.pantahub.sim.internal.Router.Auth;
import java.time.Duration;
import java.util.Set;

/** {@code /objects} and the signed {@code /local-s3} URLs. Not API. */
final class ObjectsApi {
  static final Set<String> READ = Set.of("all", "objects", "objects.readonly");
  static final Set<String> WRITE = Set.of("all", "objects", "objects.write");
  private static final Duration URL_VALIDITY = Duration.ofHours(24);
  private final Hub hub;

  ObjectsApi(Hub hub) {
    this.hub = hub;
  }

  void routes(Router r) {
    r.add("POST", "/objects/", Auth.REQUIRED, WRITE, req -> create(req, req.caller.ownerPrn()));
    r.add("GET", "/objects/", Auth.REQUIRED, READ, this::list);
    r.notImplemented("PUT", "/objects/([^/]+)");
    r.notImplemented("DELETE", "/objects/([^/]+)");
    r.add("GET", "/objects/([^/]+)", Auth.REQUIRED, READ, this::get);
    r.add("GET", "/objects/([^/]+)/blob", Auth.REQUIRED, READ, this::blob);
    r.add("PUT", "/local-s3/([^/]+)", Auth.NONE, null, this::upload);
    r.add("GET", "/local-s3/([^/]+)", Auth.NONE, null, this::download);
  }

  /** POST /objects/ semantics for {@code owner} (also used by the step objects endpoint). */
  Response create(Request req, String owner) {
    JsonNode body = req.json();
    if (body == null || !body.isObject()) {
      throw HubException.rest(400, "cannot decode object");
    }
    String sha = body.path("sha256sum").asText("");
    if (sha.isEmpty()) {
      throw HubException.rest(400, "sha256sum missing");
    }
    String id = body.path("id").asText("");
    if (!id.isEmpty() && !id.equals(sha)) {
      throw HubException.rest(400, "id does not match sha256sum");
    }
    if (!Ids.isSha(sha)) {
      throw HubException.rest(400, "sha256sum is not a sha256 hex");
    }
    synchronized (hub) {
      ObjectRec o = hub.object(owner, sha);
      if (o != null && o.data != null) {
        return Response.json(409, withAccess(o, o.objectName, true))
            .header("Pantahub-Object-Type", "object");
      }
      if (o == null) {
        o = new ObjectRec(sha, owner, hub.stamp());
        hub.objects.put(o.storageId, o);
      }
      o.objectName = body.path("objectname").asText("");
      o.size = body.path("size").asText("0");
      try {
        o.sizeInt = Long.parseLong(o.size);
      } catch (NumberFormatException e) {
        o.sizeInt = 0;
      }
      o.mimeType = body.path("mime-type").asText("");
      o.modified = hub.stamp();
      return Response.json(withAccess(o, o.objectName, true));
    }
  }

  /** The object with signed URLs; {@code name} is the objectname shown (the state key for steps). */
  ObjectNode withAccess(ObjectRec o, String name, boolean owner) {
    ObjectNode n = Views.object(o);
    n.put("objectname", name);
    long now = hub.clock.instant().getEpochSecond();
    n.put("signed-puturl", owner ? signedUrl(o, "put", now) : "");
    n.put("signed-geturl", signedUrl(o, "get", now));
    n.put("now", Long.toString(now));
    n.put("expire-time", "15");
    return n;
  }

  String signedUrl(ObjectRec o, String method, long now) {
    ObjectNode c = Json.object();
    c.put("sid", o.storageId);
    c.put("m", method);
    c.put("exp", now + URL_VALIDITY.toSeconds());
    return hub.base() + "/local-s3/" + hub.jwt().signHs(c);
  }

  private Response list(Request req) {
    ArrayNode out = Json.array();
    synchronized (hub) {
      String owner = req.caller.ownerPrn();
      hub.objects.values().stream()
          .filter(o -> o.owner.equals(owner))
          .forEach(o -> out.add(Views.object(o)));
    }
    return Response.json(out);
  }

  private ObjectRec owned(Request req) {
    ObjectRec o = hub.object(req.caller.ownerPrn(), req.group(1));
    if (o == null) {
      throw HubException.rest(403, "object not found");
    }
    return o;
  }

  private Response get(Request req) {
    synchronized (hub) {
      ObjectRec o = owned(req);
      return Response.json(withAccess(o, o.objectName, true));
    }
  }

  private Response blob(Request req) {
    synchronized (hub) {
      ObjectRec o = owned(req);
      return Response.redirect(302, signedUrl(o, "get", hub.clock.instant().getEpochSecond()));
    }
  }

  private ObjectRec signed(Request req, String method) {
    ObjectNode c = hub.jwt().verifyHs(req.group(1));
    if (c == null
        || !method.equals(c.path("m").asText())
        || c.path("exp").asLong() <= hub.clock.instant().getEpochSecond()) {
      throw HubException.rest(403, "bad or expired signed url");
    }
    ObjectRec o = hub.objects.get(c.path("sid").asText());
    if (o == null) {
      throw HubException.rest(404, "object not found");
    }
    return o;
  }

  private Response upload(Request req) {
    if (req.header("Content-Length") == null) {
      throw HubException.rest(411, "Content-Length required");
    }
    String sha = Ids.sha256Hex(req.body());
    synchronized (hub) {
      ObjectRec o = signed(req, "put");
      if (!sha.equals(o.sha)) {
        throw HubException.rest(400, "sha256 of the uploaded data does not match the object");
      }
      o.data = req.body();
      o.sizeInt = o.data.length;
      o.size = Long.toString(o.data.length);
      o.modified = hub.stamp();
      return Response.empty();
    }
  }

  private Response download(Request req) {
    synchronized (hub) {
      ObjectRec o = signed(req, "get");
      if (o.data == null) {
        throw HubException.rest(404, "object not uploaded");
      }
      return Response.bytes(o.data, "application/octet-stream")
          .header("Content-Disposition", "attachment; filename=\"" + o.objectName + "\"");
    }
  }
}
