package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biggerfleet.pantahub.sim.internal.Router.Auth;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** {@code /trails}: trails, steps, progress, cancel/wontgo, summaries, pvrremote, step objects. Not API. */
final class TrailsApi {
  static final Set<String> READ = Set.of("all", "trails", "trails.readonly");
  static final Set<String> WRITE = Set.of("all", "trails", "trails.write");
  private static final Set<String> SPECS = Set.of("pantavisor-service-system@1", "pantavisor-multi-platform@1",
      "pantavisor-service-embed@1");
  private static final String T = "/trails/([^/]+)";
  private static final String S = T + "/steps/([^/]+)";
  private final Hub hub;
  private final ObjectsApi objects;

  TrailsApi(Hub hub, ObjectsApi objects) {
    this.hub = hub;
    this.objects = objects;
  }

  void routes(Router r) {
    r.add("GET", "/trails/", Auth.REQUIRED, READ, this::list);
    r.add("POST", "/trails/", Auth.REQUIRED, WRITE, this::create);
    r.add("GET", "/trails/summary", Auth.REQUIRED, READ, this::summaries);
    r.add("GET", T, Auth.OPTIONAL, READ, this::trail);
    r.add("GET", T + "/summary", Auth.REQUIRED, READ, this::summary);
    r.add("GET", T + "/\\.pvrremote", Auth.REQUIRED, READ, req -> pvrremote(req, -1));
    r.add("GET", T + "/steps", Auth.OPTIONAL, READ, this::steps);
    r.add("POST", T + "/steps", Auth.REQUIRED, WRITE, this::post);
    r.add("GET", S, Auth.OPTIONAL, READ, this::step);
    r.add("GET", S + "/state", Auth.OPTIONAL, READ, req -> Response.canonical(Json.fromStored(readStep(req).state)));
    r.add("PUT", S + "/state", Auth.REQUIRED, WRITE, this::putState);
    r.add("GET", S + "/meta", Auth.OPTIONAL, READ, req -> Response.canonical(Json.fromStored(readStep(req).meta)));
    r.add("PUT", S + "/meta", Auth.REQUIRED, WRITE, this::putMeta);
    r.add("PUT", S + "/progress", Auth.REQUIRED, WRITE, this::progress);
    r.add("PUT", S + "/cancel", Auth.REQUIRED, WRITE, req -> ownerMark(req, "NEW", "CANCEL",
        "Cancel as requested by owner"));
    r.add("PUT", S + "/wontgo", Auth.REQUIRED, WRITE, req -> ownerMark(req, "INPROGRESS", "WONTGO",
        "Mark as WONTGO as requested by owner"));
    r.add("GET", S + "/\\.pvrremote", Auth.REQUIRED, READ, req -> pvrremote(req, rev(req)));
    r.add("GET", S + "/objects", Auth.REQUIRED, READ, this::stepObjects);
    r.add("POST", S + "/objects", Auth.REQUIRED, WRITE, req -> {
      synchronized (hub) {
        return objects.create(req, writableTrail(req).owner);
      }
    });
    r.add("GET", S + "/objects/([^/]+)", Auth.REQUIRED, READ, this::stepObject);
    r.add("GET", S + "/objects/([^/]+)/blob", Auth.REQUIRED, READ, this::stepObjectBlob);
  }

  // ---- access ----

  /** The trail of path group 1; unknown or non-hex ids are 500 like the real hub. */
  private TrailRec trailOf(Request req) {
    TrailRec t = hub.trails.get(req.group(1));
    if (t == null) {
      throw HubException.rest(500, "No resource access possible");
    }
    return t;
  }

  private boolean canRead(Claims c, TrailRec t) {
    DeviceRec d = hub.devices.get(t.id);
    return d != null && (hub.owns(c, d) || d.isPublic);
  }

  private TrailRec readableTrail(Request req) {
    TrailRec t = trailOf(req);
    if (!canRead(req.caller, t)) {
      throw HubException.rest(403, "no access");
    }
    return t;
  }

  /** Trail writable by a USER/SESSION owner or a DEVICE of the same owner. */
  private TrailRec writableTrail(Request req) {
    TrailRec t = trailOf(req);
    Claims c = req.caller;
    DeviceRec d = hub.devices.get(t.id);
    boolean ok = c.isDevice() ? c.ownerPrn().equals(t.owner) : c.isUserOrSession() && d != null && hub.owns(c, d);
    if (!ok) {
      throw HubException.rest(403, "not the trail owner");
    }
    return t;
  }

