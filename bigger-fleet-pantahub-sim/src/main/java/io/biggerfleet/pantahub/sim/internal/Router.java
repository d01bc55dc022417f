package io.biggerfleet.pantahub.sim.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
public final class Router implements HttpHandler {
  private static final Logger LOG = Logger.getLogger(Router.class.getName());
  private static final Set<String> MOUNTS = Set.of("/auth", "/devices", "/trails", "/objects", "/logs",
      "/changes", "/tokens", "/apps", "/local-s3", "/dash");

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
  private record Route(String method, String prefix, Pattern pattern, Auth auth, Set<String> scopes,
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
    routes.add(new Route(method, regex.substring(0, literal), Pattern.compile(regex), auth, scopes, h));
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    Response resp;
    try (InputStream in = ex.getRequestBody()) {
      byte[] body = in.readAllBytes();
      Request req = new Request(ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
          ex.getRequestURI().getRawQuery(), ex.getRequestHeaders(), body);
      resp = dispatch(req);
    } catch (HubException e) {
      resp = error(e);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "simulator handler failed", e);
      resp = Response.json(500, Json.object().put("Error", "Internal Server Error"));
    }
    byte[] body;
    try {
      body = resp.body();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "simulator response failed", e);
      resp = Response.json(500, Json.object().put("Error", "Internal Server Error"));
      body = resp.body();
    }
    resp.headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    long len = body.length == 0 ? -1 : body.length;
    if ("HEAD".equals(ex.getRequestMethod())) {
      len = -1;
    }
    ex.sendResponseHeaders(resp.status, len);
    if (len > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
    ex.close();
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
    return Response.json(404, Json.object().put("Error", "Resource not found"));
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
