package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biggerfleet.pantahub.sim.internal.Router.Auth;
import java.time.Instant;

/**
 * {@code /trails/{id}/steps}: list with the default filters and {@code progress.status} override, post
 * with the rev rules, state and meta, device progress, owner cancel/wontgo. Not API.
 */
final class StepsApi {
  private static final String T = TrailsApi.T;
  private static final String S = TrailsApi.S;
  private static final java.util.Set<String> READ = TrailsApi.READ;
  private static final java.util.Set<String> WRITE = TrailsApi.WRITE;
  private final Hub hub;
  private final TrailAccess access;

  StepsApi(Hub hub) {
    this.hub = hub;
    this.access = new TrailAccess(hub);
  }

  void routes(Router r) {
    r.add("GET", T + "/steps", Auth.OPTIONAL, READ, this::steps);
    r.add("POST", T + "/steps", Auth.REQUIRED, WRITE, this::post);
    r.add("GET", S, Auth.OPTIONAL, READ, this::step);
    r.add(
        "GET",
        S + "/state",
        Auth.OPTIONAL,
        READ,
        req -> Response.canonical(Json.fromStored(access.readStep(req).state)));
    r.add("PUT", S + "/state", Auth.REQUIRED, WRITE, this::putState);
    r.add(
        "GET",
        S + "/meta",
        Auth.OPTIONAL,
        READ,
        req -> Response.canonical(Json.fromStored(access.readStep(req).meta)));
    r.add("PUT", S + "/meta", Auth.REQUIRED, WRITE, this::putMeta);
    r.add("PUT", S + "/progress", Auth.REQUIRED, WRITE, this::progress);
    r.add(
        "PUT",
        S + "/cancel",
        Auth.REQUIRED,
        WRITE,
        req -> ownerMark(req, "NEW", "CANCEL", "Cancel as requested by owner"));
    r.add(
        "PUT",
        S + "/wontgo",
        Auth.REQUIRED,
        WRITE,
        req -> ownerMark(req, "INPROGRESS", "WONTGO", "Mark as WONTGO as requested by owner"));
  }

  private Response steps(Request req) {
    String statusParam = req.param("progress.status");
    JsonNode statusSpec = null;
    if (statusParam != null) {
      JsonNode parsed =
          Json.parseOrNull(statusParam.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      statusSpec = parsed != null && parsed.isObject() ? parsed : Json.F.textNode(statusParam);
    }
    int limit = intParam(req, "page[size]", -1);
    int offset = intParam(req, "page[offset]", 0);
    boolean afterBefore = req.param("page[after]") != null || req.param("page[before]") != null;
    ArrayNode out = Json.array();
    synchronized (hub) {
      TrailRec t = access.trailOf(req);
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
      return Response.canonical(projection.apply(Views.step(access.readStep(req), true)));
    }
  }

  private Response post(Request req) {
    JsonNode body = req.json();
    if (body == null || !body.isObject()) {
      throw HubException.rest(400, "cannot decode step");
    }
    // What depends only on the request (stored form, state-sha) is computed before taking the hub's
    // lock, so concurrent posts to different trails do not queue behind each other's hashing.
    JsonNode state = body.get("state");
    ObjectNode stored = state != null && state.isObject() ? Json.toStored(state) : null;
    String stateSha = stored == null ? null : Hub.stateSha(stored);
    synchronized (hub) {
      TrailRec t = access.writableTrail(req);
      int latest = t.latest().rev;
      int rev = body.path("rev").asInt(0);
      if (rev == -1) {
        rev = latest + 1;
      }
      if (rev != latest + 1) {
        throw HubException.rest(500, "rev " + rev + " is not latest+1 (" + (latest + 1) + ")");
      }
      if (stored == null) {
        throw HubException.rest(500, "state must be an object");
      }
      StateRules.validate(hub, t.owner, stored);
      StepRec s = new StepRec(t, rev, hub.stamp());
      s.committer = body.path("committer").asText("");
      s.commitMsg = body.path("commit-msg").asText("");
      s.state = stored;
      s.stateSha = stateSha;
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

  private Response putState(Request req) {
    JsonNode body = req.json();
    synchronized (hub) {
      TrailRec t = access.writableTrail(req);
      if (!req.caller.isUserOrSession()) {
        throw HubException.rest(403, "users only");
      }
      StepRec s = t.step(TrailAccess.rev(req));
      if (s == null || !"NEW".equals(s.status()) || body == null || !body.isObject()) {
        throw HubException.rest(500, "step not NEW or not found");
      }
      ObjectNode stored = Json.toStored(body);
      StateRules.validate(hub, t.owner, stored);
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
      TrailRec t = access.writableTrail(req);
      if (!req.caller.isUserOrSession()) {
        throw HubException.rest(403, "users only");
      }
      StepRec s = t.step(TrailAccess.rev(req));
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
      StepRec s = t == null || !t.id.equals(c.deviceId()) ? null : t.step(TrailAccess.rev(req));
      if (s == null) {
        throw HubException.rest(400, "Error updating trail: not found");
      }
      ObjectNode p = Views.decodeProgress((ObjectNode) body);
      hub.setProgress(s, p);
      return Response.canonical(p);
    }
  }

  private Response ownerMark(Request req, String from, String to, String msg) {
    if (!"USER".equals(req.caller.type())) {
      throw HubException.rest(403, "only USER tokens may do this");
    }
    synchronized (hub) {
      TrailRec t = access.writableTrail(req);
      StepRec s = t.step(TrailAccess.rev(req));
      if (s == null || !from.equals(s.status())) {
        throw HubException.rest(400, "step is not " + from);
      }
      ObjectNode p = Views.progress(to, 100, msg, "");
      hub.setProgress(s, p);
      return Response.canonical(p);
    }
  }
}
