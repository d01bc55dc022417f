package io.biggerfleet.dashboard.internal;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The running dashboard: the JDK's {@link HttpServer} on {@value #THREADS} daemon threads (live
 * streams hold none), the {@link Routes}, the {@link EventFeed} and the open {@link SseClients}.
 * Thread-safe; {@link #close()} is idempotent.
 */
public final class DashboardServer implements AutoCloseable {
  static final int THREADS = 4;
  private final HttpServer server;
  private final ExecutorService pool;
  private final EventFeed feed;
  private final SseClients live;
  private final URI uri;
  private boolean closed;

  private DashboardServer(
      HttpServer server, ExecutorService pool, EventFeed feed, SseClients live, URI uri) {
    this.server = server;
    this.pool = pool;
    this.feed = feed;
    this.live = live;
    this.uri = uri;
  }

  /** Binds and starts serving {@code s}. */
  public static DashboardServer start(DashboardSettings s) {
    // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm and
    // the
    // client's delayed ACK add ~40 ms to every response. Only set when the app has not chosen.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(s.bind(), s.port()), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot serve the dashboard on " + s.bind().getHostAddress() + ":" + s.port() + ": "
              + e.getMessage(),
          e);
    }
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
      Thread t = new Thread(r, "bigger-fleet-dashboard-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    SseClients live = new SseClients();
    EventFeed feed = new EventFeed(s.fleet(), live, s.sharedStore(), s.refresh());
    server.setExecutor(pool);
    server.createContext("/", new Routes(s, feed, live));
    server.start();
    String host = s.bind().isLoopbackAddress() ? "127.0.0.1" : s.bind().getHostAddress();
    if (host.indexOf(':') >= 0) {
      host = "[" + host + "]";
    }
    URI uri = URI.create("http://" + host + ":" + server.getAddress().getPort() + "/");
    return new DashboardServer(server, pool, feed, live, uri);
  }

  public URI uri() {
    return uri;
  }

  public int port() {
    return uri.getPort();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    feed.close();
    live.close();
    server.stop(1);
    pool.shutdown();
    try {
      pool.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
