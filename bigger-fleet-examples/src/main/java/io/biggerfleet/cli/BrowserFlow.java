package io.biggerfleet.cli;

import io.biggerfleet.pantahub.AccessToken;
import io.biggerfleet.pantahub.BrowserLogin;
import io.biggerfleet.pantahub.PantahubClient;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the hub's browser (PKCE) login for a command: prints {@code headline}, the URL to open and
 * {@code ... Waiting ... (Abort attempt with Ctrl-C)} lines until the browser comes back, and hands the
 * URL to the environment's browser (a scripted one in tests and the demo) on another thread, as a person
 * would open it while the command waits. With {@code --json} these lines go to stderr, so that stdout holds
 * only the JSON. The token lands in the token file. One per use.
 */
final class BrowserFlow {
  private static final String OPEN = " Open: ";

  private BrowserFlow() {}

  static AccessToken run(CliSession session, PantahubClient client, String headline) {
    java.io.PrintWriter out = session.json() ? session.err() : session.out();
    BrowserLogin.Builder login = client
        .auth()
        .browserLogin()
        .clock(session.env().clock())
        .printer(line -> {
          if (line.startsWith("Please open the following URL")) {
            out.println(headline);
          } else if (line.startsWith(OPEN)) {
            out.println(line);
            URI url = URI.create(line.substring(OPEN.length()).trim());
            CompletableFuture.runAsync(() -> session.env().browser().accept(url))
                .exceptionally(e -> {
                  session
                      .err()
                      .println("bigger-fleet: the browser failed: "
                          + (e.getCause() != null ? e.getCause() : e).getMessage());
                  return null;
                });
          } else {
            out.println(line);
          }
          out.flush();
        });
    return login.login();
  }
}
