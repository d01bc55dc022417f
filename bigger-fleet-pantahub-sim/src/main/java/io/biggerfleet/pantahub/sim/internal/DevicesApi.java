package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biggerfleet.pantahub.sim.internal.Router.Auth;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /devices}: list with query-as-filter, get, register, nick, meta, delete. Not API. */
final class DevicesApi {
  static final Set<String> READ = Set.of("all", "devices", "devices.readonly");
  static final Set<String> WRITE = Set.of("all", "devices", "devices.write");
  private static final String ID = "/devices/([^/]+)";
  private final Hub hub;

  DevicesApi(Hub hub) {
    this.hub = hub;
  }

  void routes(Router r) {
    r.add("GET", "/devices/", Auth.REQUIRED, READ, this::list);
    r.add("POST", "/devices/", Auth.OPTIONAL, WRITE, this::register);
    r.add("GET", ID, Auth.OPTIONAL, READ, this::get);
    r.add("PATCH", ID, Auth.REQUIRED, WRITE, this::patchNick);
    r.add("PUT", ID, Auth.REQUIRED, WRITE, this::claim);
    r.add("DELETE", ID, Auth.REQUIRED, WRITE, this::delete);
    r.add("GET", ID + "/user-meta", Auth.REQUIRED, READ, req -> meta(req, true));
    r.add("PUT", ID + "/user-meta", Auth.REQUIRED, WRITE, req -> writeMeta(req, true, false));
    r.add("PATCH", ID + "/user-meta", Auth.REQUIRED, WRITE, req -> writeMeta(req, true, true));
    r.add("PUT", ID + "/device-meta", Auth.REQUIRED, WRITE, req -> writeMeta(req, false, false));
    r.add("PATCH", ID + "/device-meta", Auth.REQUIRED, WRITE, req -> writeMeta(req, false, true));
  }

  private Response list(Request req) {
    Claims c = req.caller;
    ArrayNode out = Json.array();
    Map<String, Matcher> filters = filters(req.params());
    synchronized (hub) {
      String otherOwner = otherOwner(req);
      for (DeviceRec d : hub.devices.values()) {
        boolean mine = otherOwner == null && hub.owns(c, d);
        boolean othersPublic =
            otherOwner != null && d.owner.equals(otherOwner) && d.isPublic && !d.garbage;
        if ((mine || othersPublic) && matches(d, filters)) {
          ObjectNode n = Views.device(d, mine, true);
          if (!mine) {
            n.set("user-meta", Json.object());
            n.set("device-meta", Json.object());
          }
          out.add(n);
        }
      }
    }
    return Response.json(out);
  }

  private String otherOwner(Request req) {
    String owner = req.param("owner");
    if (owner != null) {
      if (!owner.startsWith("prn:")) {
        throw HubException.rest(403, "bad owner prn");
      }
      return owner;
    }
    String nick = req.param("owner-nick");
    if (nick != null) {
      UserRec u = hub.usersByLogin.get(nick);
      return u == null ? "" : u.prn;
    }
    return null;
  }

