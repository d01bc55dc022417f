package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biggerfleet.pantahub.sim.internal.Router.Auth;

/**
 * The simulator's admin endpoint (off unless the builder enables it; not part of the real hub's API):
 * {@code POST /sim/admin/devices/{id or nick}/{action}} with a JSON body ({@code {}} or
 * {@code {"message":"…"}}) steers a simulated device. Only from loopback addresses, and only with
 * {@code Content-Type: application/json} (so a web page cannot post to it without a CORS preflight,
 * which the simulator does not answer). Not API.
 */
final class AdminApi {
  private final Simulation simulation;

  AdminApi(Simulation simulation) {
    this.simulation = simulation;
  }

  void routes(Router r) {
    r.add("POST", "/sim/admin/devices/([^/]+)/([a-z]+)", Auth.NONE, null, this::steer);
  }

  private Response steer(Request req) {
    if (!req.loopback) {
      throw HubException.rest(403, "the admin endpoint answers loopback clients only");
    }
    String ct = req.header("Content-Type");
    if (ct == null || !ct.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw HubException.restWithMsg(415, "send Content-Type: application/json");
    }
    JsonNode body = req.hasBody() ? req.json() : Json.object();
    if (body == null || !body.isObject()) {
      throw HubException.restWithMsg(
          400, "the body must be a JSON object, e.g. {} or {\"message\":\"…\"}");
    }
    JsonNode m = body.get("message");
    String message = m == null || m.isNull() ? null : m.asText();
    Simulation.DeviceView v;
    try {
      v = simulation.steer(req.group(1), req.group(2), message);
    } catch (IllegalArgumentException e) {
      throw HubException.restWithMsg(
          e.getMessage().startsWith("no device") ? 404 : 400, e.getMessage());
    }
    ObjectNode out = Json.object();
    out.put("id", v.id());
    out.put("nick", v.nick());
    out.put("online", v.online());
    out.put("running-revision", v.revision());
    String order = simulation.pendingOrder(v.id());
    if (order != null) {
      out.put("pending-order", order);
    }
    return Response.json(out);
  }
}
