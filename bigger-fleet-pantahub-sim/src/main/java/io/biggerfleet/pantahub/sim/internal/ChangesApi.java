package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biggerfleet.pantahub.sim.internal.Router.Auth;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.Function;

/** {@code /changes/steps|devices|trails}: the time-ordered feeds, with the stored (unconverted) maps. Not API. */
final class ChangesApi {
  private static final int MAX_PAGE = 250;
  private final Hub hub;

  ChangesApi(Hub hub) {
    this.hub = hub;
  }

  void routes(Router r) {
    r.add(
        "GET",
        "/changes/steps",
        Auth.REQUIRED,
        TrailsApi.READ,
        req -> feed(req, "steps", hub.stepChanges, s -> s.trail.id, s -> Views.step(s, false)));
    r.add(
        "GET",
        "/changes/trails",
        Auth.REQUIRED,
        TrailsApi.READ,
        req -> feed(req, "trails", hub.trailChanges, t -> t.id, t -> Views.trail(t, false)));
    r.add(
        "GET",
        "/changes/devices",
        Auth.REQUIRED,
        DevicesApi.READ,
        req ->
            feed(req, "devices", hub.deviceChanges, d -> d.id, d -> Views.device(d, true, false)));
  }

  private <T> Response feed(
      Request req,
      String kind,
      ChangeIndex<T> index,
      Function<T, String> deviceId,
      Function<T, ObjectNode> view) {
    if (!req.caller.isUserOrSession()) {
      throw HubException.rest(403, "users only");
    }
    String sizeParam = req.param("page[size]");
    if (sizeParam == null) {
      return Response.empty();
    }
    int size;
    try {
      size = Math.min(MAX_PAGE, Math.max(0, Integer.parseInt(sizeParam)));
    } catch (NumberFormatException e) {
      throw HubException.rest(400, "bad page[size]");
    }
    String before = req.param("page[before]");
    String after = req.param("page[after]");
    ArrayNode data = Json.array();
    Instant first = null;
    Instant last = null;
    synchronized (hub) {
      Instant cursor =
          before != null ? time(before) : after != null ? time(after) : hub.clock.instant();
      for (Map.Entry<Instant, T> e : index.from(cursor, before != null)) {
        if (data.size() >= size) {
          break;
        }
        DeviceRec d = hub.devices.get(deviceId.apply(e.getValue()));
        if (d != null && hub.owns(req.caller, d)) {
          data.add(view.apply(e.getValue()));
          first = first == null ? e.getKey() : first;
          last = e.getKey();
        }
      }
      if (last == null) {
        last = cursor;
        first = cursor;
      }
    }
    String url = hub.base() + "/changes/" + kind + "?page[size]=" + size;
    ObjectNode out = Json.object();
    ObjectNode links = out.putObject("links");
    Instant next = before != null ? first : last;
    Instant prev = before != null ? last : first;
    links.put("next", url + "&page[after]=" + enc(Json.time(next)));
    links.put("prev", url + "&page[before]=" + enc(Json.time(prev)));
    out.set("data", data);
    return Response.json(out);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static Instant time(String s) {
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      try {
        return java.time.OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e2) {
        throw HubException.rest(400, "bad time " + s);
      }
    }
  }
}