  private static int rev(Request req) {
    try {
      return Integer.parseInt(req.group(2));
    } catch (NumberFormatException e) {
      throw HubException.rest(500, "bad rev");
    }
  }

  private StepRec readStep(Request req) {
    synchronized (hub) {
      TrailRec t = readableTrail(req);
      StepRec s = t.step(rev(req));
      if (s == null) {
        throw HubException.rest(500, "step not found");
      }
      return s;
    }
  }

  // ---- trails ----

  private Response list(Request req) {
    ArrayNode out = Json.array();
    synchronized (hub) {
      for (TrailRec t : hub.trails.values()) {
        DeviceRec d = hub.devices.get(t.id);
        if (d != null && hub.owns(req.caller, d)) {
          out.add(Views.trail(t, true));
        }
      }
    }
    return Response.canonical(out);
  }

  private Response create(Request req) {
    Claims c = req.caller;
    if (!c.isDevice()) {
      throw HubException.rest(403, "only devices create trails");
    }
    JsonNode body = req.json();
    if (body == null || !body.isObject()) {
      throw HubException.rest(500, "bad factory state");
    }
    synchronized (hub) {
      DeviceRec d = hub.devices.get(c.deviceId());
      if (d == null || hub.trails.containsKey(d.id)) {
        throw HubException.rest(500, "trail exists or device unknown");
      }
      ObjectNode stored = Json.toStored(body);
      validateState(c.ownerPrn(), stored);
      TrailRec t = hub.createTrail(d, stored);
      return Response.canonical(Views.trail(t, true));
    }
  }

  private Response trail(Request req) {
    synchronized (hub) {
      return Response.canonical(Views.trail(readableTrail(req), true));
    }
  }

