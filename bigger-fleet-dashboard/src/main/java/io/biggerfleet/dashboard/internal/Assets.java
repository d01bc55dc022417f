package io.biggerfleet.dashboard.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The dashboard's static files, vendored in this module's resources ({@code dashboard.css},
 * {@code dashboard.js}): loaded once, served with a day's cache. Nothing is fetched from another site.
 */
final class Assets {
  private static final Map<String, String> TYPES = Map.of(
      "dashboard.css", "text/css; charset=utf-8",
      "dashboard.js", "text/javascript; charset=utf-8");
  private final Map<String, byte[]> files;

  Assets() {
    java.util.HashMap<String, byte[]> m = new java.util.HashMap<>();
    for (String name : TYPES.keySet()) {
      try (InputStream in =
          Assets.class.getResourceAsStream("/io/biggerfleet/dashboard/assets/" + name)) {
        if (in == null) {
          throw new IllegalStateException("Dashboard asset missing from the jar: " + name);
        }
        m.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    files = Map.copyOf(m);
  }

  void serve(Request r, String name) throws IOException {
    byte[] body = files.get(name);
    if (body == null) {
      r.text(404, "Not found");
      return;
    }
    r.header("Cache-Control", "max-age=86400");
    r.send(200, TYPES.get(name), body);
  }
}
