package io.biggerfleet.pantahub;

import io.biggerfleet.pantahub.internal.Session;
import io.biggerfleet.pantahub.internal.Transport;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A client for one Pantahub hub ({@code pantahub-api.md}): authentication, devices, trails, objects,
 * the changes feed and logs, each behind a small facade, plus the core SPIs
 * ({@link #devices()} is a {@link io.biggerfleet.spi.DeviceRegistry}, {@link #trails()} a
 * {@link io.biggerfleet.spi.DeviceTrails}).
 *
 * <pre>{@code
 * PantahubClient hub = PantahubClient.builder()
 *     .login("alice", password)                       // or .token(...) / .tokenStore(...)
 *     .tokenStore(FileTokenStore.at(home.resolve(".bigger-fleet/tokens.json")))
 *     .build();
 * try (Stream<RegistryDevice> devices = hub.devices().devices()) { ... }
 * }</pre>
 *
 * <p><b>Thread-safety:</b> immutable configuration, thread-safe; share one instance. At most
 * {@link Builder#maxConcurrentRequests(int)} requests are in flight at once, however many threads call
 * it. {@link #newBuilder()} makes a variant (it shares nothing mutable but the HTTP client and the
 * token store).
 *
 * <p><b>Errors:</b> unchecked {@link PantahubException}s (see its subtypes); messages and
 * {@code toString()}s never contain tokens, passwords or signed URLs. The token is only ever sent to
 * the configured base URI; redirects are not followed.
 */
public final class PantahubClient implements AutoCloseable {
  /** {@code https://api.pantahub.com}. */
  public static final URI DEFAULT_BASE_URI = URI.create("https://api.pantahub.com");

  private final Builder config;
  private final Transport transport;
  private final Session session;
  private final String registryName;
  private final PantahubDevices devices;
  private final PantahubTrails trails;
  private final PantahubObjects objects;
  private final PantahubChanges changes;
  private final PantahubLogs logs;
  private final PantahubAuth auth;
  private final java.util.concurrent.ThreadPoolExecutor workers;

  private PantahubClient(Builder b) {
    this.config = b.copy();
    HttpClient http = b.httpClient != null
        ? b.httpClient
        : HttpClient.newBuilder()
            .connectTimeout(b.connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(
                "https".equalsIgnoreCase(b.baseUri.getScheme())
                    ? HttpClient.Version.HTTP_2
                    : HttpClient.Version.HTTP_1_1)
            .build();
    this.transport = new Transport(
        http,
        b.baseUri,
        b.userAgent,
        b.requestTimeout,
        b.retryPolicy,
        b.sleeper,
        b.clock,
        b.maxConcurrentRequests);
    this.session = new Session(
        transport, b.username, b.password, b.scope, b.token, b.tokenStore, hubKey(b.baseUri));
    transport.session(session);
    this.registryName = b.registryName != null ? b.registryName : defaultRegistryName(b.baseUri);
    this.devices = new PantahubDevices(transport, registryName);
    this.workers = workers(b.maxConcurrentRequests);
    this.trails = new PantahubTrails(transport, registryName, b.userAgent, workers);
    this.objects = new PantahubObjects(transport);
    this.changes = new PantahubChanges(transport, registryName);
    this.logs = new PantahubLogs(transport, registryName);
    this.auth = new PantahubAuth(transport, session, b.tokenStore, hubKey(b.baseUri), b.clock);
  }

  /** A builder with the defaults: {@link #DEFAULT_BASE_URI}, no credentials, default retry policy. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this client's configuration, to make a variant. */
  public Builder newBuilder() {
    return config.copy();
  }

  /** Devices: list, get, user-meta; also the core {@link io.biggerfleet.spi.DeviceRegistry}. */
  public PantahubDevices devices() {
    return devices;
  }

  /** Trails and steps; also the core {@link io.biggerfleet.spi.DeviceTrails}. */
  public PantahubTrails trails() {
    return trails;
  }

  /** Objects (blobs referenced by states). */
  public PantahubObjects objects() {
    return objects;
  }

  /** The changes feed ({@code /changes/steps}, {@code /changes/devices}). */
  public PantahubChanges changes() {
    return changes;
  }

  /** Device logs. */
  public PantahubLogs logs() {
    return logs;
  }

  /** Login state, browser login, delegated and personal tokens. */
  public PantahubAuth auth() {
    return auth;
  }

  /**
   * Stops the client's shared bulk-call workers ({@link PantahubTrails#postAll}); idle workers also
   * end on their own after 30 s, so a client that is never closed leaks no threads. Idempotent. Later
   * bulk calls fail with {@link IllegalStateException}; single calls keep working.
   */
  @Override
  public void close() {
    workers.shutdown();
  }

  /** Bulk-call workers shared by every call: at most {@code max} daemon threads, ended when idle 30 s. */
  private static java.util.concurrent.ThreadPoolExecutor workers(int max) {
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(
        max,
        max,
        30,
        java.util.concurrent.TimeUnit.SECONDS,
        new java.util.concurrent.LinkedBlockingQueue<>(),
        r -> {
          Thread t = new Thread(r, "pantahub-post-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** The base URI calls go to. */
  public URI baseUri() {
    return config.baseUri;
  }

  /** The registry name used in device ids ({@code <hex id>@<registry>}). */
  public String registryName() {
    return registryName;
  }

  /** {@code PantahubClient[https://api.pantahub.com as api.pantahub.com, login alice]} — no secrets. */
  @Override
  public String toString() {
    String who = config.username != null
        ? "login " + config.username
        : config.token != null ? "token" : config.tokenStore != null ? "stored token" : "anonymous";
    return "PantahubClient[" + config.baseUri + " as " + registryName + ", " + who + "]";
  }

  static String hubKey(URI base) {
    String s = base.toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /** The host, lower-case, plus {@code :port} when the port is not the scheme's default. */
  static String defaultRegistryName(URI base) {
    String host = base.getHost().toLowerCase(Locale.ROOT);
    int port = base.getPort();
    boolean defaultPort = port == -1
        || ("https".equalsIgnoreCase(base.getScheme()) && port == 443)
        || ("http".equalsIgnoreCase(base.getScheme()) && port == 80);
    return defaultPort ? host : host + ":" + port;
  }

  /**
   * Configures a {@link PantahubClient}. Not thread-safe. Credentials: choose {@link #login} (password
   * or personal access token), {@link #token} (a token you obtained, e.g. a delegated app token), or
   * only a {@link #tokenStore} (a token saved by an earlier login); a token store also caches what a
   * login obtains.
   */
  public static final class Builder {
    private URI baseUri = DEFAULT_BASE_URI;
    private String registryName;
    private String userAgent = "bigger-fleet/0.1";
    private HttpClient httpClient;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private int maxConcurrentRequests = 16;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private String username;
    private char[] password;
    private String scope;
    private AccessToken token;
    private TokenStore tokenStore;

    private Builder() {}

    private Builder copy() {
      Builder b = new Builder();
      b.baseUri = baseUri;
      b.registryName = registryName;
      b.userAgent = userAgent;
      b.httpClient = httpClient;
      b.connectTimeout = connectTimeout;
      b.requestTimeout = requestTimeout;
      b.retryPolicy = retryPolicy;
      b.maxConcurrentRequests = maxConcurrentRequests;
      b.clock = clock;
      b.sleeper = sleeper;
      b.username = username;
      b.password = password == null ? null : Arrays.copyOf(password, password.length);
      b.scope = scope;
      b.token = token;
      b.tokenStore = tokenStore;
      return b;
    }

    /**
     * The hub, e.g. {@code https://api.pantahub.com} or the simulator's {@code http://127.0.0.1:PORT}.
     *
     * @throws IllegalArgumentException unless it is an absolute http(s) URI with a host and no query
     */
    public Builder baseUri(URI uri) {
      Objects.requireNonNull(uri, "base URI");
      String scheme = uri.getScheme();
      if (scheme == null
          || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          || uri.getHost() == null
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null
          || uri.getRawUserInfo() != null) {
        throw new IllegalArgumentException(
            "Base URI '" + uri.getScheme() + "://" + uri.getHost()
                + "...' must be an absolute http(s) URI with a host and no user info, query or fragment");
      }
      this.baseUri = uri;
      return this;
    }

    /** See {@link #baseUri(URI)}. */
    public Builder baseUri(String uri) {
      try {
        return baseUri(URI.create(Objects.requireNonNull(uri, "base URI")));
      } catch (IllegalArgumentException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("Base URI")) {
          throw e;
        }
        throw new IllegalArgumentException("Base URI is not a valid URI: " + e.getMessage());
      }
    }

    /**
     * The registry name in device ids; default: the base URI's host plus {@code :port} when not the
     * default (e.g. {@code api.pantahub.com}). Give the simulator a stable name such as
     * {@code sim.pantahub.local}, since its port changes between runs.
     *
     * @throws io.biggerfleet.InvalidInputException if it is not a valid registry name
     */
    public Builder registryName(String name) {
      io.biggerfleet.device.DeviceId.of("x", Objects.requireNonNull(name, "registry name"));
      this.registryName = name.toLowerCase(Locale.ROOT);
      return this;
    }

    /** The {@code User-Agent} header (Pantahub refuses logins without one); default {@code bigger-fleet/0.1}. */
    public Builder userAgent(String ua) {
      Objects.requireNonNull(ua, "user agent");
      if (ua.isBlank()) {
        throw new IllegalArgumentException(
            "User agent must not be blank: Pantahub answers 403 without one");
      }
      this.userAgent = ua;
      return this;
    }

    /**
     * The HTTP client to use (proxy, TLS, executor). It should not follow redirects: the token is only
     * meant for the hub. Default: a client with {@link #connectTimeout}, no redirects.
     */
    public Builder httpClient(HttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "HTTP client");
      return this;
    }

    /** Connect timeout of the default HTTP client; default 10 s. */
    public Builder connectTimeout(Duration d) {
      this.connectTimeout = positive(d, "connect timeout");
      return this;
    }

    /** Timeout of each request (until the response headers arrive); default 30 s. */
    public Builder requestTimeout(Duration d) {
      this.requestTimeout = positive(d, "request timeout");
      return this;
    }

    /** Retries of idempotent calls; default {@link RetryPolicy#defaults()}. */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy, "retry policy");
      return this;
    }

    /**
     * The most requests in flight at once, 1..1024; default 16. Within it the client sizes concurrency
     * from the hub's answers (adaptive: starts at 4, grows while latency stays flat, shrinks when it
     * queues, halves on 429/503 and waits out {@code Retry-After}); bulk calls use that many workers.
     */
    public Builder maxConcurrentRequests(int n) {
      if (n < 1 || n > 1024) {
        throw new IllegalArgumentException("maxConcurrentRequests must be 1..1024, was " + n);
      }
      this.maxConcurrentRequests = n;
      return this;
    }

    /** Time source for token expiry and {@code Retry-After} dates; default UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How the client waits between retries; default {@link Sleeper#system()}. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Logs in with {@code POST /auth/login} when a token is needed and re-logs in when refresh is no
     * longer possible. Works for users (nick, email or PRN), personal access tokens (token name and
     * secret) and third-party apps (app PRN and secret). The password is copied.
     */
    public Builder login(String username, char[] password) {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
      if (username.isBlank()) {
        throw new IllegalArgumentException("Username must not be blank");
      }
      this.username = username;
      this.password = Arrays.copyOf(password, password.length);
      this.token = null;
      return this;
    }

    /** Limits the login token to these space-separated scopes (short or full ids); default all. */
    public Builder scope(String scope) {
      this.scope = Objects.requireNonNull(scope, "scope");
      return this;
    }

    /**
     * Uses this token (e.g. from {@code /auth/token} or the browser login). It is refreshed before its
     * {@code exp}; once expired the client needs {@link #login} credentials or fails with
     * {@link PantahubUnauthorizedException}.
     */
    public Builder token(AccessToken token) {
      this.token = Objects.requireNonNull(token, "token");
      this.username = null;
      this.password = null;
      return this;
    }

    /** Loads the token from / saves obtained tokens to this store, keyed by the base URI. */
    public Builder tokenStore(TokenStore store) {
      this.tokenStore = Objects.requireNonNull(store, "token store");
      return this;
    }

    public PantahubClient build() {
      return new PantahubClient(this);
    }

    private static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive, was " + d);
      }
      return d;
    }
  }
}
