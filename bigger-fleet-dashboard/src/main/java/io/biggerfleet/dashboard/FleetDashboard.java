package io.biggerfleet.dashboard;

import io.biggerfleet.FleetClient;
import io.biggerfleet.dashboard.internal.DashboardServer;
import io.biggerfleet.dashboard.internal.DashboardSettings;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The fleet's web dashboard, served from the app's own JVM on the JDK's HTTP server: fleet overview,
 * devices (search by expression), groups, rollouts (steps, timeline, per-device table, failures) and
 * the event log, updated live by server-sent events.
 *
 * <pre>{@code
 * FleetDashboard dashboard = FleetDashboard.builder(fleet).port(8640).start();   // http://127.0.0.1:8640/
 * }</pre>
 *
 * <p><b>Security.</b> It listens on loopback unless {@link Builder#bind} says otherwise, and then only
 * with an {@link DashboardAuth} (every page needs a login). It is read-only unless an
 * {@link Builder#auth auth hook} is given: then an operator who logs in may pause, resume, abort,
 * retry and back out rollouts and approve a waiting step (as that operator), each after a confirmation, with the API's rules and error messages.
 * Every action needs the session's CSRF token and a same-origin request; requests naming another host
 * are refused (DNS rebinding); every value shown is HTML-escaped; pages carry a strict
 * Content-Security-Policy; no secret (tokens, hub credentials) is ever rendered.
 *
 * <p><b>Scale.</b> Tables are paged and counts come from the fleet's index, so a page costs the same
 * at a million devices as at ten.
 *
 * <p><b>Thread-safety:</b> a started dashboard is safe to use from any thread; {@link #close()} stops
 * it (idempotent). <b>Errors:</b> {@link Builder#start} throws {@link java.io.UncheckedIOException} if the
 * port cannot be bound, {@link IllegalStateException} for a non-loopback bind without auth.
 */
public final class FleetDashboard implements AutoCloseable {
  private final DashboardServer server;

  private FleetDashboard(DashboardServer server) {
    this.server = server;
  }

  /** A builder serving {@code fleet}: loopback, a free port, read-only. */
  public static Builder builder(FleetClient fleet) {
    return new Builder(Objects.requireNonNull(fleet, "fleet"));
  }

  /** The address to open, e.g. {@code http://127.0.0.1:8640/}. */
  public URI uri() {
    return server.uri();
  }

  /** The port it listens on (the chosen one when started with port 0). */
  public int port() {
    return server.port();
  }

  /** Stops serving: open pages lose their live updates; in-flight requests get up to a second. */
  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return "FleetDashboard[" + uri() + "]";
  }

  /** Configures a {@link FleetDashboard}. Not thread-safe. */
  public static final class Builder {
    private final FleetClient fleet;
    private int port;
    private InetAddress bind = InetAddress.getLoopbackAddress();
    private DashboardAuth auth;
    private String title = "Bigger Fleet";
    private Duration refresh = Duration.ofSeconds(1);
    private boolean sharedStore;

    private Builder(FleetClient fleet) {
      this.fleet = fleet;
    }

    /** The TCP port; default 0, a free one (read it back with {@link FleetDashboard#port()}). */
    public Builder port(int p) {
      if (p < 0 || p > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, was " + p);
      }
      this.port = p;
      return this;
    }

    /**
     * The address to listen on; default loopback. Any other address requires {@link #auth}, and then
     * every page (not only actions) needs a login.
     */
    public Builder bind(InetAddress address) {
      this.bind = Objects.requireNonNull(address, "bind address");
      return this;
    }

    /** Who may act: enables the login form and rollout actions for the operators it accepts. */
    public Builder auth(DashboardAuth a) {
      this.auth = Objects.requireNonNull(a, "auth");
      return this;
    }

    /** The name in the page header; default {@code Bigger Fleet}. */
    public Builder title(String t) {
      this.title = Objects.requireNonNull(t, "title");
      return this;
    }

    /** How often the event log is read for live updates; default 1 s (engine events wake it at once). */
    public Builder refreshInterval(Duration d) {
      Objects.requireNonNull(d, "refresh interval");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("refresh interval must be positive, was " + d);
      }
      this.refresh = d;
      return this;
    }

    /**
     * Set when other processes write the same store (a shared database, the CLI): group memberships
     * are then reloaded whenever the event log shows a device or group change. Default off: the app's
     * own client keeps them current.
     */
    public Builder sharedStore(boolean shared) {
      this.sharedStore = shared;
      return this;
    }

    /** Binds the port and starts serving. */
    public FleetDashboard start() {
      if (!bind.isLoopbackAddress() && auth == null) {
        throw new IllegalStateException(
            "The dashboard listens on " + bind.getHostAddress()
                + ", which is not loopback: give it an auth hook (DashboardAuth) so every page needs a login");
      }
      DashboardSettings s = new DashboardSettings(
          fleet, bind, port, auth, title, refresh, sharedStore, !bind.isLoopbackAddress());
      return new FleetDashboard(DashboardServer.start(s));
    }
  }
}
