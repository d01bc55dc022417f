package io.biggerfleet.pantahub.sim;

import io.biggerfleet.pantahub.sim.internal.Simulation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A local Pantahub: a real HTTP server on 127.0.0.1 that answers like the real hub (paths, JSON shapes,
 * status codes, quirks of {@code pantahub-api.md}) with simulated devices behind it that pick up
 * posted steps and report progress.
 *
 * <pre>{@code
 * SimClock clock = SimClock.at("2026-01-05T09:00:00Z");
 * try (PantahubSimulator sim = PantahubSimulator.builder()
 *     .scenario(Scenario.walkthrough()).clock(clock).start()) {
 *   URI hub = sim.baseUri();              // e.g. http://127.0.0.1:41234
 *   // … post a step over HTTP …
 *   sim.advance(Duration.ofMinutes(10)); // devices progress, deterministically
 * }
 * }</pre>
 *
 * <p>Time: devices act only when told — {@link #tick()} runs what is due at the clock's time, {@link
 * #advance(Duration)} moves a {@link SimClock} and runs everything due on the way, in time order —
 * unless {@link Builder#realTime(Duration)} is set, which ticks on a scheduler (stand-alone server,
 * demos).
 *
 * <p>Thread-safe. {@link #close()} stops the server; it is idempotent.
 */
public final class PantahubSimulator implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(PantahubSimulator.class.getName());
  private final Simulation simulation;
  private final Clock clock;
  private final List<SimUser> users;
  private final ScheduledExecutorService ticker;

  private PantahubSimulator(Builder b) throws IOException {
    this.clock = b.clock;
    this.simulation = new Simulation(
        b.scenario,
        b.clock,
        new Simulation.Settings(
            b.port, b.threads, b.summaryLag, b.millisecondTimes, b.admin, b.latency));
    if (b.tokenLifetime != null) {
      simulation.tokenLifetime(b.tokenLifetime);
    }
    Map<String, String> prns = simulation.userPrns();
    List<SimUser> us = new ArrayList<>();
    for (SimUser u : b.scenario.users()) {
      us.add(u.withPrn(prns.get(u.nick())));
    }
    this.users = List.copyOf(us);
    if (b.tickInterval != null) {
      ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pantahub-sim-ticker");
        t.setDaemon(true);
        return t;
      });
      long ms = Math.max(1, b.tickInterval.toMillis());
      ticker.scheduleWithFixedDelay(this::safeTick, ms, ms, TimeUnit.MILLISECONDS);
    } else {
      ticker = null;
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
  public URI baseUri() {
    return URI.create(simulation.baseUri());
  }

  /** The users, with their PRNs. */
  public List<SimUser> users() {
    return users;
  }

  /**
   * A user by nick.
   *
   * @throws IllegalArgumentException when there is no such user
   */
  public SimUser user(String nick) {
    return users.stream()
        .filter(u -> u.nick().equals(nick))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no user '" + nick + "'; users: "
            + users.stream().map(SimUser::nick).toList()));
  }

  /** Snapshots of all devices (scenario devices first, then ones registered over HTTP). */
  public List<SimDevice> devices() {
    return simulation.devices().stream().map(PantahubSimulator::snapshot).toList();
  }

  /** A snapshot of the device with this id or nick. */
  public Optional<SimDevice> device(String idOrNick) {
    return Optional.ofNullable(simulation.device(idOrNick)).map(PantahubSimulator::snapshot);
  }

  private static SimDevice snapshot(Simulation.DeviceView v) {
    return new SimDevice(
        v.id(),
        v.nick(),
        v.ownerPrn(),
        v.secret(),
        v.online(),
        v.revision(),
        v.userMeta(),
        v.deviceMeta());
  }

  /**
   * Stores an object (as if uploaded by {@code userNick}) so that steps may reference it; returns its
   * sha256 hex.
   *
   * @throws IllegalArgumentException when there is no such user
   */
  public String putObject(String userNick, String objectName, byte[] data) {
    Objects.requireNonNull(objectName, "objectName");
    Objects.requireNonNull(data, "data");
    return simulation.putObject(userNick, objectName, data);
  }

  /**
   * Steers the simulated device with this id or nick on demand (offline/online, fail, succeed, hang,
   * roll back after DONE); see {@link DeviceControl}.
   *
   * @throws IllegalArgumentException when there is no such device or it is not simulated (registered
   *     over HTTP)
   */
  public DeviceControl control(String idOrNick) {
    Objects.requireNonNull(idOrNick, "idOrNick");
    SimDevice d = device(idOrNick)
        .orElseThrow(() -> new IllegalArgumentException("no device '" + idOrNick + "'"));
    if (!simulation.simulated(d.id())) {
      throw new IllegalArgumentException(
          "device '" + idOrNick + "' is not simulated (registered over HTTP)");
    }
    return new DeviceControl(simulation, d.id(), d.nick());
  }

  /** Runs every device action due at the clock's current time; returns how many ran. */
  public int tick() {
    return simulation.runDue(clock.instant());
  }

  /**
   * Moves the {@link SimClock} forward by {@code d}, stopping at each due device action in time
   * order (so follow-up actions inside the window run too); returns the new time.
   *
   * @throws IllegalStateException when the simulator does not run on a {@link SimClock}
   */
  public Instant advance(Duration d) {
    Objects.requireNonNull(d, "duration");
    if (!(clock instanceof SimClock manual)) {
      throw new IllegalStateException(
          "advance(Duration) needs a SimClock (builder().clock(SimClock.at(...)));"
              + " this simulator runs on " + clock + " - call tick() instead");
    }
    Instant target = manual.instant().plus(d);
    while (true) {
      Instant next = simulation.nextDue();
      if (next == null || next.isAfter(target)) {
        break;
      }
      if (next.isAfter(manual.instant())) {
        manual.set(next);
      }
      simulation.runDue(next);
    }
    manual.set(target);
    simulation.runDue(target);
    return target;
  }

  /** Whether no device has work pending (every posted step is finished or waiting for nobody). */
  public boolean idle() {
    return simulation.nextDue() == null;
  }

  private void safeTick() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "simulator tick failed", e);
    }
  }

  @Override
  public void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    simulation.close();
  }

  @Override
  public String toString() {
    return "PantahubSimulator[" + simulation.baseUri() + "]";
  }

  /** Builder for {@link PantahubSimulator}; not thread-safe. */
  public static final class Builder {
    private Scenario scenario = Scenario.builder().build();
    private Clock clock = Clock.systemUTC();
    private int port;
    private int threads = 4;
    private Duration tickInterval;
    private Duration summaryLag = Duration.ZERO;
    private Duration tokenLifetime;
    private boolean millisecondTimes;
    private boolean admin;
    private Duration latency = Duration.ZERO;

    private Builder() {}

    /**
     * Answers every HTTP request {@code latency} of wall time after handling it, as a hub across a network
     * answers tens of milliseconds later (default zero). The wait holds no CPU and none of the
     * {@link #httpThreads(int)} slots: each open connection waits on its own thread, so a client with
     * {@code n} requests in flight gets about {@code n / latency} answers per second. For benchmarks of
     * latency-bound clients on one machine.
     *
     * @throws IllegalArgumentException if {@code latency} is negative or longer than 10 s
     */
    public Builder responseLatency(Duration latency) {
      Objects.requireNonNull(latency, "latency");
      if (latency.isNegative() || latency.compareTo(Duration.ofSeconds(10)) > 0) {
        throw new IllegalArgumentException("responseLatency must be in [0, 10 s], was " + latency);
      }
      this.latency = latency;
      return this;
    }

    /**
     * Keeps every time to the millisecond, as the real hub's MongoDB does, so that changes within one
     * millisecond share their time (default false: times are made unique by nanoseconds). Use it to
     * test that a client copes with ties, e.g. in {@code /changes} paging.
     */
    public Builder millisecondTimes(boolean on) {
      this.millisecondTimes = on;
      return this;
    }

    /**
     * Serves the admin endpoint {@code POST /sim/admin/devices/{id or nick}/{action}} (default off; the
     * real hub has no such thing). It steers devices like {@link #control(String)}; it answers only
     * loopback clients and only requests with {@code Content-Type: application/json}.
     */
    public Builder adminEndpoint(boolean on) {
      this.admin = on;
      return this;
    }

    /**
     * Makes every token the hub issues (password, browser/PKCE, app and personal logins) live
     * {@code lifetime} instead of the real hub's 60 minutes (5 for browser logins). For demos on an
     * accelerated clock, where days pass between two commands and no one would log in again.
     */
    public Builder tokenLifetime(Duration lifetime) {
      Objects.requireNonNull(lifetime, "lifetime");
      if (lifetime.isNegative() || lifetime.isZero()) {
        throw new IllegalArgumentException("tokenLifetime must be positive, was " + lifetime);
      }
      this.tokenLifetime = lifetime;
      return this;
    }

    /**
     * Makes {@code /trails/summary} lag behind trail changes by {@code lag}, as production's
     * asynchronous summary pipeline does (default zero: rows are live). Use it to test that a fleet
     * app copes with eventually consistent summaries.
     */
    public Builder summaryLag(Duration lag) {
      Objects.requireNonNull(lag, "lag");
      if (lag.isNegative()) {
        throw new IllegalArgumentException("summaryLag must not be negative, was " + lag);
      }
      this.summaryLag = lag;
      return this;
    }

    /** What to start with (default: user {@code user1}, no devices). */
    public Builder scenario(Scenario scenario) {
      this.scenario = Objects.requireNonNull(scenario, "scenario");
      return this;
    }

    /**
     * The clock for every time the hub shows and every device delay (default: system UTC). Any
     * {@link Clock} works with {@link PantahubSimulator#tick()}; {@link PantahubSimulator#advance(Duration)}
     * needs a {@link SimClock}, which it moves.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be in [0, 65535], was " + port);
      }
      this.port = port;
      return this;
    }

    /** How many HTTP requests are handled at once (default 4); each open connection has its own thread. */
    public Builder httpThreads(int threads) {
      if (threads < 1 || threads > 256) {
        throw new IllegalArgumentException("httpThreads must be in [1, 256], was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** Tick on a scheduler every {@code interval} (real-time mode); off by default. */
    public Builder realTime(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("realTime interval must be positive, was " + interval);
      }
      this.tickInterval = interval;
      return this;
    }

    /**
     * Creates the hub from the scenario and starts the server.
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public PantahubSimulator start() {
      try {
        return new PantahubSimulator(this);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot start the Pantahub simulator on 127.0.0.1:" + port + ": " + e.getMessage(), e);
      }
    }
  }
}
