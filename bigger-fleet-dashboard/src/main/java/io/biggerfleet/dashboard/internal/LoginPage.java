package io.biggerfleet.dashboard.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code /login} and {@code /logout}. The form's secret goes to the embedding app's
 * {@link io.biggerfleet.dashboard.DashboardAuth} and is zeroed after; a success starts a
 * {@link Session} (HttpOnly, SameSite=Strict cookie). A refused login says only that it was refused.
 */
final class LoginPage {
  private LoginPage() {}

  static String form(View v, String error) {
    Html h = new Html();
    h.raw("<h1>Operator login</h1>");
    if (!v.settings().actionsEnabled()) {
      Layout.notice(
          h, "error", "This dashboard is read-only: it was started without an auth hook.");
      return Layout.page(v, "Login", "", h);
    }
    if (!error.isEmpty()) {
      Layout.notice(h, "error", error);
    }
    h.raw(
            "<form method=\"post\" action=\"/login\" class=\"login\"><label>Name <input type=\"text\" name=\"user\" ")
        .raw(
            "id=\"user\" autocomplete=\"username\"></label> <label>Token or password <input type=\"password\" ")
        .raw("name=\"secret\" id=\"secret\" autocomplete=\"current-password\"></label> ")
        .raw("<button type=\"submit\" id=\"login\">Log in</button></form>");
    return Layout.page(v, "Login", "", h);
  }

  static void submit(Request r, View v, Sessions sessions) throws IOException {
    if (!v.settings().actionsEnabled()) {
      r.html(403, form(v, ""));
      return;
    }
    char[] secret = r.form("secret").toCharArray();
    Optional<String> operator;
    try {
      operator = v.settings().auth().authenticate(r.form("user"), secret);
    } finally {
      Arrays.fill(secret, '\0');
    }
    if (operator.isEmpty()) {
      r.html(401, form(v, "Login refused."));
      return;
    }
    Session s = sessions.create(operator.get());
    r.header("Set-Cookie", Sessions.cookie(s));
    r.redirect("/");
  }

  static void logout(Request r, Sessions sessions) throws IOException {
    if (r.session != null) {
      sessions.remove(r.session);
    }
    r.header("Set-Cookie", Sessions.clearCookie());
    r.redirect("/");
  }
}
