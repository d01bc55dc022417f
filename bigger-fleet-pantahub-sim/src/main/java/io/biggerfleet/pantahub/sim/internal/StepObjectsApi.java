package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.biggerfleet.pantahub.sim.internal.Router.Auth;

/** {@code /trails/{id}/steps/{rev}/objects}: the objects of a step with signed URLs. Not API. */
final class StepObjectsApi {
  private static final String S = TrailsApi.S;
  private final Hub hub;
  private final ObjectsApi objects;
  private final TrailAccess access;

  StepObjectsApi(Hub hub, ObjectsApi objects) {
    this.hub = hub;
    this.objects = objects;
    this.access = new TrailAccess(hub);
  }

  void routes(Router r) {
    r.add("GET", S + "/objects", Auth.REQUIRED, TrailsApi.READ, this::stepObjects);
    r.add("POST", S + "/objects", Auth.REQUIRED, TrailsApi.WRITE, req -> {
      synchronized (hub) {
        return objects.create(req, access.writableTrail(req).owner);
      }
    });
    r.add("GET", S + "/objects/([^/]+)", Auth.REQUIRED, TrailsApi.READ, this::stepObject);
    r.add("GET", S + "/objects/([^/]+)/blob", Auth.REQUIRED, TrailsApi.READ, this::stepObjectBlob);
  }

  private Response stepObjects(Request req) {
    ArrayNode out = Json.array();
    synchronized (hub) {
      TrailRec t = access.readableTrail(req);
      StepRec s = t.step(TrailAccess.rev(req));
      if (s == null) {
        throw HubException.rest(500, "step not found");
      }
      Json.fromStored(s.state).properties().forEach(e -> {
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
    TrailRec t = access.readableTrail(req);
    StepRec s = t.step(TrailAccess.rev(req));
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
      return Response.redirect(
          302, objects.signedUrl(o, "get", hub.clock.instant().getEpochSecond()));
    }
  }
}
