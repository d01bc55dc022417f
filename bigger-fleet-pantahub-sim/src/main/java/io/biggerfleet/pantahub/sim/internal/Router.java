package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dispatches requests to routes the way the real hub's muxes do: 301 for collection roots without
 * their trailing slash, 404/405 router bodies, bearer-token checks (401), per-route scopes (403) and
 * 500 {@code {"Error":"Internal Server Error"}} for anything unexpected. Thread-safe. Not API.
 */
public final class Router {
  private static final Logger LOG = Logger.getLogger(Router.class.getName());
  private static final Set<String> MOUNTS = Set.of(
      "/auth",
      "/devices",
      "/trails",
      "/objects",
      "/logs",
      "/changes",
      "/tokens",
      "/apps",
      "/local-s3",
      "/dash");

  /** How a route treats the bearer token. */
  public enum Auth {
    /** Token ignored. */
    NONE,
    /** Token used when present (public resources). */
    OPTIONAL,
    /** 401 without a valid token. */
    REQUIRED
  }

  /** Handles one matched request. */
  @FunctionalInterface
  public interface Handler {
    Response handle(Request r);
  }

  /** A route; {@code prefix} is the literal start of its pattern, checked before the regex. */
  private record Route(
      String method,
      String prefix,
      Pattern pattern,
      Auth auth,
      Set<String> scopes,
      Handler handler) {}

  private final Hub hub;
  private final List<Route> routes = new ArrayList<>();
  private final Map<String, ObjectNode> verified = new ConcurrentHashMap<>();

  public Router(Hub hub) {
    this.hub = hub;
  }

  /** Adds a route; {@code scopes} = short scope ids of which the token needs one (null: no check). */
  public void add(String method, String regex, Auth auth, Set<String> scopes, Handler h) {
    int literal = 0;
    while (literal < regex.length() && "\\.[]()*+?{}|^$".indexOf(regex.charAt(literal)) < 0) {
      literal++;
    }
    routes.add(
        new Route(method, regex.substring(0, literal), Pattern.compile(regex), auth, scopes, h));
  }

  /**
   * Answers one request: dispatches it and turns errors into the hub's bodies (its JSON is serialised
   * here, so a serialisation failure is a 500 too).
   */
  Response respond(Request req) {
    Response resp;
    try {
      resp = dispatch(req);
    } catch (HubException e) {
      resp = error(e);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "simulator handler failed", e);
      resp = Response.json(500, Json.object().put("Error", "Internal Server Error"));
    }
    try {
      resp.body();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "simulator response failed", e);
      resp = Response.json(500, Json.object().put("Error", "Internal Server Error"));
      resp.body();
    }
    return resp;
  }

  /** Makes {@code method path} answer the router's 404 although another route's pattern matches it. */
  public void notImplemented(String method, String regex) {
    add(method, regex, Auth.NONE, null, req -> notFound());
  }

  static Response notFound() {
    return Response.json(404, Json.object().put("Error", "Resource not found"));
  }

  private Response error(HubException e) {
    Response r = Response.json(e.status(), e.body(hub.nanosForErrorId()));
    if (e.wwwAuthenticate() != null) {
      r.header("WWW-Authenticate", e.wwwAuthenticate());
    }
    return r;
  }

  Response dispatch(Request req) {
    String path = req.path;
    if (MOUNTS.contains(path)) {
      return Response.redirect(301, path + "/" + (req.rawQuery == null ? "" : "?" + req.rawQuery));
    }
    boolean pathMatched = false;
    for (Route route : routes) {
      if (!path.startsWith(route.prefix)) {
        continue;
      }
      Matcher m = route.pattern.matcher(path);
      if (!m.matches()) {
        continue;
      }
      pathMatched = true;
      if (!route.method.equals(req.method)) {
        continue;
      }
      req.match = m;
      if (route.auth != Auth.NONE) {
        authenticate(req, route.auth == Auth.REQUIRED);
        if (req.caller != null && route.scopes != null && !req.caller.hasAnyScope(route.scopes)) {
          throw HubException.insufficientScope();
        }
      }
      return route.handler.handle(req);
    }
    if (pathMatched) {
      return Response.json(405, Json.object().put("Error", "Method not allowed"));
    }
    return notFound();
  }

  private void authenticate(Request req, boolean required) {
    String h = req.header("Authorization");
    if (h == null) {
      if (required) {
        throw HubException.notAuthorized(hub.authEndpoint());
      }
      return;
    }
    if (!h.startsWith("Bearer ") || h.length() <= 7) {
      throw HubException.notAuthorized(hub.authEndpoint());
    }
    String token = h.substring(7);
    ObjectNode claims = verified.get(token);
    if (claims == null) {
      claims = hub.jwt().verify(token);
      if (claims == null) {
        throw HubException.notAuthorized(hub.authEndpoint());
      }
      if (verified.size() > 50_000) {
        verified.clear();
      }
      verified.put(token, claims);
    }
    if (!hub.tokenValid(claims)) {
      throw HubException.notAuthorized(hub.authEndpoint());
    }
    req.caller = new Claims(claims);
  }
}
