package io.biggerfleet.pantahub;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.biggerfleet.pantahub.internal.Call;
import io.biggerfleet.pantahub.internal.Json;
import io.biggerfleet.pantahub.internal.Session;
import io.biggerfleet.pantahub.internal.Transport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The browser login CLIs use (Pantahub PKCE, {@code pantahub-api.md} §4.2): the client listens on
 * {@code http://127.0.0.1:<free port>/callback}, prints the hub's {@code /auth/oauth/authorize} URL for
 * the user to open, prints {@code ... Waiting ... (Abort attempt with Ctrl-C)} every
 * {@link Builder#waitInterval} until the browser comes back with {@code ?code=..&state=..}, then
 * exchanges the code ({@code POST /auth/oauth/token} with {@code access-code} and the
 * {@code code_verifier}). The token becomes the client's token and is saved to its token store.
 *
 * <p>Security: the callback listens on the loopback address only, a callback with the wrong
 * {@code state} is refused and ignored, and nothing secret is printed.
 *
 * <p>One login per instance; not thread-safe. Errors: {@link PantahubException} on timeout (default
 * 300 s, the code's lifetime), refusal by the hub or an error from the browser; interruption (Ctrl-C)
 * ends it with a {@link PantahubException} and the interrupt flag set.
 */
public final class BrowserLogin {
  /** The line printed while waiting. */
  public static final String WAITING_LINE = "... Waiting ... (Abort attempt with Ctrl-C)";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Builder b;

  private BrowserLogin(Builder b) {
    this.b = b;
  }

  /**
   * Runs the login: prints the URL, waits for the browser, exchanges the code.
   *
   * @return the new token (already in use by the client and saved to its store)
   */
  public AccessToken login() {
    String verifier = random(32);
    String challenge = base64Url(sha256(verifier));
    String state = random(16);
    CompletableFuture<String> code = new CompletableFuture<>();
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new PantahubException(
          "Cannot open the local callback for the browser login: " + e.getMessage(),
          0,
          null,
          "GET",
          "/auth/oauth/authorize",
          e);
    }
    String redirect = "http://127.0.0.1:" + server.getAddress().getPort() + "/callback";
    server.createContext("/callback", ex -> callback(ex, state, code));
    server.start();
    try {
      URI url = URI.create(b.transport.base() + "/auth/oauth/authorize?client_id=" + enc(b.clientId)
          + "&redirect_uri="
          + enc(redirect) + "&code_challenge=" + enc(challenge)
          + "&code_challenge_method=S256&scope=" + enc(b.scope)
          + "&state=" + enc(state) + "&response_type=code");
      b.printer.accept(
          "Please open the following URL in your browser and follow the instructions.");
      b.printer.accept("");
      b.printer.accept(" Open: " + url);
      b.printer.accept("");
      Instant deadline = b.clock.instant().plus(b.timeout);
      while (!code.isDone()) {
        if (!b.clock.instant().isBefore(deadline)) {
          throw new PantahubException(
              "Browser login timed out after " + b.timeout.toSeconds()
                  + " s without the browser coming back; try again",
              0,
              null,
              "GET",
              "/auth/oauth/authorize",
              null);
        }
        b.printer.accept(WAITING_LINE);
        if (b.sleeper != null) {
          b.sleeper.sleep(b.waitInterval);
        } else {
          awaitQuietly(code, b.waitInterval);
        }
      }
      String accessCode = code.get();
      ObjectNode body = Json.MAPPER.createObjectNode();
      body.put("grant_type", "authorization_code");
      body.put("access-code", accessCode);
      body.put("code_verifier", verifier);
      body.put("redirect_uri", redirect);
      AccessToken token = Session.tokenFrom(
          b.transport.json(Call.post("/auth/oauth/token", body).anonymous()),
          "POST",
          "/auth/oauth/token");
      b.session.adopt(token);
      return token;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PantahubException(
          "Browser login aborted", 0, null, "GET", "/auth/oauth/authorize", e);
    } catch (ExecutionException e) {
      throw new PantahubException(
          "Browser login failed: " + e.getCause().getMessage(),
          0,
          null,
          "GET",
          "/auth/oauth/authorize",
          e.getCause());
    } finally {
      server.stop(0);
    }
  }

  private static void awaitQuietly(CompletableFuture<String> f, Duration d)
      throws InterruptedException {
    try {
      f.get(d.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // done (handled by the caller) or still waiting
    }
  }

  private static void callback(HttpExchange ex, String state, CompletableFuture<String> code)
      throws IOException {
    Map<String, String> q = query(ex.getRequestURI().getRawQuery());
    int status;
    String page;
    if (!state.equals(q.get("state"))) {
      status = 400;
      page = "This login link is not the one the command line is waiting for.";
    } else if (q.containsKey("error")) {
      status = 200;
      page = "Login failed. You can close this window.";
      code.completeExceptionally(
          new IllegalStateException("the browser reported '" + q.get("error") + "'"));
    } else if (q.get("code") == null || q.get("code").isEmpty()) {
      status = 400;
      page = "The callback has no code.";
    } else {
      status = 200;
      page = "Logged in. You can close this window and return to the command line.";
      code.complete(q.get("code"));
    }
    byte[] bytes = ("<!doctype html><html><body><p>" + page + "</p></body></html>")
        .getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> m = new HashMap<>();
    if (raw == null) {
      return m;
    }
    for (String part : raw.split("&")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        m.put(
            URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return m;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return base64Url(b);
  }

  private static String base64Url(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 not available", e);
    }
  }

  @Override
  public String toString() {
    return "BrowserLogin[" + b.transport.base() + ", client " + b.clientId + "]";
  }

  /** Configures a {@link BrowserLogin}; get one from {@link PantahubAuth#browserLogin()}. Not thread-safe. */
  public static final class Builder {
    private final Transport transport;
    private final Session session;
    private Clock clock;
    private String clientId = "bigger-fleet";
    private String scope = "prn:pantahub.com:apis:/base/all";
    private Consumer<String> printer = System.out::println;
    private Duration waitInterval = Duration.ofSeconds(5);
    private Duration timeout = Duration.ofSeconds(300);
    private Sleeper sleeper;

    Builder(Transport transport, Session session, Clock clock) {
      this.transport = transport;
      this.session = session;
      this.clock = clock;
    }

    /** The app's client id at the hub; default {@code bigger-fleet}. */
    public Builder clientId(String id) {
      this.clientId = Objects.requireNonNull(id, "client id");
      return this;
    }

    /** Requested scopes (space-separated); default {@code prn:pantahub.com:apis:/base/all}. */
    public Builder scope(String scope) {
      this.scope = Objects.requireNonNull(scope, "scope");
      return this;
    }

    /** Where the URL and waiting lines go; default {@code System.out::println}. */
    public Builder printer(Consumer<String> printer) {
      this.printer = Objects.requireNonNull(printer, "printer");
      return this;
    }

    /** How often the waiting line is printed; default 5 s. */
    public Builder waitInterval(Duration d) {
      this.waitInterval = Objects.requireNonNull(d, "wait interval");
      return this;
    }

    /** How long to wait for the browser; default 300 s (the code's lifetime). */
    public Builder timeout(Duration d) {
      this.timeout = Objects.requireNonNull(d, "timeout");
      return this;
    }

    /** Time source for the timeout; default the client's clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How to wait between waiting lines; default: wait for the callback up to {@link #waitInterval}
     * (returns as soon as the browser comes back). Tests inject one that moves a clock.
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    public BrowserLogin build() {
      return new BrowserLogin(this);
    }

    /** Shorthand for {@code build().login()}. */
    public AccessToken login() {
      return build().login();
    }
  }
}
