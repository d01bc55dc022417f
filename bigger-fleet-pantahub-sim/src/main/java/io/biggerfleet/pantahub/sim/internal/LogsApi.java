package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biggerfleet.pantahub.sim.internal.Router.Auth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code /logs}: device log upload, filtered listing and cursors. Not API. */
final class LogsApi {
  private static final long CURSOR_SECONDS = 120;
  private final Hub hub;

  LogsApi(Hub hub) {
    this.hub = hub;
  }

  void routes(Router r) {
    r.add("POST", "/logs/", Auth.REQUIRED, null, this::upload);
    r.add(
        "GET", "/logs/", Auth.REQUIRED, null, req -> query(req.caller, req.params(), req.rawQuery));
    r.add("POST", "/logs/cursor", Auth.REQUIRED, null, this::cursor);
  }

  private Response upload(Request req) {
    Claims c = req.caller;
    if (!c.isDevice()) {
      throw HubException.rest(403, "devices only");
    }
    JsonNode body = req.json();
    if (body == null || !body.isArray()) {
      throw HubException.rest(400, "body must be an array of log entries");
    }
    synchronized (hub) {
      DeviceRec d = hub.devices.get(c.deviceId());
      if (d == null) {
        throw HubException.rest(403, "unknown device");
      }
      Instant now = hub.clock.instant();
      for (JsonNode e : body) {
        hub.logs.add(new LogRec(
            Ids.newObjectId(),
            d.prn,
            d.owner,
            now,
            e.path("tsec").asLong(now.getEpochSecond()),
            e.path("tnano").asLong(0),
            e.path("rev").asText(""),
            e.path("plat").asText(""),
            e.path("src").asText(""),
            e.path("lvl").asText(""),
            e.path("msg").asText("")));
      }
    }
    return Response.json(Json.array());
  }

  private Response cursor(Request req) {
    JsonNode body = req.json();
    ObjectNode c =
        body == null ? null : hub.jwt().verifyHs(body.path("next-cursor").asText(""));
    if (c == null || c.path("exp").asLong() <= hub.clock.instant().getEpochSecond()) {
      throw HubException.rest(400, "bad or expired cursor");
    }
    Request again = new Request("GET", "/logs/", c.path("q").asText(""), null, new byte[0]);
    again.query.put("start", List.of(c.path("start").asText("0")));
    return query(req.caller, again.query, c.path("q").asText(""));
  }

  private Response query(Claims c, java.util.Map<String, List<String>> params, String rawQuery) {
    if (c.isDevice()) {
      throw HubException.rest(403, "users only");
    }
    int start = intParam(params, "start", 0);
    int page = intParam(params, "page", 50);
    List<LogRec> hits;
    synchronized (hub) {
      Set<String> devs = params.containsKey("dev") ? devices(c, first(params, "dev")) : null;
      Set<String> lvls = set(first(params, "lvl"));
      Set<String> srcs = set(first(params, "src"));
      String rev = first(params, "rev");
      String plat = first(params, "plat");
      Instant after = first(params, "after") == null ? null : Instant.parse(first(params, "after"));
      Instant before =
          first(params, "before") == null ? null : Instant.parse(first(params, "before"));
      hits = new ArrayList<>();
      for (LogRec l : hub.logs) {
        if (!l.own().equals(c.prn())
            || (devs != null && !devs.contains(l.dev()))
            || (rev != null && !rev.equals(l.rev()))
            || (lvls != null && !lvls.contains(l.lvl()))
            || (srcs != null && !srcs.contains(l.src()))
            || (plat != null && !plat.equals(l.plat()))
            || (after != null && !l.timeCreated().isAfter(after))
            || (before != null && !l.timeCreated().isBefore(before))) {
          continue;
        }
        hits.add(l);
      }
    }
    Comparator<LogRec> order = order(first(params, "sort"));
    if (order != null) {
      hits.sort(order);
    }
    ArrayNode entries = Json.array();
    for (int i = start; i < hits.size() && i < start + page; i++) {
      entries.add(entry(hits.get(i)));
    }
    ObjectNode out = Json.object();
    out.put("start", start);
    out.put("page", page);
    out.put("count", hits.size());
    if ("true".equals(first(params, "cursor")) && start + page < hits.size()) {
      ObjectNode cur = Json.object();
      cur.put("q", rawQuery == null ? "" : rawQuery);
      cur.put("start", start + page);
      cur.put("exp", hub.clock.instant().getEpochSecond() + CURSOR_SECONDS);
      out.put("next-cursor", hub.jwt().signHs(cur));
    }
    out.set("entries", entries);
    return Response.json(out);
  }

  private Set<String> devices(Claims c, String list) {
    Set<String> out = new java.util.HashSet<>();
    for (String s : list.split(",")) {
      DeviceRec d = s.startsWith("prn:")
          ? hub.devices.get(s.substring(s.lastIndexOf('/') + 1))
          : Ids.isObjectId(s) ? hub.devices.get(s) : hub.deviceByNick(c.prn(), s);
      if (d != null) {
        out.add(d.prn);
      }
    }
    return out;
  }

  private static ObjectNode entry(LogRec l) {
    ObjectNode n = Json.object();
    n.put("id", l.id());
    n.put("dev", l.dev());
    n.put("own", l.own());
    n.put("time-created", Json.time(l.timeCreated()));
    n.put("tsec", l.tsec());
    n.put("tnano", l.tnano());
    n.put("rev", l.rev());
    n.put("plat", l.plat());
    n.put("src", l.src());
    n.put("lvl", l.lvl());
    n.put("msg", l.msg());
    return n;
  }

  private static Comparator<LogRec> order(String sort) {
    if (sort == null || sort.isBlank()) {
      return null;
    }
    Comparator<LogRec> all = null;
    for (String key : sort.split(",")) {
      boolean desc = key.startsWith("-");
      String k = desc ? key.substring(1) : key;
      Comparator<LogRec> one;
      switch (k) {
        case "tsec":
          one = Comparator.comparingLong(LogRec::tsec);
          break;
        case "tnano":
          one = Comparator.comparingLong(LogRec::tnano);
          break;
        case "time-created":
          one = Comparator.comparing(LogRec::timeCreated);
          break;
        case "dev":
          one = Comparator.comparing(LogRec::dev);
          break;
        case "rev":
          one = Comparator.comparing(LogRec::rev);
          break;
        case "plat":
          one = Comparator.comparing(LogRec::plat);
          break;
        case "lvl":
          one = Comparator.comparing(LogRec::lvl);
          break;
        case "src":
          one = Comparator.comparing(LogRec::src);
          break;
        default:
          throw HubException.rest(400, "bad sort key " + k);
      }
      one = desc ? one.reversed() : one;
      all = all == null ? one : all.thenComparing(one);
    }
    return all;
  }

  private static String first(java.util.Map<String, List<String>> p, String k) {
    List<String> v = p.get(k);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private static Set<String> set(String csv) {
    return csv == null ? null : Arrays.stream(csv.split(",")).collect(Collectors.toSet());
  }

  private static int intParam(java.util.Map<String, List<String>> p, String k, int dflt) {
    try {
      return first(p, k) == null ? dflt : Integer.parseInt(first(p, k));
    } catch (NumberFormatException e) {
      throw HubException.rest(400, "bad " + k);
    }
  }
}