  /**
   * Every parameter but owner/owner-nick is a filter on the stored field (only its first value counts,
   * as Go's {@code v[0]}): {@code !v} not equal, {@code ^v} the Mongo regex {@code ^v} with option
   * {@code i} (the value is not escaped), else equality. A pattern Mongo would refuse → 403, like the
   * hub's answer to a failed query.
   */
  private static boolean matches(DeviceRec d, Map<String, Matcher> filters) {
    for (Map.Entry<String, Matcher> e : filters.entrySet()) {
      if (!e.getValue().test(field(d, e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** One compiled filter value. */
  private interface Matcher {
    boolean test(String actual);
  }

  private static Map<String, Matcher> filters(Map<String, List<String>> params) {
    Map<String, Matcher> out = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : params.entrySet()) {
      String key = e.getKey();
      if (key.equals("owner") || key.equals("owner-nick") || e.getValue().isEmpty()) {
        continue;
      }
      String want = e.getValue().get(0);
      if (want.startsWith("!")) {
        String not = want.substring(1);
        out.put(key, actual -> actual == null || !actual.equals(not));
      } else if (want.startsWith("^")) {
        com.google.re2j.Pattern p = MongoRegex.compileCaseInsensitive("^" + want.substring(1));
        out.put(key, actual -> actual != null && p.matcher(actual).find());
      } else {
        out.put(key, want::equals);
      }
    }
    return out;
  }

  private static String field(DeviceRec d, String key) {
    switch (key) {
      case "id":
      case "_id":
        return d.id;
      case "nick":
        return d.nick;
      case "prn":
        return d.prn;
      case "secret":
        return d.secret;
      case "challenge":
        return d.challenge;
      default:
        if (key.startsWith("user-meta.")) {
          return textOrNull(d.userMeta.get(key.substring("user-meta.".length())));
        }
        if (key.startsWith("device-meta.")) {
          return textOrNull(d.deviceMeta.get(key.substring("device-meta.".length())));
        }
        return null; // unknown or typed field: a string never matches it
    }
  }

  private static String textOrNull(JsonNode n) {
    return n != null && n.isTextual() ? n.textValue() : null;
  }

  private Response register(Request req) {
    if (req.header("User-Agent") == null || req.header("User-Agent").isEmpty()) {
      throw HubException.rest(403, "User-Agent header required");
    }
    JsonNode body = req.json();
    if (body == null || !body.isObject()) {
      throw HubException.rest(400, "cannot decode device");
    }
    synchronized (hub) {
      Claims c = req.caller;
      boolean byUser = c != null && c.isUserOrSession();
      if (c != null && !byUser) {
        throw HubException.rest(403, "only users or unauthenticated devices may register devices");
      }
      String nick = body.path("nick").asText("");
      String owner = byUser ? c.prn() : "";
      if (nick.isEmpty()) {
        nick = byUser
            ? Ids.petname("_")
            : "__unregistered__" + Ids.petname("_").replace("_", "") + "_" + Ids.secret(10);
      }
      if (!Ids.NICK.matcher(nick).matches()) {
        throw HubException.rest(400, "invalid nick");
      }
      if (hub.deviceByNick(owner, nick) != null) {
        throw HubException.restWithMsg(409, "device already exists");
      }
      String secret = body.path("secret").asText("");
      DeviceRec d = hub.addDevice(
          Ids.newObjectId(),
          nick,
          owner,
          secret.isEmpty() ? Ids.secret(15) : secret,
          objectOrEmpty(body.get("user-meta")),
          objectOrEmpty(body.get("device-meta")),
          null,
          -1);
      if (!byUser) {
        d.challenge = Ids.petname("-");
      }
      return Response.json(Views.device(d, true, true));
    }
  }

  private static ObjectNode objectOrEmpty(JsonNode n) {
    return n != null && n.isObject() ? (ObjectNode) n : Json.object();
  }

  /** Finds a device by hex id or by nick of the caller's owner; 400 for an unparsable nick, 404 if none. */
  private DeviceRec find(Request req, String idOrNick) {
    DeviceRec d = hub.devices.get(idOrNick);
    if (d == null && !Ids.isObjectId(idOrNick)) {
      if (!Ids.NICK.matcher(idOrNick).matches()) {
        throw HubException.rest(400, "invalid nick");
      }
      d = req.caller == null ? null : hub.deviceByNick(req.caller.ownerPrn(), idOrNick);
    }
    if (d == null || d.garbage) {
      throw HubException.rest(404, "device not found");
    }
    return d;
  }

  private Response get(Request req) {
    synchronized (hub) {
      DeviceRec d = find(req, req.group(1));
      boolean mine = hub.owns(req.caller, d);
      if (!mine && !d.isPublic) {
        throw HubException.rest(403, "no access");
      }
      ObjectNode n = Views.device(d, false, true);
      UserRec owner = hub.usersByPrn.get(d.owner);
      n.put("owner-nick", owner == null ? "" : owner.nick);
      return Response.json(n);
    }
  }

  private Response patchNick(Request req) {
    JsonNode body = req.json();
    synchronized (hub) {
      DeviceRec d = find(req, req.group(1));
      if (!hub.owns(req.caller, d)) {
        throw HubException.rest(403, "no access");
      }
      String nick = body == null ? "" : body.path("nick").asText("");
      if (!Ids.NICK.matcher(nick).matches()) {
        throw HubException.rest(400, "invalid nick");
      }
      DeviceRec other = hub.deviceByNick(d.owner, nick);
      if (other != null && other != d) {
        throw HubException.rest(403, "nick already in use");
      }
      hub.rename(d, nick);
      hub.touchDevice(d);
      return Response.json(Views.device(d, false, true));
    }
  }

  /** {@code PUT /devices/{id}?challenge=…}: a user claims a self-registered device. */
  private Response claim(Request req) {
    String challenge = req.param("challenge");
    if (challenge == null) {
      return Router.notFound(); // full device updates are not simulated: the router's 404
    }
    synchronized (hub) {
      DeviceRec d = hub.devices.get(req.group(1));
      if (d == null) {
        throw HubException.rest(404, "device not found");
      }
      if (!req.caller.isUserOrSession()
          || d.challenge.isEmpty()
          || !d.challenge.equals(challenge)) {
        throw HubException.rest(403, "wrong challenge");
      }
      String nick = d.nick.startsWith("__unregistered__") ? Ids.petname("_") : d.nick;
      hub.claim(d, req.caller.prn(), nick);
      return Response.json(Views.device(d, false, true));
    }
  }

  private Response delete(Request req) {
    String id = req.group(1);
    synchronized (hub) {
      DeviceRec d = hub.devices.get(id);
      if (d == null) {
        throw HubException.rest(500, "invalid device id");
      }
      if (hub.owns(req.caller, d) && !req.caller.isDevice()) {
        d.garbage = true;
        hub.touchDevice(d);
      }
      // Quirk: non-owners get 200 and the unchanged document (without secret here).
      return Response.json(Views.device(d, false, true));
    }
  }

  private Response meta(Request req, boolean user) {
    synchronized (hub) {
      DeviceRec d = find(req, req.group(1));
      if (!hub.owns(req.caller, d)) {
        throw HubException.rest(403, "no access");
      }
      return Response.json(Json.fromStored(user ? d.userMeta : d.deviceMeta));
    }
  }

  private Response writeMeta(Request req, boolean user, boolean merge) {
    JsonNode body = req.json();
    if (body == null || !body.isObject()) {
      throw HubException.rest(400, "body must be a JSON object");
    }
    synchronized (hub) {
      if (!merge && user && !Ids.isObjectId(req.group(1))) {
        throw HubException.rest(400, "PUT user-meta needs a hex device id");
      }
      DeviceRec d = find(req, req.group(1));
      Claims c = req.caller;
      boolean allowed = user ? hub.owns(c, d) : c.isDevice() && d.id.equals(c.deviceId());
      if (!allowed) {
        throw HubException.rest(403, "no access");
      }
      ObjectNode stored = Json.toStored(body);
      ObjectNode target;
      if (merge) {
        target = (user ? d.userMeta : d.deviceMeta).deepCopy();
        Iterator<Map.Entry<String, JsonNode>> it = stored.properties().iterator();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          if (!user && e.getValue().isNull()) {
            target.remove(e.getKey());
          } else {
            target.set(e.getKey(), e.getValue());
          }
        }
      } else {
        target = stored;
      }
      if (user) {
        d.userMeta = target;
      } else {
        d.deviceMeta = target;
      }
      hub.touchDevice(d);
      return user ? Response.json(body) : Response.json(Json.object().put("status", "ok"));
    }
  }
}
