package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biggerfleet.pantahub.sim.internal.Router.Auth;
import java.time.Instant;
import java.util.Set;

/** {@code /trails}: trails, summaries and {@code .pvrremote}. Not API. */
final class TrailsApi {
  static final Set<String> READ = Set.of("all", "trails", "trails.readonly");
  static final Set<String> WRITE = Set.of("all", "trails", "trails.write");
  static final String T = "/trails/([^/]+)";
  static final String S = T + "/steps/([^/]+)";
  private final Hub hub;
  private final TrailAccess access;

  TrailsApi(Hub hub) {
    this.hub = hub;
    this.access = new TrailAccess(hub);
  }

  void routes(Router r) {
    r.add("GET", "/trails/", Auth.REQUIRED, READ, this::list);
    r.add("POST", "/trails/", Auth.REQUIRED, WRITE, this::create);
    r.add("GET", "/trails/summary", Auth.REQUIRED, READ, this::summaries);
    r.add("GET", T, Auth.OPTIONAL, READ, this::trail);
    r.add("GET", T + "/summary", Auth.REQUIRED, READ, this::summary);
    r.add("GET", T + "/\\.pvrremote", Auth.REQUIRED, READ, req -> pvrremote(req, -1));
    r.add(
        "GET",
        S + "/\\.pvrremote",
        Auth.REQUIRED,
        READ,
        req -> pvrremote(req, TrailAccess.rev(req)));
  }

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
      StateRules.validate(hub, c.ownerPrn(), stored);
      TrailRec t = hub.createTrail(d, stored);
      return Response.canonical(Views.trail(t, true));
    }
  }

  private Response trail(Request req) {
    synchronized (hub) {
      return Response.canonical(Views.trail(access.readableTrail(req), true));
    }
  }

  private Response summaries(Request req) {
    Claims c = req.caller;
    if (!c.isUserOrSession()) {
      throw HubException.rest(403, "users only");
    }
    JsonNode filter = null;
    if (req.param("filter") != null) {
      filter =
          Json.parseOrNull(req.param("filter").getBytes(java.nio.charset.StandardCharsets.UTF_8));
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
    row.properties().forEach(e -> n.set(e.getKey().replace('-', '_'), e.getValue()));
    return n;
  }

  private Response summary(Request req) {
    synchronized (hub) {
      TrailRec t = hub.trails.get(req.group(1));
      DeviceRec d = t == null ? null : hub.devices.get(t.id);
      if (d == null || !req.caller.isUserOrSession() || !(hub.owns(req.caller, d) || d.isPublic)) {
        throw HubException.rest(403, "summary not found");
      }
      return Response.canonical(
          hub.summaries.row(hub, d, t, hub.clock.instant(), hub.owns(req.caller, d)));
    }
  }

  private Response pvrremote(Request req, int rev) {
    synchronized (hub) {
      TrailRec t = access.readableTrail(req);
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
}
