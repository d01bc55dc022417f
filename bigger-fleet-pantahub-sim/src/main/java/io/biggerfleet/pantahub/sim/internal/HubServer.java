package io.biggerfleet.pantahub.sim.internal;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP side: a JDK {@link HttpServer} bound to 127.0.0.1 with a bounded worker pool (callers run
 * the request themselves when the queue is full, which slows accepting down instead of failing).
 * Not API.
 */
public final class HubServer implements AutoCloseable {
  static {
    // The JDK server writes headers and body in separate packets; without TCP_NODELAY, Nagle plus the
    // client's delayed ACK add ~40 ms to every keep-alive request (measured: 25 → 2,000+ requests/s).
    // The property is read once per JVM, so set it before the first server unless the user chose.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ThreadPoolExecutor executor;

  public HubServer(Hub hub, int port, int threads) throws IOException {
    Router router = new Router(hub);
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
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
    AtomicInteger n = new AtomicInteger();
    ThreadFactory tf = r -> {
      Thread t = new Thread(r, "pantahub-sim-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(2048), tf,
        new ThreadPoolExecutor.CallerRunsPolicy());
    server.setExecutor(executor);
    server.createContext("/", router);
    server.start();
    hub.setBase("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
