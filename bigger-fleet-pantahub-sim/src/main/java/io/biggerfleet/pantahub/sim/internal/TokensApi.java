package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.biggerfleet.pantahub.sim.internal.Router.Auth;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/** {@code /tokens}: personal access tokens (USER only). Not API. */
final class TokensApi {
  private final Hub hub;

  TokensApi(Hub hub) {
    this.hub = hub;
  }

  void routes(Router r) {
    r.add("POST", "/tokens/", Auth.REQUIRED, null, this::create);
    r.add("GET", "/tokens/", Auth.REQUIRED, null, this::list);
    r.add("GET", "/tokens/([^/]+)", Auth.REQUIRED, null, req -> Response.json(view(owned(req))));
    r.add("DELETE", "/tokens/([^/]+)", Auth.REQUIRED, null, this::delete);
  }

  private static void userOnly(Request req) {
    if (!"USER".equals(req.caller.type())) {
      throw HubException.rest(403, "USER tokens only");
    }
  }

  private Response create(Request req) {
    userOnly(req);
    JsonNode body = req.json();
    if (body == null || !body.isObject() || body.path("name").asText("").isEmpty()) {
      throw HubException.rest(400, "name required");
    }
    StringBuilder scopes = new StringBuilder();
    for (JsonNode s : body.path("scopes")) {
      if (!s.asText().startsWith("prn:")) {
        throw HubException.rest(400, "scopes must be full PRNs");
      }
      scopes.append(scopes.length() == 0 ? "" : " ").append(s.asText());
    }
    Instant now = hub.clock.instant();
    Instant expire;
    try {
      expire = body.hasNonNull("expire-at")
          ? Instant.parse(body.get("expire-at").asText())
          : now.plus(365, ChronoUnit.DAYS);
    } catch (DateTimeParseException e) {
      throw HubException.rest(400, "bad expire-at");
    }
    String id = Ids.newObjectId();
    String secret = Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((id + ":" + Ids.secret(32)).getBytes(StandardCharsets.UTF_8));
    PatRec p = new PatRec(
        id,
        body.get("name").asText(),
        body.path("type").asText("SESSION"),
        req.caller.prn(),
        scopes.toString(),
        expire,
        now,
        Ids.sha256(secret.getBytes(StandardCharsets.UTF_8)));
    synchronized (hub) {
      hub.pats.put(id, p);
    }
    return Response.json(view(p).put("secret", secret));
  }

  private Response list(Request req) {
    userOnly(req);
    ArrayNode items = Json.array();
    synchronized (hub) {
      hub.pats.values().stream()
          .filter(p -> p.owner.equals(req.caller.prn()))
          .sorted((a, b) -> a.created.compareTo(b.created))
          .forEach(p -> items.add(view(p)));
    }
    ObjectNode page = Json.object();
    page.set("items", items);
    page.put("resource", hub.base() + "/tokens/");
    page.put("page_size", items.size());
    page.put("page_offset", 0);
    page.put("current_page", 1);
    page.put("total", items.size());
    page.put("next", "");
    page.put("prev", "");
    return Response.json(page);
  }

  private PatRec owned(Request req) {
    userOnly(req);
    synchronized (hub) {
      PatRec p = hub.pats.get(req.group(1));
      if (p == null || !p.owner.equals(req.caller.prn())) {
        throw HubException.rest(404, "token not found");
      }
      return p;
    }
  }

  private Response delete(Request req) {
    PatRec p = owned(req);
    synchronized (hub) {
      p.deleted = true;
    }
    return Response.json(view(p));
  }

  private static ObjectNode view(PatRec p) {
    ObjectNode n = Json.object();
    n.put("id", p.id);
    n.put("name", p.name);
    n.put("type", p.type);
    n.put("prn", "prn:::auth-tokens:/" + p.id);
    n.put("owner", p.owner);
    n.putArray("scopes");
    for (String s : p.scopes.split(" ")) {
      if (!s.isEmpty()) {
        ((ArrayNode) n.get("scopes")).add(s);
      }
    }
    n.put("expire-at", Json.time(p.expireAt));
    n.put("deleted", p.deleted);
    n.put("time-created", Json.time(p.created));
    n.put("time-modified", Json.time(p.created));
    return n;
  }
}
