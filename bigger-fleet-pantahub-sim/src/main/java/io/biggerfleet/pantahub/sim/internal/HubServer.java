package io.biggerfleet.pantahub.sim.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP side: a small HTTP/1.1 server on 127.0.0.1 with keep-alive. It parses request targets like
 * Go's net/http (the real hub's server), so raw {@code ^ { } " | \} in a query work as on the real hub
 * (the JDK's {@code HttpServer} refuses them with an HTML 400 before any handler runs). One thread per
 * open connection (at most {@value #MAX_CONNECTIONS}); at most {@code threads} requests are handled at
 * once. Thread-safe. Not API.
 */
public final class HubServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(HubServer.class.getName());
  static final int MAX_CONNECTIONS = 1024;
  private static final int IDLE_TIMEOUT_MILLIS = 120_000;

  private final Router router;
  private final ServerSocket server;
  private final ExecutorService connections;
  private final Semaphore handling;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private volatile boolean closed;
  private volatile long latencyNanos;

  public HubServer(Hub hub, int port, int threads) throws IOException {
    this(hub, port, threads, null);
  }

  /** A server whose router also serves {@code extraRoutes} (e.g. the admin endpoint), when not null. */
  public HubServer(Hub hub, int port, int threads, java.util.function.Consumer<Router> extraRoutes)
      throws IOException {
    router = new Router(hub);
    ObjectsApi objects = new ObjectsApi(hub);
    new AuthApi(hub).routes(router);
    new PkceApi(hub).routes(router);
    new TokensApi(hub).routes(router);
    new AppsApi(hub).routes(router);
    new DevicesApi(hub).routes(router);
    new TrailsApi(hub).routes(router);
    new StepsApi(hub).routes(router);
    new StepObjectsApi(hub, objects).routes(router);
    objects.routes(router);
    new ChangesApi(hub).routes(router);
    new LogsApi(hub).routes(router);
    if (extraRoutes != null) {
      extraRoutes.accept(router);
    }
    handling = new Semaphore(threads);
    server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
    AtomicInteger n = new AtomicInteger();
    connections = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "pantahub-sim-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    acceptor = new Thread(this::acceptLoop, "pantahub-sim-accept-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
    hub.setBase("http://127.0.0.1:" + server.getLocalPort());
  }

  /**
   * Answers every request {@code latency} (wall time) after it was handled, as a distant hub would: the
   * connection's thread waits after the handler ran, holding no CPU and no handling slot, so many slow
   * requests can be in flight at once. Zero (the default) answers at once.
   */
  public void latency(java.time.Duration latency) {
    latencyNanos = latency.toNanos();
  }

  public int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.log(Level.WARNING, "simulator accept failed", e);
        }
        continue;
      }
      if (open.size() >= MAX_CONNECTIONS) {
        quietlyClose(s);
        continue;
      }
      open.add(s);
      try {
        connections.execute(() -> serve(s));
      } catch (RuntimeException e) {
        open.remove(s);
        quietlyClose(s);
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      s.setTcpNoDelay(true);
      s.setSoTimeout(IDLE_TIMEOUT_MILLIS);
      boolean loopback = s.getInetAddress().isLoopbackAddress();
      InputStream in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
      OutputStream out = new BufferedOutputStream(s.getOutputStream(), 16 * 1024);
      while (!closed) {
        HttpExchangeIo.Incoming inc;
        try {
          inc = HttpExchangeIo.read(in, out);
        } catch (HttpExchangeIo.BadRequest e) {
          HttpExchangeIo.writeBadRequest(out, e);
          return;
        }
        if (inc == null) {
          return;
        }
        RequestTarget.Parsed target;
        try {
          target = RequestTarget.parse(inc.target());
        } catch (IllegalArgumentException e) {
          HttpExchangeIo.writeBadRequest(out, new HttpExchangeIo.BadRequest(400, e.getMessage()));
          return;
        }
        Request req = new Request(
            inc.method(), target.rawPath(), target.rawQuery(), inc.headers(), inc.body());
        req.loopback = loopback;
        Response resp = handle(req);
        long wait = latencyNanos;
        if (wait > 0) {
          Thread.sleep(
              wait / 1_000_000, (int) (wait % 1_000_000)); // network latency: wall time by nature
        }
        boolean keep = inc.keepAlive() && !closed;
        HttpExchangeIo.write(
            out, resp.status, resp.headers, resp.body(), "HEAD".equals(inc.method()), !keep);
        if (!keep) {
          return;
        }
      }
    } catch (SocketTimeoutException | SocketException e) {
      // idle keep-alive connection timed out, or the peer went away
    } catch (IOException e) {
      LOG.log(Level.FINE, "simulator connection failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.remove(s);
    }
  }

  private Response handle(Request req) throws InterruptedException {
    handling.acquire();
    try {
      return router.respond(req);
    } finally {
      handling.release();
    }
  }

  private static void quietlyClose(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    open.forEach(HubServer::quietlyClose);
    connections.shutdownNow();
  }
}
