package io.biggerfleet.dashboard.internal;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Open server-sent-event streams ({@code GET /live}). A stream holds no thread: the handler answers
 * the headers and returns, and {@link #broadcast} writes to every stream from the feed's thread,
 * dropping the ones whose browser went away. At most {@value #MAX} streams at once (503 beyond).
 * Thread-safe.
 */
final class SseClients implements AutoCloseable {
  static final int MAX = 64;
  private final List<HttpExchange> streams = new CopyOnWriteArrayList<>();

  /** Opens a stream on {@code r}; false (and a 503 sent) when too many are open. */
  boolean open(Request r) throws IOException {
    if (streams.size() >= MAX) {
      r.text(503, "Too many live views open; reload later.");
      return false;
    }
    HttpExchange ex = r.exchange;
    ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    Request.securityHeaders(ex);
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    out.write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
    out.flush();
    streams.add(ex);
    return true;
  }

  int size() {
    return streams.size();
  }

  /** Sends one event to every stream. {@code data} is one line of JSON the dashboard made. */
  void broadcast(String event, String data) {
    byte[] msg = ("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    write(msg);
  }

  /** A comment line that keeps idle connections (and proxies) from timing out. */
  void heartbeat() {
    write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
  }

  private void write(byte[] msg) {
    for (HttpExchange ex : streams) {
      try {
        OutputStream out = ex.getResponseBody();
        out.write(msg);
        out.flush();
      } catch (IOException | RuntimeException e) {
        streams.remove(ex);
        ex.close();
      }
    }
  }

  @Override
  public void close() {
    for (HttpExchange ex : streams) {
      streams.remove(ex);
      ex.close();
    }
  }
}
