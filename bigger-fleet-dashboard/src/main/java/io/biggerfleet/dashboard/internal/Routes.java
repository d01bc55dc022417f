package io.biggerfleet.dashboard.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.biggerfleet.FleetException;
import io.biggerfleet.InvalidInputException;
import io.biggerfleet.NotFoundException;
import java.io.IOException;

/**
 * The dashboard's one handler: checks the request (host, login, origin, CSRF — see {@link Guard}),
 * then dispatches by path. Pages are GETs; every state change is a POST. Errors render a page with
 * the API's message, never a stack trace. Thread-safe.
 */
final class Routes implements HttpHandler {
  private final DashboardSettings settings;
  private final EventFeed feed;
  private final SseClients live;
  private final Sessions sessions = new Sessions();
  private final Guard guard;
  private final Assets assets = new Assets();
  private final RolloutPage rolloutPage = new RolloutPage();

  Routes(DashboardSettings settings, EventFeed feed, SseClients live) {
    this.settings = settings;
    this.feed = feed;
    this.live = live;
    this.guard = new Guard(settings.bind().isLoopbackAddress());
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    Request r = new Request(ex);
    try {
      route(r);
    } catch (IOException e) {
      ex.close();
    } catch (RuntimeException e) {
      try {
        r.html(
            500,
            Layout.page(
                view(r),
                "Error",
                "",
                errorBody("The dashboard could not answer: " + e.getMessage())));
      } catch (RuntimeException | IOException ignored) {
        ex.close();
      }
    }
  }

  private void route(Request r) throws IOException {
    if (!guard.hostAllowed(r)) {
      r.text(421, "This dashboard answers only to a loopback host name (127.0.0.1, localhost).");
      return;
    }
    r.session = sessions.find(r.cookie(Sessions.COOKIE)).orElse(null);
    String path = r.path();
    if (path.startsWith("/assets/")) {
      assets.serve(r, path.substring("/assets/".length()));
      return;
    }
    View v = view(r);
    boolean post = "POST".equals(r.method());
    if (path.equals("/login")) {
      if (post) {
        if (!guard.sameOrigin(r)) {
          r.text(403, "Cross-origin login refused.");
          return;
        }
        LoginPage.submit(r, v, sessions);
      } else {
        r.html(200, LoginPage.form(v, ""));
      }
      return;
    }
    if (settings.loginToView() && r.session == null) {
      r.redirect("/login");
      return;
    }
    if (post) {
      if (!settings.actionsEnabled()) {
        r.html(403, Layout.page(v, "Read-only", "", errorBody("This dashboard is read-only.")));
      } else if (r.session == null) {
        r.html(401, Layout.page(v, "Login needed", "", errorBody("Log in as an operator to act.")));
      } else if (!guard.sameOrigin(r) || !guard.csrfValid(r, r.session)) {
        r.html(
            403,
            Layout.page(
                v,
                "Refused",
                "",
                errorBody("Refused: the form did not come from this dashboard "
                    + "(missing or wrong CSRF token). Reload the page and try again.")));
      } else if (path.equals("/action")) {
        Actions.handle(r, v, sessions);
      } else if (path.equals("/logout")) {
        LoginPage.logout(r, sessions);
      } else {
        r.text(404, "Not found");
      }
      return;
    }
    if (!"GET".equals(r.method())) {
      r.text(405, "Method not allowed");
      return;
    }
    try {
      get(r, v, path);
    } catch (NotFoundException e) {
      r.html(404, Layout.page(v, "Not found", "", errorBody(e.getMessage())));
    } catch (InvalidInputException e) {
      r.html(400, Layout.page(v, "Bad request", "", errorBody(e.getMessage())));
    } catch (FleetException e) {
      r.html(502, Layout.page(v, "Error", "", errorBody(e.getMessage())));
    }
  }

  private void get(Request r, View v, String path) throws IOException {
    switch (path) {
      case "/":
        r.html(200, OverviewPage.render(v));
        break;
      case "/devices":
        r.html(200, DevicesPage.render(v, r.param("q"), r.param("after")));
        break;
      case "/device":
        r.html(200, DevicePage.render(v, r.param("id")));
        break;
      case "/groups":
        r.html(200, GroupsPage.render(v));
        break;
      case "/rollout":
        r.html(
            200,
            rolloutPage.render(
                v,
                r.param("name"),
                r.param("after"),
                r.fragment() ? "" : sessions.takeFlash(r.session)));
        break;
      case "/events":
        r.html(200, EventsPage.render(v, r.param("before")));
        break;
      case "/api/count":
        r.json(200, DevicesPage.count(v, r.param("q")));
        break;
      case "/live":
        live.open(r);
        break;
      default:
        r.html(404, Layout.page(v, "Not found", "", errorBody("No page at " + path + ".")));
    }
  }

  private View view(Request r) {
    return new View(settings, feed, r.session);
  }

  private static Html errorBody(String message) {
    Html h = new Html();
    Layout.notice(h, "error", message);
    return h;
  }
}