  private Response summaries(Request req) {
    Claims c = req.caller;
    if (!c.isUserOrSession()) {
      throw HubException.rest(403, "users only");
    }
    JsonNode filter = null;
    if (req.param("filter") != null) {
      filter = Json.parseOrNull(req.param("filter").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      if (filter == null || !filter.isObject()) {
        throw HubException.rest(400, "bad filter");
      }
    }
    ArrayNode out = Json.array();
    synchronized (hub) {
      Instant now = hub.clock.instant();
      for (DeviceRec d : hub.devices.values()) {
        TrailRec t = hub.trails.get(d.id);
        if (t != null && hub.owns(c, d)) {
          ObjectNode row = hub.summaries.row(hub, d, t, now, true);
          if (filter == null || MongoFilter.matchesDocument(filter, storedNames(row))) {
            out.add(row);
          }
        }
      }
    }
    return Response.canonical(out);
  }

  private static ObjectNode storedNames(ObjectNode row) {
    ObjectNode n = Json.object();
    row.fields().forEachRemaining(e -> n.set(e.getKey().replace('-', '_'), e.getValue()));
    return n;
  }

  private Response summary(Request req) {
    synchronized (hub) {
      TrailRec t = hub.trails.get(req.group(1));
      DeviceRec d = t == null ? null : hub.devices.get(t.id);
      if (d == null || !req.caller.isUserOrSession() || !(hub.owns(req.caller, d) || d.isPublic)) {
        throw HubException.rest(403, "summary not found");
      }
      return Response.canonical(hub.summaries.row(hub, d, t, hub.clock.instant(), hub.owns(req.caller, d)));
    }
  }

  private Response pvrremote(Request req, int rev) {
    synchronized (hub) {
      TrailRec t = readableTrail(req);
      int r = rev < 0 ? t.latest().rev : rev;
      String trail = hub.base() + "/trails/" + t.id;
      ObjectNode n = Json.object();
      n.put("pvr-spec", "pvr-pantahub-1");
      n.put("json-key", "state");
      n.put("json-get-url", trail + "/steps/" + r + "/state");
      n.put("objects-endpoint", trail + "/steps/" + r + "/objects");
      n.put("post-url", trail + "/steps");
      n.putArray("post-fields").add("commit-msg");
      n.putArray("post-fields-opt").add("rev");
      n.put("step-get-url", trail + "/steps/" + r);
      return Response.canonical(n);
    }
  }

  // ---- steps ----

  private Response steps(Request req) {
    String statusParam = req.param("progress.status");
    JsonNode statusSpec = null;
    if (statusParam != null) {
      JsonNode parsed = Json.parseOrNull(statusParam.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      statusSpec = parsed != null && parsed.isObject() ? parsed : Json.F.textNode(statusParam);
    }
    int limit = intParam(req, "page[size]", -1);
    int offset = intParam(req, "page[offset]", 0);
    boolean afterBefore = req.param("page[after]") != null || req.param("page[before]") != null;
    ArrayNode out = Json.array();
    synchronized (hub) {
      TrailRec t = trailOf(req);
      Claims c = req.caller;
      DeviceRec d = hub.devices.get(t.id);
      boolean owner = d != null && hub.owns(c, d);
      if (!owner && (d == null || !d.isPublic)) {
        return Response.canonical(out);
      }
      boolean deviceView = c == null || c.isDevice() || !owner;
      if (statusSpec == null) {
        statusSpec = deviceView ? Json.F.textNode("NEW") : Json.object().put("$ne", "DONE");
        if (c != null && c.isDevice() && limit < 0) {
          limit = 1;
        }
      }
      if (afterBefore) {
        return Response.canonical(out); // filters on a field steps do not have
      }
      Projection projection = Projection.parse(req.param("fields"));
      int skipped = 0;
      for (StepRec s : t.steps) {
        if (!MongoFilter.test(statusSpec, s.progress.get("status"))) {
          continue;
        }
        if (skipped++ < offset) {
          continue;
        }
        if (limit >= 0 && out.size() >= limit) {
          break;
        }
        out.add(projection.apply(Views.step(s, true)));
      }
    }
    return Response.canonical(out);
  }

  private static int intParam(Request req, String name, int dflt) {
    String v = req.param(name);
    if (v == null) {
      return dflt;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return dflt;
    }
  }

  private Response step(Request req) {
    Projection projection = Projection.parse(req.param("fields"));
    synchronized (hub) {
      return Response.canonical(projection.apply(Views.step(readStep(req), true)));
    }
  }

  private Response post(Request req) {
    JsonNode body = req.json();
    if (body == null || !body.isObject()) {
      throw HubException.rest(400, "cannot decode step");
    }
    synchronized (hub) {
      TrailRec t = writableTrail(req);
      int latest = t.latest().rev;
      int rev = body.path("rev").asInt(0);
      if (rev == -1) {
        rev = latest + 1;
      }
      if (rev != latest + 1) {
        throw HubException.rest(500, "rev " + rev + " is not latest+1 (" + (latest + 1) + ")");
      }
      JsonNode state = body.get("state");
      if (state == null || !state.isObject()) {
        throw HubException.rest(500, "state must be an object");
      }
      ObjectNode stored = Json.toStored(state);
      validateState(t.owner, stored);
      StepRec s = new StepRec(t, rev, hub.stamp());
      s.committer = body.path("committer").asText("");
      s.commitMsg = body.path("commit-msg").asText("");
      s.state = stored;
      s.stateSha = Hub.stateSha(stored);
      s.progress = Views.progress("NEW", 0, "", "");
      s.stepTime = s.created;
      s.progressTime = Instant.EPOCH;
      s.meta = body.path("meta").isObject() ? Json.toStored(body.get("meta")) : Json.object();
      s.usedObjects = hub.usedObjects(t.owner, stored);
      t.steps.add(s);
      hub.stepChanges.put(s.modified, s);
      hub.touchTrail(t);
      DeviceRec d = hub.devices.get(t.id);
      if (d != null) {
        hub.onNewStep.accept(d);
      }
      return Response.canonical(Views.step(s, true));
    }
  }

  /** The real hub's state rules: {@code #spec}, inline {@code .json} values, owned uploaded objects. */
  void validateState(String owner, ObjectNode stored) {
    if (stored.isEmpty()) {
      return;
    }
    JsonNode spec = stored.get("#spec");
    if (spec == null || !SPECS.contains(spec.asText())) {
      throw HubException.rest(500, "state #spec missing or unsupported");
    }
    Iterator<Map.Entry<String, JsonNode>> it = stored.fields();
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

  private Response putState(Request req) {
    JsonNode body = req.json();
    synchronized (hub) {
      TrailRec t = writableTrail(req);
      if (!req.caller.isUserOrSession()) {
        throw HubException.rest(403, "users only");
      }
      StepRec s = t.step(rev(req));
      if (s == null || !"NEW".equals(s.status()) || body == null || !body.isObject()) {
        throw HubException.rest(500, "step not NEW or not found");
      }
      ObjectNode stored = Json.toStored(body);
      validateState(t.owner, stored);
      s.state = stored;
      s.stateSha = Hub.stateSha(stored);
      s.stepTime = hub.stamp();
      s.usedObjects = hub.usedObjects(t.owner, stored);
      hub.touchStep(s);
      return Response.canonical(body);
    }
  }

  private Response putMeta(Request req) {
    JsonNode body = req.json();
    synchronized (hub) {
      TrailRec t = writableTrail(req);
      if (!req.caller.isUserOrSession()) {
        throw HubException.rest(403, "users only");
      }
      StepRec s = t.step(rev(req));
      if (s == null || body == null || !body.isObject()) {
        throw HubException.rest(500, "step not found or bad meta");
      }
      s.meta = Json.toStored(body);
      hub.touchStep(s);
      return Response.canonical(body);
    }
  }

  private Response progress(Request req) {
    Claims c = req.caller;
    if (!c.isDevice()) {
      throw HubException.rest(403, "devices only");
    }
    JsonNode body = req.json();
    if (body == null || !body.isObject()) {
      throw HubException.rest(400, "cannot decode progress");
    }
    synchronized (hub) {
      TrailRec t = hub.trails.get(req.group(1));
      StepRec s = t == null || !t.id.equals(c.deviceId()) ? null : t.step(rev(req));
      if (s == null) {
        throw HubException.restWithMsg(400, "Error updating trail: not found");
      }
      ObjectNode p = Views.decodeProgress((ObjectNode) body);
      setProgress(hub, s, p);
      return Response.canonical(p);
    }
  }

  /** Replaces a step's progress wholesale and bumps the times (caller holds the hub lock). */
  static void setProgress(Hub hub, StepRec s, ObjectNode p) {
    s.progress = p;
    s.progressTime = hub.stamp();
    hub.touchStep(s);
    hub.touchTrail(s.trail);
  }

  private Response ownerMark(Request req, String from, String to, String msg) {
    if (!"USER".equals(req.caller.type())) {
      throw HubException.rest(403, "only USER tokens may do this");
    }
    synchronized (hub) {
      TrailRec t = writableTrail(req);
      StepRec s = t.step(rev(req));
      if (s == null || !from.equals(s.status())) {
        throw HubException.rest(400, "step is not " + from);
      }
      ObjectNode p = Views.progress(to, 100, msg, "");
      setProgress(hub, s, p);
      return Response.canonical(p);
    }
  }

  // ---- step objects ----

  private Response stepObjects(Request req) {
    ArrayNode out = Json.array();
    synchronized (hub) {
      TrailRec t = readableTrail(req);
      StepRec s = t.step(rev(req));
      if (s == null) {
        throw HubException.rest(500, "step not found");
      }
      Json.fromStored(s.state).fields().forEachRemaining(e -> {
        if (e.getValue().isTextual() && Ids.isSha(e.getValue().textValue())) {
          ObjectRec o = hub.object(t.owner, e.getValue().textValue());
          if (o != null) {
            out.add(objects.withAccess(o, e.getKey(), hub.owns(req.caller, hub.devices.get(t.id))));
          }
        }
      });
    }
    return Response.json(out);
  }

  private ObjectRec stepObjectOf(Request req) {
    TrailRec t = readableTrail(req);
    StepRec s = t.step(rev(req));
    String sha = req.group(3);
    if (s == null) {
      throw HubException.rest(500, "step not found");
    }
    ObjectRec o = hub.object(t.owner, sha);
    if (o == null) {
      throw HubException.rest(404, "object not in step");
    }
    return o;
  }

  private Response stepObject(Request req) {
    synchronized (hub) {
      ObjectRec o = stepObjectOf(req);
      return Response.json(objects.withAccess(o, o.objectName, true));
    }
  }

  private Response stepObjectBlob(Request req) {
    synchronized (hub) {
      ObjectRec o = stepObjectOf(req);
      return Response.redirect(302, objects.signedUrl(o, "get", hub.clock.instant().getEpochSecond()));
    }
  }
}
